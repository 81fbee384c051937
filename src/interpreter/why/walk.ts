// `why A B`: follow a ping hop by hop as a kernel routes it, there and back, and name the first thing
// that stops it. The kernel is read through a Probe (the live one, or the model's: model.ts); the World
// says who holds an address, which ends a link (or a switch) joins, and what the nodes' firewalls drop.
// No hop limit but the ping's own TTL: a path ends where it arrives, stops, or comes back to a node.
import { familyOf } from "../addressing.js";
import { blockingRule, ruleText } from "../firewall.js";
import { peerEnd } from "../links.js";
import type { PingQuery, WhyQuery } from "../plan.js";
import { neighbours, switchPath } from "../segments.js";
import { HOST, type LinkEndRef, nodeOf, type World } from "../world.js";
import type { Cause, Probe } from "./cause.js";
import { remedy } from "./remedy.js";

/** A ping leaves with TTL 64 and a router drops what it would pass on with TTL 1: 63 routers at most. */
export const MAX_FORWARDERS = 63;

const linkDown = (world: World, end: LinkEndRef, back: boolean): Cause => ({
  kind: "link-down",
  end,
  back,
  bySet: nodeOf(world, end.node)?.ifaces.get(end.ifname)?.up === false,
});

/** The peer of a link end, per the World: the far end of its veth (a switch's port for a member). */
function peerOf(world: World, end: LinkEndRef): LinkEndRef | undefined {
  const id = nodeOf(world, end.node)?.ifaces.get(end.ifname)?.link;
  const link = id === undefined ? undefined : world.links.get(id);
  return link === undefined ? undefined : peerEnd(link, end.node);
}

/** The first of these ends (and their veth peers) that is down, as the kernel has it. */
async function downEnd(world: World, probe: Probe, ends: readonly LinkEndRef[]): Promise<LinkEndRef | undefined> {
  for (const end of ends) {
    const state = (await probe.links(end.node)).get(end.ifname);
    if (state === undefined || state.carrier) continue;
    if (!state.up) return end;
    const peer = peerOf(world, end);
    if (peer === undefined) return end;
    const far = (await probe.links(peer.node)).get(peer.ifname);
    return far === undefined || !far.up ? peer : end;
  }
  return undefined;
}

/** An interface of the node that the kernel has down (by `set … down` or by hand): with no route left, the likely cause. */
async function downInterface(world: World, probe: Probe, node: string): Promise<LinkEndRef | undefined> {
  const ifaces = [...(nodeOf(world, node)?.ifaces.values() ?? [])].filter((i) => i.link !== undefined);
  return downEnd(
    world,
    probe,
    ifaces.map((i) => ({ node, ifname: i.name })),
  );
}

/**
 * The end on the segment of `own` through which `holder`'s node takes the packet: any interface of a
 * node answers for all its addresses (arp_ignore 0), so the one that holds it is preferred, not required.
 */
function farEnd(world: World, own: LinkEndRef, holder: LinkEndRef): LinkEndRef | undefined {
  const node = nodeOf(world, own.node);
  if (node === undefined) return undefined;
  const on = neighbours(world, node).filter((n) => n.own.ifname === own.ifname && n.far.node === holder.node);
  return (on.find((n) => n.far.ifname === holder.ifname) ?? on[0])?.far;
}

/** A link between the switches that join two ends of one segment, down: frames from one do not reach the other. */
async function downBetween(world: World, probe: Probe, a: LinkEndRef, b: LinkEndRef): Promise<LinkEndRef | undefined> {
  const [x, y] = [peerOf(world, a), peerOf(world, b)];
  if (x === undefined || y === undefined || x.node === y.node) return undefined;
  if (world.nodes.get(x.node)?.kind !== "switch" || world.nodes.get(y.node)?.kind !== "switch") return undefined;
  return downEnd(world, probe, switchPath(world, x.node, y.node));
}

