// All address and prefix arithmetic, done with ipaddr.js: normal forms, networks, membership,
// and the addresses a link's two ends get from a prefix.
import ipaddr from "ipaddr.js";
import { ipv4Cidr, ipv4Mask, ipv4Network, ipv4Text, ipv4Value } from "../ipv4.js";

export type Family = 4 | 6;

// ipaddr.parse and parseCIDR try IPv6 first, which costs a failed parse for every IPv4 address (most
// of a 10,000-statement plan's time): the colon says which family a text is. Canonical IPv4 text (all
// the World holds) takes a faster path still (../ipv4.ts), with the same results.
const parseIp = (text: string): ipaddr.IPv4 | ipaddr.IPv6 =>
  text.includes(":") ? ipaddr.IPv6.parse(text) : ipaddr.IPv4.parse(text);
const parseCidr = (text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] =>
  text.includes(":") ? ipaddr.IPv6.parseCIDR(text) : ipaddr.IPv4.parseCIDR(text);

const maxPrefix = (family: Family): number => (family === 4 ? 32 : 128);

/** The kernel's own text for an address (`fd10::1`, never `fd10:0:0::1`). */
export const normalize = (address: string): string =>
  ipv4Value(address) === undefined ? parseIp(address).toString() : address;

export const familyOf = (address: string): Family =>
  ipv4Value(address) !== undefined || parseIp(address).kind() === "ipv4" ? 4 : 6;

export const cidrText = (address: string, prefixLength: number): string => `${normalize(address)}/${prefixLength}`;

/** `10.0.0.1/24` → `10.0.0.1`. */
export const addressOf = (cidr: string): string =>
  ipv4Cidr(cidr) === undefined ? parseCidr(cidr)[0].toString() : cidr.slice(0, cidr.lastIndexOf("/"));

export const prefixLengthOf = (cidr: string): number => ipv4Cidr(cidr)?.length ?? parseCidr(cidr)[1];

/** A canonical IPv4 address's value when `prefixLength` is one ipaddr.js would take for it. */
const v4With = (address: string, prefixLength: number): number | undefined =>
  Number.isInteger(prefixLength) && prefixLength >= 0 && prefixLength <= 32 ? ipv4Value(address) : undefined;

export function networkOf(address: string, prefixLength: number): string {
  const v4 = v4With(address, prefixLength);
  if (v4 !== undefined) return ipv4Text(ipv4Network(v4, prefixLength));
  const text = `${address}/${prefixLength}`;
  return familyOf(address) === 4
    ? ipaddr.IPv4.networkAddressFromCIDR(text).toString()
    : ipaddr.IPv6.networkAddressFromCIDR(text).toString();
}

/** The subnet an interface address sits on: `10.0.0.1/24` → `10.0.0.0/24`. */
export const subnetOf = (cidr: string): string => {
  const v4 = ipv4Cidr(cidr);
  if (v4 !== undefined) return `${ipv4Text(ipv4Network(v4.value, v4.length))}/${v4.length}`;
  const [ip, length] = parseCidr(cidr);
  return `${networkOf(ip.toString(), length)}/${length}`;
};

/** True when the address has no host bits set for this prefix length. */
export function isNetwork(address: string, prefixLength: number): boolean {
  const v4 = v4With(address, prefixLength);
  if (v4 !== undefined) return ipv4Network(v4, prefixLength) === v4;
  return networkOf(address, prefixLength) === normalize(address);
}

/** A link needs two addresses: a /32 (IPv6 /128) holds only one. */
export const hasRoomForTwo = (prefixLength: number, family: Family): boolean => prefixLength < maxPrefix(family);

/** Whether `address` lies in the subnet of the interface address `cidr` (families must agree). */
export function onSubnet(cidr: string, address: string): boolean {
  const v4 = ipv4Cidr(cidr);
  const ip4 = ipv4Value(address);
  if (v4 !== undefined && ip4 !== undefined) return ((v4.value ^ ip4) & ipv4Mask(v4.length)) === 0;
  const [net, length] = parseCidr(cidr);
  const ip = parseIp(address);
  return ip.kind() === net.kind() && ip.match(net, length);
}

/** The address `steps` after (or before, when negative) this one; callers stay inside a prefix. */
export function offset(address: string, steps: number): string {
  const v4 = ipv4Value(address);
  if (v4 !== undefined && Number.isInteger(steps) && v4 + steps >= 0 && v4 + steps <= 0xffffffff)
    return ipv4Text(v4 + steps);
  const bytes = parseIp(address).toByteArray();
  let value = bytes.reduce((acc, byte) => acc * 256n + BigInt(byte), 0n) + BigInt(steps);
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(value % 256n);
    value /= 256n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * The two addresses a link's ends get from a network prefix: on a point-to-point prefix
 * (IPv4 /31, IPv6 /127) both addresses of it, otherwise network+1 and network+2.
 */
export function autoPair(network: string, prefixLength: number, family: Family): readonly [string, string] {
  const first = prefixLength === maxPrefix(family) - 1 ? network : offset(network, 1);
  return [first, offset(first, 1)];
}

/** An address for the far end next to `address` in its prefix, for hints (the next one, else the one before). */
export function neighbour(address: string, prefixLength: number, family: Family): string {
  const next = offset(address, 1);
  const cidr = `${address}/${prefixLength}`;
  const broadcast = family === 4 && prefixLength < 31 && next === ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString();
  return onSubnet(cidr, next) && !broadcast ? next : offset(address, -1);
}

/** Whether two prefixes (or interface addresses) share any address: the shorter one holds the other's network. */
export function overlaps(a: string, b: string): boolean {
  const a4 = ipv4Cidr(a);
  const b4 = ipv4Cidr(b);
  if (a4 !== undefined && b4 !== undefined)
    return ((a4.value ^ b4.value) & ipv4Mask(Math.min(a4.length, b4.length))) === 0;
  const [netA, lenA] = parseCidr(a);
  const [netB, lenB] = parseCidr(b);
  return netA.kind() === netB.kind() && netA.match(netB, Math.min(lenA, lenB));
}

/**
 * An interface's addresses in the order to remove them: last added first. Undo adds them back in the
 * order they were added, so the first IPv4 address of a subnet is the primary again (the kernel makes
 * later ones secondary), and a removal never takes a primary before its secondaries, which the kernel
 * would delete with it.
 */
export const newestFirst = (addresses: readonly string[] | undefined): string[] => [...(addresses ?? [])].reverse();
