// `route A default via B`, `route A 10.1.0.0/16 via 10.0.0.2`: static routes, always with a dev.
// `route host 10.0.0.0/24 via A`: a route on the machine into the lab, through a host end; the lab owns
// it (undo, `del`, `unlink` and teardown take it away; the kernel drops it with the host end).
import type { RouteStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { type Family, isNetwork, networkOf, normalize, subnetOf } from "../addressing.js";
import { requireNodeOrHost } from "../checks.js";
import { replaceNode } from "../edit.js";
import { gatewayByAddress, gatewaysByNode } from "../gateway.js";
import { requireHostRouteFree } from "../host-overlap.js";
import { type MachineFacts, UNREAD } from "../machine.js";
import type { Op } from "../ops/types.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { routeLine } from "../summary.js";
import { HOST, type Node, type Route, type World } from "../world.js";

/** The destination as the model keeps it: `default` or a network prefix. */
function destinationOf(stmt: RouteStmt): Result<string> {
  const d = stmt.destination;
  if (d.kind === "default") return ok("default");
  const written = `${normalize(d.address)}/${d.prefixLength}`;
  if (!isNetwork(d.address, d.prefixLength))
    return problem(
      "not-a-network",
      `${written} is an address, not a network`,
      d.span,
      `write ${networkOf(d.address, d.prefixLength)}/${d.prefixLength}`,
    );
  return ok(written);
}

/** The routes a node's interfaces hold while down (set … down); most nodes have none. */
function heldRoutes(node: Node): readonly Route[] {
  const held: Route[] = [];
  for (const iface of node.ifaces.values()) if (iface.held !== undefined) held.push(...iface.held.routes);
  return held;
}

/** A node already on the destination's subnet needs no route there (IPv4 would refuse it too). */
function connectedIface(node: Node, destination: string): string | undefined {
  for (const iface of node.ifaces.values())
    if (iface.addresses.some((cidr) => subnetOf(cidr) === destination)) return iface.name;
  return undefined;
}

export function evaluateRoute(world: World, stmt: RouteStmt, machine: MachineFacts = UNREAD): Result<Change> {
  const found = requireNodeOrHost(world, stmt.node);
  if (!found.ok) return found;
  const node = found.value;
  const destination = destinationOf(stmt);
  if (!destination.ok) return destination;
  const family: Family | undefined = stmt.destination.kind === "prefix" ? stmt.destination.family : undefined;
  const gateways =
    stmt.via.kind === "address"
      ? gatewayByAddress(world, node, stmt.via.address, family)
      : gatewaysByNode(world, node, stmt.via.name, family === undefined ? [4, 6] : [family]);
  if (!gateways.ok) return gateways;

  const on = destination.value === "default" ? undefined : connectedIface(node, destination.value);
  if (on !== undefined)
    return problem(
      "connected-subnet",
      `${node.name} is on ${destination.value} already (${on}); it needs no route there`,
      stmt.destination.span,
      "routes are for networks the node is not on",
    );
  if (node.name === HOST) {
    const free = requireHostRouteFree(world, machine, destination.value, stmt.destination.span);
    if (!free.ok) return free;
  }
  const routes: Route[] = gateways.value.map((g) => ({ destination: destination.value, ...g }));
  const held = heldRoutes(node);
  for (const route of routes) {
    const dev = route.dev === undefined ? undefined : node.ifaces.get(route.dev);
    if (dev?.up === false)
      return problem(
        "link-down",
        `${node.name}:${route.dev} is down: a route through it cannot go in`,
        stmt.via.kind === "node" ? stmt.via.name.span : stmt.via.address.span,
        `bring it up first: set ${node.name}:${route.dev} up`,
      );
    const same = (r: Route): boolean => r.destination === route.destination && r.family === route.family;
    const existing = node.routes.find(same) ?? held.find(same);
    if (existing !== undefined)
      return problem(
        "route-exists",
        `${node.name} already has a ${route.destination === "default" ? `default route for IPv${route.family}` : `route to ${route.destination}`} (via ${existing.via} dev ${existing.dev})`,
        stmt.destination.span,
        existing.auto
          ? "route auto added that one: undo it, write this route, then run route auto again (it keeps routes written by hand)"
          : "undo the earlier route first, or pick another destination",
      );
  }
  // All of them in one edit of the node map: the node is in hand, and a route list grows as addRoute grows it.
  const after = replaceNode(world, node, { ...node, routes: [...node.routes, ...routes] });
  const ops: Op[] = routes.map((route) => ({ kind: "route.add", node: node.name, route }));
  return ok({ before: world, after, ops, summary: routes.map((r) => routeLine("+", node.name, r)) });
}
