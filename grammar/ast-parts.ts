// The parts netl's statements are made of: names, addresses, link ends and interfaces, link
// conditions, and the targets of routes, pings and firewall rules. Every part carries its span.
import type { Span } from "../src/diagnostic.js";

export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** An address with its prefix length as written: `10.0.0.1/24`, `fd10::/64`. Validated by the visitor. */
export interface Cidr {
  readonly address: string; // normalised text of the address part (ipaddr.js toString)
  readonly prefixLength: number;
  readonly family: 4 | 6;
  readonly span: Span;
}

/** A bare address without prefix: `10.0.0.2`, `fd10::2`. */
export interface Address {
  readonly address: string;
  readonly family: 4 | 6;
  readonly span: Span;
}

/** `A` or `A:eth3`. */
export interface EndRef {
  readonly node: Name;
  readonly ifname?: Name;
  readonly span: Span;
}

/** One side of a `link`: `A`, `A:eth3`, `A:eth3 10.0.0.9/24`. */
export interface LinkEnd extends EndRef {
  readonly addresses: readonly Cidr[];
}

export type ConditionName =
  | "delay"
  | "jitter"
  | "loss"
  | "rate"
  | "corrupt"
  | "duplicate"
  | "reorder"
  | "limit"
  | "mtu";

/** One link condition as written; `value` in its stored unit: µs, percent, bit/s, packets or bytes (quantities.ts). */
export interface Condition {
  readonly name: ConditionName;
  readonly value: number;
  readonly span: Span;
}

/** What a `set` does: change conditions, take them all away, or bring the interfaces up or down. */
export type SetChange =
  | { readonly kind: "conditions"; readonly conditions: readonly Condition[] }
  | { readonly kind: "clear"; readonly span: Span }
  | { readonly kind: "state"; readonly up: boolean; readonly span: Span };

/** The interface a `move` takes: `eth5` is the machine's own (no node); `A:eth5` is in node A. */
export interface IfaceRef {
  readonly node?: Name;
  readonly ifname: Name;
  readonly span: Span;
}

export type Via =
  | { readonly kind: "node"; readonly name: Name }
  | { readonly kind: "address"; readonly address: Address };

export type PingTarget =
  | { readonly kind: "node"; readonly name: Name }
  | { readonly kind: "address"; readonly address: Address };

export type FirewallTarget =
  | { readonly kind: "node"; readonly name: Name }
  | { readonly kind: "any"; readonly span: Span }
  | { readonly kind: "address"; readonly address: Cidr };
