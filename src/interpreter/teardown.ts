// Taking a link or a node away: the ops, one kernel step each, whose inverses in reverse
// order rebuild everything (routes after addresses after links after namespaces).

import { newestFirst } from "./addressing.js";
import { removeLink, removeNode } from "./edit.js";
import { applyState, PLAIN } from "./end-conditions.js";
import { nodeSysctls } from "./forwarding.js";
import { returnMoved } from "./moved.js";
import { routeSpec } from "./ops/route-spec.js";
import type { Op } from "./ops/types.js";
import { linkName } from "./summary.js";
import { HOST, type Link, nodeOf, type World } from "./world.js";

export interface Removal {
  readonly world: World;
  readonly ops: readonly Op[];
  readonly summary: readonly string[];
}

/** route.del of routes through either end, addr.del of both ends' addresses, bridge ports leave, both ends down, veth.del. */
export function takeLinkAway(world: World, link: Link): Removal {
  const ends = [link.a, link.b] as const;
  const ops: Op[] = [];
  for (const end of ends) {
    const node = nodeOf(world, end.node);
    for (const route of node?.routes ?? [])
      if (route.dev === end.ifname) ops.push({ kind: "route.del", node: end.node, route: routeSpec(route) });
  }
  for (const end of ends) {
    const iface = nodeOf(world, end.node)?.ifaces.get(end.ifname);
    for (const cidr of newestFirst(iface?.addresses)) ops.push({ kind: "addr.del", ...end, cidr });
  }
  for (const end of ends) {
    const master = nodeOf(world, end.node)?.ifaces.get(end.ifname)?.master;
    if (master !== undefined) ops.push({ kind: "link.nomaster", ...end, master });
  }
  // The queue and MTU go with the device (stages.ts elides these); listed so undo puts them back.
  for (const end of ends) ops.push(...applyState(world, end, PLAIN).ops);
  for (const end of ends) {
    if (nodeOf(world, end.node)?.ifaces.get(end.ifname)?.up) ops.push({ kind: "link.set", ...end, up: false });
  }
  ops.push({ kind: "veth.del", a: link.a, b: link.b });
  return { world: removeLink(world, link), ops, summary: [`- link ${linkName(link)}`] };
}

/** Every link of the node, then its own routes, addresses, lo and sysctls, then the namespace. */
export function takeNodeAway(world: World, name: string): Removal {
  const start = world.nodes.get(name);
  if (start === undefined) throw new Error(`teardown: no node '${name}'`);
  const ops: Op[] = [];
  const summary: string[] = [];
  // What runs in it ends first (undo starts it again last); its firewall goes with the namespace.
  for (const p of [...(start.processes ?? [])].reverse())
    ops.push({
      kind: "proc.stop",
      node: name,
      id: p.id,
      command: p.command,
      ...(p.capture ? { capture: p.capture } : {}),
    });
  if ((start.firewall ?? []).length > 0)
    ops.push({ kind: "fw.set", node: name, rules: [], previous: start.firewall ?? [] });
  let next = world;
  for (const iface of start.ifaces.values()) {
    const link = iface.link === undefined ? undefined : next.links.get(iface.link);
    if (link === undefined) continue;
    const removed = takeLinkAway(next, link);
    ops.push(...removed.ops);
    summary.push(...removed.summary);
    next = removed.world;
  }
  // Interfaces from the machine go back to it with their state before the namespace goes.
  const returned = returnMoved(next, name);
  ops.push(...returned.ops);
  summary.push(...returned.summary);
  next = returned.world;
  const node = next.nodes.get(name);
  if (node === undefined) throw new Error(`teardown: node '${name}' vanished`);
  for (const route of node.routes) ops.push({ kind: "route.del", node: name, route: routeSpec(route) });
  for (const iface of node.ifaces.values()) {
    for (const cidr of newestFirst(iface.addresses))
      ops.push({ kind: "addr.del", node: name, ifname: iface.name, cidr });
    if (iface.up) ops.push({ kind: "link.set", node: name, ifname: iface.name, up: false });
    if (iface.bridge) ops.push({ kind: "bridge.del", node: name, ifname: iface.name });
  }
  // Reverse order of creation, so that undo sets them in creation order.
  for (const s of nodeSysctls(node.kind).reverse())
    ops.push({ kind: "sysctl.set", node: name, key: s.key, value: s.fresh, previous: s.value });
  ops.push({ kind: "netns.del", node: name });
  summary.push(`- ${node.kind} ${name}`);
  return { world: removeNode(next, name), ops, summary };
}

/**
 * Every node taken away, the last made first (`reset`, teardown): the empty lab, the ops that empty
 * it (their inverses build it) and what they did, in words.
 */
export function emptied(world: World): { world: World; ops: Op[]; summary: string[] } {
  let next = world;
  const ops: Op[] = [];
  const summary: string[] = [];
  for (const name of [...world.nodes.keys()].reverse()) {
    const removed = takeNodeAway(next, name);
    next = removed.world;
    ops.push(...removed.ops);
    summary.push(...removed.summary);
  }
  return { world: next, ops, summary };
}

/** Removing the whole lab (teardown, `netl down`): `reset`'s ops, less the host ends' own clean-up, which deleting them does. */
export function teardownOps(world: World): Op[] {
  const { ops } = emptied(world);
  const hostEnd = (op: Op) => "node" in op && "ifname" in op && op.node === HOST && world.host.ifaces.has(op.ifname);
  return ops.filter((op) => !hostEnd(op));
}