type Walk = { readonly arrived: string; readonly source?: string; readonly path: string[] } | Cause;

/** From `start` towards `address`, one hop at a time, until a node where it is local. */
async function walk(world: World, probe: Probe, start: string, address: string, back: boolean): Promise<Walk> {
  const family = familyOf(address);
  const path = [start];
  let at = start;
  let source: string | undefined;
  /** The address the last hop was sent to (a gateway's, or the destination). */
  let hop = address;
  for (;;) {
    const r = await probe.route(at, address);
    if (r.kind === "local") return { arrived: at, path, ...(source ? { source } : {}) };
    if (at !== start) {
      // The machine (`host`) is no router of the lab: what it does with the packet is not netl's to read.
      if (at === HOST) return { kind: "leaves-lab", node: path[path.length - 2] ?? start, hop, back };
      if (!(await probe.forwards(at, family))) return { kind: "no-forwarding", node: at, family, back };
      if (path.length - 1 > MAX_FORWARDERS) return { kind: "too-far", nodes: path, back };
    }
    // The machine's routes out of its own interfaces lead away from the lab: no route into it.
    const away = at === HOST && r.kind === "via" && !world.host.ifaces.has(r.dev);
    if (r.kind === "none" || away) {
      const down = at === HOST ? undefined : await downInterface(world, probe, at);
      return down
        ? linkDown(world, down, back)
        : { kind: "no-route", node: at, address, back, fix: remedy(world, at, address) };
    }
    if (r.kind !== "via") return { kind: "unexplained", path };
    if (at === start) {
      source = r.source;
      const rule = back ? undefined : blockingRule(nodeOf(world, at)?.firewall, { address, protocol: "icmp" });
      if (rule !== undefined) return { kind: "blocked", node: at, rule: ruleText(at, rule) };
    }
    const next = r.gateway ?? address;
    hop = next;
    const holder = world.addresses.get(next);
    const own: LinkEndRef = { node: at, ifname: r.dev };
    if (holder === undefined) {
      const down = await downEnd(world, probe, [own]);
      return down
        ? linkDown(world, down, back)
        : { kind: "unknown-hop", node: at, address: next, back, fix: remedy(world, at, address) };
    }
    const far = farEnd(world, own, holder);
    if (far === undefined)
      return { kind: "off-link", node: at, dev: r.dev, hop: next, holder, back, fix: remedy(world, at, address) };
    const down = (await downEnd(world, probe, [own, far])) ?? (await downBetween(world, probe, own, far));
    if (down) return linkDown(world, down, back);
    if (path.includes(holder.node))
      return { kind: "loop", nodes: [...path, holder.node], back, fix: remedy(world, at, address) };
    path.push(holder.node);
    at = holder.node;
  }
}

/** The ping's path followed there and back: the first Cause that stops it, or the nodes it passes when nothing does. */
export async function trace(
  world: World,
  ping: Pick<PingQuery, "from" | "target" | "address">,
  probe: Probe,
): Promise<Cause | { readonly arrives: readonly string[] }> {
  const { from, address, target } = ping;
  if (address === undefined) return { kind: "no-address", node: target };
  const there = await walk(world, probe, from, address, false);
  if ("kind" in there) return there;
  // Replies go to the address the request came from.
  const source = there.source;
  if (source === undefined) return { kind: "unexplained", path: there.path };
  const back = await walk(world, probe, there.arrived, source, true);
  if ("kind" in back) return back;
  return { arrives: [...there.path, ...back.path.slice(1)] };
}

/** What `why` answers: a ping that arrives needs no explaining; otherwise its trace, or that nothing on the path explains it. */
export async function explain(q: WhyQuery, probe: Probe): Promise<Cause> {
  const { from, address } = q.ping;
  if (address !== undefined && (await probe.ping(from, address))) return { kind: "reaches", from, address };
  const t = await trace(q.world, q.ping, probe);
  return "kind" in t ? t : { kind: "unexplained", path: t.arrives };
}
