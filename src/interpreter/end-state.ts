// Bringing a link end down and up again like a cable pulled and plugged back. The kernel drops an
// interface's IPv6 addresses and the routes through it when it goes down, and does not bring them
// back: netl removes them itself first (so undo can re-add them), keeps them in Iface.held, and
// puts them back when the end comes up.
import { updateIface, updateNode } from "./edit.js";
import { routeSpec } from "./ops/route-spec.js";
import type { Op } from "./ops/types.js";
import { type LinkEndRef, nodeOf, type World } from "./world.js";

export function endDown(world: World, end: LinkEndRef): { world: World; ops: Op[] } {
  const node = nodeOf(world, end.node);
  const iface = node?.ifaces.get(end.ifname);
  if (node === undefined || iface === undefined || !iface.up) return { world, ops: [] };
  const routes = node.routes.filter((r) => r.dev === end.ifname);
  const v6 = iface.addresses.filter((cidr) => cidr.includes(":"));
  const ops: Op[] = [
    ...routes.map((r): Op => ({ kind: "route.del", node: end.node, route: routeSpec(r) })),
    ...v6.map((cidr): Op => ({ kind: "addr.del", ...end, cidr })),
    { kind: "link.set", ...end, up: false },
  ];
  let next = updateNode(world, end.node, (n) => ({ ...n, routes: n.routes.filter((r) => r.dev !== end.ifname) }));
  next = updateIface(next, end, (i) => ({
    ...i,
    up: false,
    addresses: i.addresses.filter((cidr) => !v6.includes(cidr)),
    held: { addresses: v6, routes },
  }));
  return { world: next, ops };
}

export function endUp(world: World, end: LinkEndRef): { world: World; ops: Op[] } {
  const iface = nodeOf(world, end.node)?.ifaces.get(end.ifname);
  if (iface === undefined || iface.up) return { world, ops: [] };
  const held = iface.held ?? { addresses: [], routes: [] };
  const ops: Op[] = [
    { kind: "link.set", ...end, up: true },
    ...held.addresses.map((cidr): Op => ({ kind: "addr.add", ...end, cidr })),
    ...held.routes.map((r): Op => ({ kind: "route.add", node: end.node, route: routeSpec(r) })),
  ];
  let next = updateIface(world, end, ({ held: _h, ...i }) => ({
    ...i,
    up: true,
    addresses: [...i.addresses, ...held.addresses],
  }));
  next = updateNode(next, end.node, (n) => ({ ...n, routes: [...n.routes, ...held.routes] }));
  return { world: next, ops };
}
