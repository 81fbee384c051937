// The model's own kernel: a Probe answered from the World alone, as Linux would answer in the lab it
// builds (route lookup, source address, link states, forwarding). `predict` is `why` asked of it: what
// netl expects a ping to do before any packet is sent. The differential test holds it to the real kernel.
import { addressOf, type Family, familyOf, onSubnet, prefixLengthOf, subnetOf } from "../addressing.js";
import { peerEnd } from "../links.js";
import type { PingQuery } from "../plan.js";
import { type Iface, type Node, nodeOf, type World } from "../world.js";
import type { Cause, LinkState, Probe, RouteAnswer } from "./cause.js";
import { trace } from "./walk.js";

const ofFamily = (iface: Iface, family: Family): string[] =>
  iface.addresses.filter((c) => familyOf(addressOf(c)) === family);

/**
 * Whether the node takes `address` as its own: an IPv4 address stays local while its interface is down
 * (the kernel keeps its local route); IPv6 ones go down with it (netl holds them); a subnet on lo is local whole.
 */
function isLocal(node: Node, address: string, family: Family): boolean {
  for (const iface of node.ifaces.values()) {
    for (const cidr of ofFamily(iface, family)) {
      if (iface.name === "lo" && family === 4 && onSubnet(cidr, address)) return true;
      if (addressOf(cidr) === address && (family === 4 || iface.up)) return true;
    }
  }
  return false;
}

interface Candidate {
  readonly length: number;
  readonly dev: string;
  readonly gateway?: string;
  /** A connected route: its subnet. */
  readonly subnet?: string;
}

/** The most specific route to `address`: connected subnets of up interfaces, then static routes (IPv6 prefers connected at a tie). */
function lookup(node: Node, address: string, family: Family): Candidate | undefined {
  let best: Candidate | undefined;
  const offer = (c: Candidate) => {
    if (best === undefined || c.length > best.length) best = c;
  };
  for (const iface of node.ifaces.values()) {
    if (!iface.up || iface.name === "lo") continue;
    for (const cidr of ofFamily(iface, family))
      if (onSubnet(cidr, address)) offer({ length: prefixLengthOf(cidr), dev: iface.name, subnet: subnetOf(cidr) });
  }
  for (const r of node.routes) {
    if (r.family !== family || r.dev === undefined) continue;
    if (r.destination === "default") offer({ length: 0, dev: r.dev, gateway: r.via });
    else if (onSubnet(r.destination, address))
      offer({ length: prefixLengthOf(r.destination), dev: r.dev, gateway: r.via });
  }
  return best;
}

/** How many leading bits two IPv6 addresses share (RFC 6724's last rule). */
function commonBits(a: string, b: string): number {
  const bits = (text: string) =>
    expand(text)
      .map((h) => h.toString(2).padStart(16, "0"))
      .join("");
  const [x, y] = [bits(a), bits(b)];
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return n;
}

function expand(text: string): number[] {
  const [head = "", tail] = text.split("::");
  const parts = (s: string) => (s === "" ? [] : s.split(":").map((h) => Number.parseInt(h, 16)));
  const h = parts(head);
  const t = tail === undefined ? [] : parts(tail);
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** The source the kernel gives a packet leaving by `c`: IPv4 the primary address for the subnet or gateway, IPv6 the closest. */
function sourceOf(node: Node, c: Candidate, address: string, family: Family): string | undefined {
  const dev = node.ifaces.get(c.dev);
  const own = dev === undefined ? [] : ofFamily(dev, family);
  if (family === 4) {
    const near = c.gateway ?? address;
    const on = own.find((cidr) => onSubnet(cidr, near)) ?? own[0];
    if (on !== undefined) return addressOf(on);
    // lo's 127.0.0.1 has host scope, never a source for the wire; lo comes first, like its ifindex.
    for (const iface of node.ifaces.values()) for (const cidr of ofFamily(iface, 4)) return addressOf(cidr);
    return undefined;
  }
  const candidates =
    own.length > 0 ? own : [...node.ifaces.values()].filter((i) => i.up).flatMap((i) => ofFamily(i, 6));
  let best: string | undefined;
  for (const cidr of candidates) {
    const a = addressOf(cidr);
    if (best === undefined || commonBits(a, address) > commonBits(best, address)) best = a;
  }
  return best;
}

function route(world: World, name: string, address: string): RouteAnswer {
  const node = nodeOf(world, name);
  if (node === undefined) return { kind: "none", error: `no node ${name}` };
  const family = familyOf(address);
  if (isLocal(node, address, family)) return { kind: "local" };
  const c = lookup(node, address, family);
  if (c === undefined) return { kind: "none", error: "Network is unreachable" };
  const source = sourceOf(node, c, address, family);
  return {
    kind: "via",
    dev: c.dev,
    ...(c.gateway === undefined ? {} : { gateway: c.gateway }),
    ...(source === undefined ? {} : { source }),
  };
}

/** A veth end has carrier while both it and its peer are up. */
function links(world: World, name: string): ReadonlyMap<string, LinkState> {
  const node = nodeOf(world, name);
  const out = new Map<string, LinkState>();
  for (const iface of node?.ifaces.values() ?? []) {
    const link = iface.link === undefined ? undefined : world.links.get(iface.link);
    const peer = link === undefined ? undefined : peerEnd(link, name);
    const peerUp = peer === undefined ? true : (nodeOf(world, peer.node)?.ifaces.get(peer.ifname)?.up ?? false);
    out.set(iface.name, { up: iface.up, carrier: iface.up && peerUp });
  }
  return out;
}

export function modelProbe(world: World): Probe {
  const probe: Probe = {
    route: async (node, address) => route(world, node, address),
    links: async (node) => links(world, node),
    forwards: async (node) => world.nodes.get(node)?.kind === "router",
    ping: async (from, address) => !("kind" in (await trace(world, { from, target: address, address }, probe))),
  };
  return probe;
}

/** What the model expects `ping` to do: `reaches`, or the Cause `why` would give. */
export async function predict(world: World, ping: PingQuery): Promise<Cause> {
  const t = await trace(world, ping, modelProbe(world));
  return "kind" in t ? t : { kind: "reaches", from: ping.from, address: ping.address ?? ping.target };
}
