// Switches in the model: a switch is a node whose namespace holds one Linux bridge, `br0`; every
// link end in it is a port of that bridge. Pure helpers: the bridge's edits, and a prefix's next free address.
import ipaddr from "ipaddr.js";
import { type Family, familyOf, offset } from "./addressing.js";
import { updateNode } from "./edit.js";
import type { Op } from "./ops/types.js";
import type { Iface, LinkEndRef, Node, World } from "./world.js";

/** The bridge device in every switch's namespace. */
export const BRIDGE = "br0";
/** A Linux bridge's ports: BR_MAX_PORTS (1024) less port 0, which the kernel keeps for itself. */
export const MAX_PORTS = 1023;

export const isSwitch = (node: Node | undefined): boolean => node?.kind === "switch";

/** The bridge is created down, like any new device; it comes up at once. */
export const bridgeOps = (node: string): Op[] => [
  { kind: "bridge.add", node, ifname: BRIDGE },
  { kind: "link.set", node, ifname: BRIDGE, up: true },
];

/** A new switch node gets its bridge (up) and its prefixes. */
export function withBridge(world: World, node: string, prefixes: readonly string[]): World {
  const bridge: Iface = { name: BRIDGE, addresses: [], up: true, bridge: true };
  return updateNode(world, node, (n) => ({
    ...n,
    ifaces: n.ifaces.set(BRIDGE, bridge),
    ...(prefixes.length > 0 ? { prefixes } : {}),
  }));
}

/** A switch's link end becomes a port of its bridge. */
export function joinBridge(world: World, end: LinkEndRef): World {
  return updateNode(world, end.node, (n) => {
    const iface = n.ifaces.get(end.ifname);
    if (iface === undefined) throw new Error(`switches: no interface ${end.node}:${end.ifname}`);
    return { ...n, ifaces: n.ifaces.set(end.ifname, { ...iface, master: BRIDGE }) };
  });
}

/** The ports of a switch's bridge, in interface order. */
export const portsOf = (node: Node): Iface[] => [...node.ifaces.values()].filter((i) => i.master === BRIDGE);

function lastAddress(network: string, prefixLength: number, family: Family): string {
  const bits = family === 4 ? 32 : 128;
  const size = 2n ** BigInt(bits - prefixLength);
  const bytes = ipaddr.parse(network).toByteArray();
  let value = bytes.reduce((acc, byte) => acc * 256n + BigInt(byte), 0n) + size - 1n;
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(value % 256n);
    value /= 256n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * The lowest address of a prefix (`10.0.1.0/24`) that no interface of the lab holds and `taken`
 * does not hold; never the network address, nor an IPv4 broadcast; both of a /31 (/127).
 * Cost: the number of addresses already used, never the size of the prefix.
 */
export function nextFreeAddress(world: World, prefix: string, taken: ReadonlySet<string>): string | undefined {
  const [network = "", lengthText = "0"] = prefix.split("/");
  const length = Number(lengthText);
  const family = familyOf(network);
  const bits = family === 4 ? 32 : 128;
  if (length >= bits) return undefined;
  const pointToPoint = length === bits - 1;
  const last = lastAddress(network, length, family);
  let candidate = pointToPoint ? network : offset(network, 1);
  for (;;) {
    const end = family === 4 && !pointToPoint && candidate === last;
    if (end) return undefined;
    if (!world.addresses.has(candidate) && !taken.has(candidate)) return candidate;
    if (candidate === last) return undefined;
    candidate = offset(candidate, 1);
  }
}
