// What an interface address may be: not a subnet's IPv4 network or broadcast address (the kernel takes
// them, then `ping` answers "Do you want to ping broadcast?"), not multicast (a group, not a host); and
// one node's interfaces on subnets that do not overlap (the kernel would pick one of them for both).
import ipaddr from "ipaddr.js";
import type { Span } from "../diagnostic.js";
import { ok, type Result } from "../diagnostic.js";
import { ipv4Cidr, ipv4Mask, ipv4Network, ipv4Text, ipv4Value } from "../ipv4.js";
import { addressOf, overlaps, prefixLengthOf, subnetOf } from "./addressing.js";
import { problem } from "./problem.js";
import type { Node } from "./world.js";

/** One result for every check that passes: these run for every address of a script. */
const PASSED: Result<void> = ok(undefined);

/** 224.0.0.0/4 as a 32-bit value's top four bits. */
const multicast4 = (value: number): boolean => value >>> 28 === 0xe;

/** 224.0.0.0/4 and ff00::/8: group addresses. */
export function isMulticast(address: string): boolean {
  const v4 = ipv4Value(address);
  if (v4 !== undefined) return multicast4(v4);
  if (address.includes(":")) return (ipaddr.IPv6.parse(address).parts[0] ?? 0) >> 8 === 0xff;
  const first = Number(address.split(".")[0]);
  return first >= 224 && first <= 239;
}

/** The IPv4 network and broadcast addresses of a /30 or wider subnet; a /31 and /32 have neither. */
function reserved(
  v4: { readonly value: number; readonly length: number } | undefined,
): "network" | "broadcast" | undefined {
  if (v4 === undefined || v4.length > 30) return undefined;
  const network = ipv4Network(v4.value, v4.length);
  if (v4.value === network) return "network";
  return v4.value === (network | ~ipv4Mask(v4.length)) >>> 0 ? "broadcast" : undefined;
}

/** An address for an interface (`10.0.0.1/24`, as the kernel writes it). */
export function requireUsableAddress(cidr: string, span: Span): Result<void> {
  // Canonical IPv4 text (all a script gives) is read once; anything else takes the general way below.
  const v4 = ipv4Cidr(cidr);
  if (v4 !== undefined && !multicast4(v4.value) && reserved(v4) === undefined) return PASSED;
  const address = addressOf(cidr);
  if (isMulticast(address))
    return problem(
      "multicast-address",
      `${address} is a multicast address: it names a group, not an interface`,
      span,
      address.includes(":") ? "pick a unicast address, e.g. in fd00::/8" : "pick a unicast address, e.g. in 10.0.0.0/8",
    );
  const which = reserved(v4);
  if (which === undefined) return PASSED;
  const network = v4 === undefined ? 0 : ipv4Network(v4.value, v4.length);
  const last = v4 === undefined ? 0 : (network | ~ipv4Mask(v4.length)) >>> 0;
  const other = `${ipv4Text(which === "network" ? network + 1 : last - 1)}/${prefixLengthOf(cidr)}`;
  return problem(
    `${which}-address`,
    `${address} is the ${which} address of ${subnetOf(cidr)}: no interface can have it`,
    span,
    `pick a host address of it, e.g. ${other}`,
  );
}

/** A prefix to number interfaces from (a link's or a switch's): not multicast. */
export function requireUsablePrefix(prefix: string, span: Span): Result<void> {
  const v4 = ipv4Cidr(prefix);
  if (v4 !== undefined && !multicast4(v4.value)) return PASSED;
  const address = addressOf(prefix);
  if (!isMulticast(address)) return PASSED;
  return problem(
    "multicast-address",
    `${prefix} is multicast: its addresses name groups, not interfaces`,
    span,
    address.includes(":") ? "use a unicast prefix, e.g. fd00:1::/64" : "use a unicast prefix, e.g. 10.0.1.0/24",
  );
}

/** A /32 or /128: one address, no subnet to route (a loopback's, typically). */
const single = (cidr: string): boolean => prefixLengthOf(cidr) === (cidr.includes(":") ? 128 : 32);

/**
 * A new address on `ifname` of `node` must not share addresses with a subnet of another of its
 * interfaces: the kernel would route both subnets' traffic out of whichever it found first. A single
 * address (/32, /128) has no subnet: it may sit inside another interface's.
 */
export function requireOwnSubnet(node: Node, ifname: string, cidr: string, span: Span): Result<void> {
  const v4 = ipv4Cidr(cidr);
  if (v4 === undefined ? single(cidr) : v4.length === 32) return PASSED;
  for (const iface of node.ifaces.values()) {
    if (iface.name === ifname) continue;
    const clash = overlapping(cidr, v4, iface.addresses) ?? overlapping(cidr, v4, iface.held?.addresses ?? []);
    if (clash === undefined) continue;
    return problem(
      "subnet-overlap",
      `${node.name}:${ifname} ${cidr} overlaps ${node.name}:${iface.name} ${clash}: one node's interfaces must be on subnets apart`,
      span,
      `pick an address or prefix outside ${subnetOf(clash)}`,
    );
  }
  return PASSED;
}

/** The first of `others` (not a single address) that shares addresses with `cidr`; `v4`: `cidr` read as IPv4. */
function overlapping(
  cidr: string,
  v4: { readonly value: number; readonly length: number } | undefined,
  others: readonly string[],
): string | undefined {
  for (const other of others) {
    const o = v4 === undefined ? undefined : ipv4Cidr(other);
    if (o !== undefined && v4 !== undefined) {
      if (o.length !== 32 && ((v4.value ^ o.value) & ipv4Mask(Math.min(v4.length, o.length))) === 0) return other;
    } else if (!single(other) && overlaps(cidr, other)) return other;
  }
  return undefined;
}
