// `why A B`: follow a ping hop by hop as the kernel would route it, there and back, and name the
// first thing that stops it. The kernel is read through a Probe; the World says who holds an
// address and which ends a link (or a switch) joins.
import { familyOf } from "../interpreter/addressing.js";
import { peerEnd } from "../interpreter/links.js";
import type { WhyQuery } from "../interpreter/plan.js";
import { neighbours } from "../interpreter/segments.js";
import type { LinkEndRef, World } from "../interpreter/world.js";

/** What `ip route get` says in one node: where the packet leaves, or that there is no route. */
export type RouteAnswer =
  | { readonly kind: "local" }
  | { readonly kind: "via"; readonly dev: string; readonly gateway?: string; readonly source?: string }
  | { readonly kind: "none"; readonly error: string };

export interface LinkState {
  /** Administratively up (`ip link set … up`). */
  readonly up: boolean;
  /** The other end is there and up (LOWER_UP). */
  readonly carrier: boolean;
}

export interface Probe {
  ping(node: string, address: string): Promise<boolean>;
  route(node: string, address: string): Promise<RouteAnswer>;
  links(node: string): Promise<ReadonlyMap<string, LinkState>>;
  forwards(node: string, family: 4 | 6): Promise<boolean>;
}

/** Why the ping does not arrive, or that it does. `back`: on the way back from the target. */
export type Cause =
  | { readonly kind: "reaches"; readonly from: string; readonly address: string }
  | { readonly kind: "no-address"; readonly node: string }
  | { readonly kind: "no-route"; readonly node: string; readonly address: string; readonly back: boolean }
  /** `bySet`: the lab has it down (`set … down`), not only the kernel. */
  | { readonly kind: "link-down"; readonly end: LinkEndRef; readonly back: boolean; readonly bySet: boolean }
  | { readonly kind: "unknown-hop"; readonly node: string; readonly address: string; readonly back: boolean }
  | {
      readonly kind: "off-link";
      readonly node: string;
      readonly dev: string;
      readonly hop: string;
      readonly holder: LinkEndRef;
      readonly back: boolean;
    }
  | { readonly kind: "no-forwarding"; readonly node: string; readonly family: 4 | 6; readonly back: boolean }
  | { readonly kind: "loop"; readonly nodes: readonly string[]; readonly back: boolean }
  | { readonly kind: "leaves-lab"; readonly node: string; readonly hop: string; readonly back: boolean }
  | { readonly kind: "unexplained"; readonly path: readonly string[] };

const MAX_HOPS = 32;

const linkDown = (world: World, end: LinkEndRef, back: boolean): Cause => ({
  kind: "link-down",
  end,
  back,
  bySet: world.nodes.get(end.node)?.ifaces.get(end.ifname)?.up === false,
});

/** The peer of a link end, per the World: the far end of its veth (a switch's port for a member). */
function peerOf(world: World, end: LinkEndRef): LinkEndRef | undefined {
  const id = world.nodes.get(end.node)?.ifaces.get(end.ifname)?.link;
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
  const ifaces = [...(world.nodes.get(node)?.ifaces.values() ?? [])].filter((i) => i.link !== undefined);
  return downEnd(
    world,
    probe,
    ifaces.map((i) => ({ node, ifname: i.name })),
  );
}

type Walk = { readonly arrived: string; readonly source?: string; readonly path: string[] } | Cause;

/** From `start` towards `address`, one hop at a time, until a node that holds it. */
async function walk(world: World, probe: Probe, start: string, address: string, back: boolean): Promise<Walk> {
  const family = familyOf(address);
  const path = [start];
  let at = start;
  let source: string | undefined;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const r = await probe.route(at, address);
    if (r.kind === "local") return { arrived: at, path, ...(source ? { source } : {}) };
    if (r.kind === "none") {
      const down = await downInterface(world, probe, at);
      return down ? linkDown(world, down, back) : { kind: "no-route", node: at, address, back };
    }
    if (at === start) source = r.source;
    const next = r.gateway ?? address;
    const holder = world.addresses.get(next);
    const own: LinkEndRef = { node: at, ifname: r.dev };
    if (holder === undefined) {
      const down = await downEnd(world, probe, [own]);
      return down ? linkDown(world, down, back) : { kind: "unknown-hop", node: at, address: next, back };
    }
    // The machine (`host`) is no node of the lab: what happens in it is not netl's to read.
    if (!world.nodes.has(holder.node)) return { kind: "leaves-lab", node: at, hop: next, back };
    const node = world.nodes.get(at);
    const shares =
      node !== undefined &&
      neighbours(world, node).some(
        (n) => n.own.ifname === r.dev && n.far.node === holder.node && n.far.ifname === holder.ifname,
      );
    if (!shares) return { kind: "off-link", node: at, dev: r.dev, hop: next, holder, back };
    const down = await downEnd(world, probe, [own, holder]);
    if (down) return linkDown(world, down, back);
    if (path.includes(holder.node)) return { kind: "loop", nodes: [...path, holder.node], back };
    path.push(holder.node);
    if (world.addresses.get(address)?.node === holder.node)
      return { arrived: holder.node, path, ...(source ? { source } : {}) };
    if (!(await probe.forwards(holder.node, family))) return { kind: "no-forwarding", node: holder.node, family, back };
    at = holder.node;
  }
  return { kind: "loop", nodes: path, back };
}

export async function explain(q: WhyQuery, probe: Probe): Promise<Cause> {
  const { from, address, target } = q.ping;
  if (address === undefined) return { kind: "no-address", node: target };
  if (await probe.ping(from, address)) return { kind: "reaches", from, address };
  const there = await walk(q.world, probe, from, address, false);
  if ("kind" in there) return there;
  // Replies go to the address the request came from.
  const source = there.source;
  if (source === undefined) return { kind: "unexplained", path: there.path };
  const back = await walk(q.world, probe, there.arrived, source, true);
  if ("kind" in back) return back;
  return { kind: "unexplained", path: [...there.path, ...back.path.slice(1)] };
}
