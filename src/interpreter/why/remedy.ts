// What would give a node the route `why` found missing or wrong: `route auto` when it would change that
// node's routes, the router it waits for when it would be refused (never `route auto` itself then), a
// route on the machine for `host`, else a route by hand.
import { onSubnet, subnetOf } from "../addressing.js";
import { segmentOfLink } from "../segments.js";
import { autoChange, autoRoutes } from "../statements/route-auto.js";
import { HOST, type World } from "../world.js";
import type { Fix } from "./cause.js";

/** The lab subnet `address` is on (the holder's), else the address alone. */
function subnetHolding(world: World, address: string): string {
  const at = world.addresses.get(address);
  const iface =
    at === undefined ? undefined : (at.node === HOST ? world.host : world.nodes.get(at.node))?.ifaces.get(at.ifname);
  const cidr = iface?.addresses.find((c) => c.startsWith(`${address}/`));
  return cidr === undefined ? `${address}/${address.includes(":") ? 128 : 32}` : subnetOf(cidr);
}

/** A lab node on a host end's segment to route through: one on the subnet, or one with a route to it, or the first. */
function hostGateway(world: World, address: string): string | undefined {
  const near: string[] = [];
  for (const iface of world.host.ifaces.values()) {
    const link = iface.link === undefined ? undefined : world.links.get(iface.link);
    for (const end of link === undefined ? [] : segmentOfLink(world, link)) if (end.node !== HOST) near.push(end.node);
  }
  const covers = (name: string) => {
    const node = world.nodes.get(name);
    if (node === undefined) return false;
    const on = [...node.ifaces.values()].some((i) => i.addresses.some((c) => onSubnet(c, address)));
    return on || node.routes.some((r) => r.destination === "default" || onSubnet(r.destination, address));
  };
  return near.find(covers) ?? near[0];
}

export function remedy(world: World, node: string, address: string): Fix {
  if (node === HOST) {
    const via = hostGateway(world, address);
    return { kind: "route-host", subnet: subnetHolding(world, address), ...(via === undefined ? {} : { via }) };
  }
  const auto = autoRoutes(world);
  if ("stuck" in auto) return { kind: "router", node: auto.stuck.through };
  const changes = autoChange(world, auto.routes).ops.some((op) => op.kind === "route.add" && op.node === node);
  return changes ? { kind: "route-auto" } : { kind: "by-hand", node };
}
