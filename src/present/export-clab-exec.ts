// What each containerlab node runs to become its netl node, read off the lab's final World in the order
// netl made things (interfaces, then each one's addresses, routes, firewall, processes): the ops netl would
// run inside the namespace, each lowered by ops/lower.ts to the command netl itself runs (ip, tc, nft).
// containerlab makes the links; what no container can hold (an interface moved in from the machine) is
// left out here, and export-clab.ts says so.

import { DEFAULT_MTU } from "../interpreter/conditions.js";
import { nodeSysctls } from "../interpreter/forwarding.js";
import { lower } from "../interpreter/ops/lower.js";
import { routeSpec } from "../interpreter/ops/route-spec.js";
import type { Op } from "../interpreter/ops/types.js";
import { bridgeOps } from "../interpreter/switches.js";
import { HOST, type Iface, type Link, type LinkEndRef, type Node, nodeOf, type World } from "../interpreter/world.js";
import { shellLine } from "./shell-line.js";

/** What one node gets: its sysctls, its exec list, and commands for the machine (its links' host ends). */
export interface NodeSetup {
  readonly sysctls: Readonly<Record<string, string>>;
  readonly exec: readonly string[];
  readonly hostExec: readonly string[];
}

/** The lab end of a link to `host`, and the host end's name; undefined for a link between nodes. */
export function hostLink(link: Link): { end: LinkEndRef; hostIfname: string } | undefined {
  if (link.b.node === HOST) return { end: link.a, hostIfname: link.b.ifname };
  if (link.a.node === HOST) return { end: link.b, hostIfname: link.a.ifname };
  return undefined;
}

/** A link's MTU in the topology: its lab end's (the first end's, for a link between nodes). */
export function linkMtu(world: World, link: Link): number {
  const end = hostLink(link)?.end ?? link.a;
  return nodeOf(world, end.node)?.ifaces.get(end.ifname)?.mtu ?? DEFAULT_MTU;
}

/** The log a spawned process writes to, inside its container. */
export const spawnLog = (id: number): string => `/tmp/netl-spawn-${id}.log`;

/**
 * An exec line: containerlab splits it like a shell (without running one) and first expands `$VAR` from
 * its own environment, so a `$` meant for the command is written `$$`.
 */
const execLine = (argv: readonly string[]): string => shellLine(argv).replaceAll("$", "$$$$");

/** An op as the command that does it inside its namespace: `ip addr add …`, `tc qdisc replace …`, `nft …`. */
export function commandOf(op: Op): string {
  if (op.kind === "proc.start") {
    // In the background, its output in a file: containerlab's exec waits for the command and its output.
    const started = `${shellLine(["sh", "-c", op.command])} </dev/null >>${spawnLog(op.id)} 2>&1 &`;
    return execLine(["sh", "-c", started]);
  }
  const step = lower(op, (node) => node);
  if (step.phase !== "ns") throw new Error(`export-clab: ${op.kind} is not done inside a namespace`);
  return execLine([step.tool, ...step.line]);
}

/**
 * An interface as netl leaves it, on top of what containerlab makes of a link end (up, with the link's
 * MTU): up, its MTU where it differs, its queue, its bridge, its addresses in order, down if it is.
 */
function ifaceOps(node: string, iface: Iface, linkMtuOf: number | undefined): Op[] {
  const at = { node, ifname: iface.name };
  const own = iface.mtu ?? DEFAULT_MTU;
  const ops: Op[] = [];
  if (iface.up && iface.name !== "lo") ops.push({ kind: "link.set", ...at, up: true });
  if (linkMtuOf !== undefined && own !== linkMtuOf)
    ops.push({ kind: "link.mtu", ...at, mtu: own, previous: linkMtuOf });
  if (iface.conditions !== undefined) ops.push({ kind: "qdisc.set", ...at, conditions: iface.conditions });
  if (iface.master !== undefined) ops.push({ kind: "link.master", ...at, master: iface.master });
  for (const cidr of iface.addresses) ops.push({ kind: "addr.add", ...at, cidr });
  if (!iface.up && iface.link !== undefined) ops.push({ kind: "link.set", ...at, up: false });
  return ops;
}

/** A node's own ops, in netl's order: lo up, a switch's bridge, its interfaces, routes, firewall, processes. */
function nodeOps(world: World, node: Node): Op[] {
  const name = node.name;
  const ops: Op[] = [{ kind: "link.set", node: name, ifname: "lo", up: true }];
  if (node.kind === "switch") ops.push(...bridgeOps(name));
  const moved = new Set<string>();
  for (const iface of node.ifaces.values()) {
    if (iface.origin !== undefined) moved.add(iface.name);
    if (iface.origin !== undefined || iface.bridge) continue;
    const link = iface.link === undefined ? undefined : world.links.get(iface.link);
    ops.push(...ifaceOps(name, iface, link === undefined ? undefined : linkMtu(world, link)));
  }
  for (const route of node.routes)
    if (route.dev === undefined || !moved.has(route.dev))
      ops.push({ kind: "route.add", node: name, route: routeSpec(route) });
  const rules = node.firewall ?? [];
  if (rules.length > 0) ops.push({ kind: "fw.set", node: name, rules, previous: [] });
  for (const p of node.processes ?? []) ops.push({ kind: "proc.start", node: name, id: p.id, command: p.command });
  return ops;
}

/** Each node's setup, by name, in the World's node order. */
export function nodeSetups(world: World): Map<string, NodeSetup> {
  const hostExec = new Map<string, string[]>();
  for (const link of world.links.values()) {
    const h = hostLink(link);
    const iface = world.host.ifaces.get(h?.hostIfname ?? "");
    if (h === undefined || iface === undefined) continue;
    // The machine's end: its commands run there, when the node at the other end is configured.
    const lines = ifaceOps(HOST, iface, linkMtu(world, link)).map(commandOf);
    hostExec.set(h.end.node, [...(hostExec.get(h.end.node) ?? []), ...lines]);
  }
  const setups = new Map<string, NodeSetup>();
  for (const node of world.nodes.values())
    setups.set(node.name, {
      sysctls: Object.fromEntries(nodeSysctls(node.kind).map((s) => [s.key, s.value])),
      exec: nodeOps(world, node).map(commandOf),
      hostExec: hostExec.get(node.name) ?? [],
    });
  return setups;
}
