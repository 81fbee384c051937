// The simulated kernel that each op kind's `effect` (ops/kinds/*.ts) is written against: its state,
// and the kernel semantics the effects share. Types only: simulate.ts implements it, so the runtime,
// which loads the kinds for their lowering, does not load the simulation with them.
import type { RouteView } from "../kernel-view.js";

export interface SimIface {
  up: boolean;
  addresses: string[];
  peer?: string;
  master?: string;
  bridge?: boolean;
  qdisc?: string;
  mtu?: number;
  /** Its own settings (`ipv4/rp_filter`) where set; absent: what an interface arriving there gets. */
  conf?: Record<string, string>;
}

export interface SimNs {
  ifaces: Map<string, SimIface>;
  routes: RouteView[];
  sysctls: Record<string, string>;
  firewall?: string;
  processes?: string[];
}

/** What an effect refuses is named by its op. */
type Refused = { readonly kind: string };

export interface SimKernel {
  /** Throws: the kernel would refuse the op, so what produced it has a bug. */
  refuse(op: Refused, why: string): never;
  /** Whether a namespace was made for `node` (the machine's is never made). */
  hasNs(node: string): boolean;
  /** The namespace of `node`; refuses a missing one. */
  ns(op: Refused, node: string): SimNs;
  /** An interface of `node`; refuses a missing one. */
  iface(op: Refused, node: string, ifname: string): SimIface;
  /** An interface of `node` if there is one. */
  find(node: string, ifname: string): SimIface | undefined;
  /** A new namespace as the kernel makes it: `lo` down, the default sysctls. */
  addNs(node: string): void;
  deleteNs(node: string): void;
  /** An interface goes away: so do the routes through it. */
  dropIface(node: string, ifname: string): void;
  /** The routes through `dev` go (of one family, or all). */
  flushRoutes(ns: SimNs, dev: string, family?: 4 | 6): void;
  /** Address arithmetic as the kernel compares addresses (`fd00::01` is `fd00::1`). */
  family(address: string): 4 | 6;
  addressOf(cidr: string): string;
  subnetOf(cidr: string): string;
  onSubnet(cidr: string, address: string): boolean;
  /** What tells two routes apart. */
  routeKey(r: RouteView): string;
}

/** `node:ifname` as its two parts. */
export function splitEnd(end: string): [string, string] {
  const i = end.indexOf(":");
  return [end.slice(0, i), end.slice(i + 1)];
}
