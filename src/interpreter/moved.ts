// Interfaces moved between the machine and the lab. The kernel takes a moved interface's
// addresses, routes, root qdisc and own settings and sets it down; netl takes them off explicitly
// first, so that every step has an exact inverse, and puts the machine's back (Origin) whenever one
// returns. It arrives as it was: up if it was up, down if it was down.
import { addressOf, newestFirst } from "./addressing.js";
import type { Origin } from "./machine.js";
import { invertAll } from "./ops/inverse.js";
import { routeSpec } from "./ops/route-spec.js";
import type { Op } from "./ops/types.js";
import { HOST, type Iface, type Node, type World } from "./world.js";

/**
 * What the machine gets back, in the order that works: MTU, its own settings (before it is up, so
 * that `disable_ipv6` or `accept_ra` hold from the start), its qdisc, up, addresses (each as it was:
 * broadcast, label, peer), then routes through them.
 */
export function restoreOps(ifname: string, origin: Origin): Op[] {
  const ops: Op[] = [];
  if (origin.mtu !== undefined)
    ops.push({ kind: "link.mtu", node: HOST, ifname, mtu: origin.mtu, previous: origin.mtu });
  for (const { key, value, fresh } of origin.conf ?? [])
    ops.push({ kind: "conf.set", node: HOST, ifname, key, value, previous: fresh });
  if (origin.qdisc !== undefined) ops.push({ kind: "qdisc.restore", node: HOST, ifname, words: origin.qdisc });
  if (origin.up) ops.push({ kind: "link.set", node: HOST, ifname, up: true });
  for (const cidr of origin.addresses) {
    const detail = origin.details?.[cidr];
    ops.push({ kind: "addr.add", node: HOST, ifname, cidr, ...(detail ? { detail } : {}) });
  }
  for (const route of origin.routes) ops.push({ kind: "route.add", node: HOST, route });
  return ops;
}

/** `move IF -> A`: the machine's state taken off, the move, and the interface up in A if it was up. */
export const moveInOps = (ifname: string, origin: Origin, to: string): Op[] => [
  ...invertAll(restoreOps(ifname, origin)),
  { kind: "iface.move", ifname, from: HOST, to },
  ...(origin.up ? [{ kind: "link.set", node: to, ifname, up: true } as const] : []),
];

/** What the lab put on a moved interface taken off again: routes through it, its addresses, up. */
function stripOps(node: Node, iface: Iface): Op[] {
  const ops: Op[] = [];
  for (const route of node.routes)
    if (route.dev === iface.name) ops.push({ kind: "route.del", node: node.name, route: routeSpec(route) });
  for (const cidr of newestFirst(iface.addresses))
    ops.push({ kind: "addr.del", node: node.name, ifname: iface.name, cidr });
  if (iface.up) ops.push({ kind: "link.set", node: node.name, ifname: iface.name, up: false });
  return ops;
}

/** `move A:IF -> host` (and `del A`, `reset`, teardown): back to the machine as it was there. */
export function moveBackOps(node: Node, iface: Iface, origin: Origin): Op[] {
  return [
    ...stripOps(node, iface),
    { kind: "iface.move", ifname: iface.name, from: node.name, to: HOST },
    ...restoreOps(iface.name, origin),
  ];
}

/** `move A:IF -> B`: from one node to another, arriving bare, up if it was up in A. */
export const passOps = (node: Node, iface: Iface, to: string): Op[] => [
  ...stripOps(node, iface),
  { kind: "iface.move", ifname: iface.name, from: node.name, to },
  ...(iface.up ? [{ kind: "link.set", node: to, ifname: iface.name, up: true } as const] : []),
];

function setNode(world: World, node: Node): World {
  return { ...world, nodes: world.nodes.set(node.name, node) };
}

/** The World with a machine interface arrived in `to`: up or down as it was, no addresses, its origin kept. */
export function takeIn(world: World, to: string, ifname: string, origin: Origin, up: boolean): World {
  const node = world.nodes.get(to);
  if (node === undefined) throw new Error(`moved: no node '${to}'`);
  const iface: Iface = { name: ifname, addresses: [], up, origin };
  return { ...setNode(world, { ...node, ifaces: node.ifaces.set(ifname, iface) }), moved: world.moved.set(ifname, to) };
}

/** The World with a moved interface gone from its node (with its addresses and the routes through it). */
export function takeOut(world: World, from: string, ifname: string): World {
  const node = world.nodes.get(from);
  const iface = node?.ifaces.get(ifname);
  if (node === undefined || iface === undefined) throw new Error(`moved: no interface ${from}:${ifname}`);
  const next = setNode(world, {
    ...node,
    ifaces: node.ifaces.delete(ifname),
    routes: node.routes.filter((r) => r.dev !== ifname),
  });
  return {
    ...next,
    addresses: next.addresses.deleteAll(iface.addresses.map(addressOf)),
    moved: next.moved.delete(ifname),
  };
}

/** Every moved interface of a node sent back to the machine (before `del` or `reset` removes the node). */
export function returnMoved(
  world: World,
  name: string,
): { readonly world: World; readonly ops: Op[]; readonly summary: string[] } {
  const node = world.nodes.get(name);
  let next = world;
  const ops: Op[] = [];
  const summary: string[] = [];
  for (const iface of node === undefined ? [] : node.ifaces.values()) {
    if (node === undefined || iface.origin === undefined) continue;
    // Each interface's own routes and addresses: taking one out leaves the others' as they were.
    ops.push(...moveBackOps(node, iface, iface.origin));
    summary.push(`- move ${iface.name} -> ${name}`);
    next = takeOut(next, name, iface.name);
  }
  return { world: next, ops, summary };
}
