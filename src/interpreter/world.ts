// The lab model: one immutable value. Statements take a World to a new World;
// persistent maps (immutable.js) keep each step proportional to what it touches.
import { Map as IMap, OrderedMap } from "immutable";
import type { Conditions } from "./conditions.js";
import type { Rule } from "./firewall.js";
import type { AddrDetail, CaptureSpec, RouteSpec } from "./ops/types.js";

export type { AddrDetail } from "./ops/types.js";

/** `host` is the kind of World.host alone: the machine's own namespace, never in `nodes`. */
export type NodeKind = "ns" | "router" | "switch" | "host";

export interface Iface {
  readonly name: string;
  /** CIDR text as the kernel shows it: `10.0.0.1/24`, `fd10::1/64`. In the order added. */
  readonly addresses: readonly string[];
  readonly up: boolean;
  /** Id of the link this interface is an end of; absent for `lo`. */
  readonly link?: number;
  /** The bridge this interface is a port of (a switch's link ends are ports of its `br0`). */
  readonly master?: string;
  /** True for a switch's own bridge device. */
  readonly bridge?: boolean;
  /** What its queue does to what it sends (a link's conditions sit on both ends). */
  readonly conditions?: Conditions;
  /** Set by a link's `mtu`; absent: the veth's own 1500. */
  readonly mtu?: number;
  /**
   * Down by `set … down`: the kernel dropped its IPv6 addresses and the routes through it; they are
   * kept here (and still reserved in World.addresses) and put back by `set … up`.
   */
  readonly held?: { readonly addresses: readonly string[]; readonly routes: readonly Route[] };
  /** An interface moved in from the machine: its state there, put back when it returns. */
  readonly origin?: Origin;
}

/** An interface's state on the machine, kept while it is in the lab and restored when it returns. */
export interface Origin {
  readonly up: boolean;
  readonly mtu?: number;
  /** Its global addresses (`local/prefixlen`), in the kernel's order (which makes the primaries). */
  readonly addresses: readonly string[];
  /** What an address has besides (by its CIDR in `addresses`): a broadcast, a label, a peer. */
  readonly details?: Readonly<Record<string, AddrDetail>>;
  /** Main-table routes through it that the kernel would drop and not bring back (machine.ts, restorableRoutes). */
  readonly routes: readonly RouteSpec[];
  /** It carried a default route (it was moved with `force`). */
  readonly defaultRoute: boolean;
  /** Its root qdisc as `tc qdisc replace dev IF root …` takes it, when one was set there (a moved interface loses it). */
  readonly qdisc?: readonly string[];
  /** A root qdisc netl cannot put back (classful: its classes and filters), named so the move says so. */
  readonly lostQdisc?: string;
  /** Its own settings under /proc/sys/net that differ from what an interface arriving on the machine gets. */
  readonly conf?: readonly ConfSetting[];
}

/** One of an interface's settings (`ipv4/rp_filter`: /proc/sys/net/ipv4/conf/IF/rp_filter): its value, and a new interface's. */
export interface ConfSetting {
  readonly key: string;
  readonly value: string;
  readonly fresh: string;
}

export interface Route {
  /** `default` or a network prefix such as `10.1.0.0/16`. */
  readonly destination: string;
  readonly family: 4 | 6;
  /** Gateway address. */
  readonly via: string;
  /** Interface the gateway is reached through, when known. */
  readonly dev?: string;
  /** Added by `route auto`, which replaces its own routes when run again and leaves the others. */
  readonly auto?: boolean;
}

export interface Node {
  readonly name: string;
  readonly kind: NodeKind;
  /** Interfaces by name, in creation order; `lo` is first (created up by `ns`). */
  readonly ifaces: IMap<string, Iface>;
  readonly routes: readonly Route[];
  /** A switch's prefixes (network CIDRs): a node linked to it gets the next free address of each. */
  readonly prefixes?: readonly string[];
  /** Processes started with `spawn`, in order. */
  readonly processes?: readonly Spawned[];
  /** `block` and `allow` rules, in the order written (the kernel checks allows first). */
  readonly firewall?: readonly Rule[];
}

/** A process `spawn` started in a node; its pid is the runtime's. */
export interface Spawned {
  /** Unique in the lab: how `ps` and the runtime name it. */
  readonly id: number;
  readonly command: string;
  /** A `capture`'s tcpdump: what it watches (its lines go to the terminal, not a log). */
  readonly capture?: CaptureSpec;
}

export interface LinkEndRef {
  readonly node: string;
  readonly ifname: string;
}

export interface Link {
  readonly id: number;
  readonly a: LinkEndRef;
  readonly b: LinkEndRef;
}

export interface World {
  readonly nodes: IMap<string, Node>;
  readonly links: IMap<number, Link>;
  readonly nextLinkId: number;
  /** Every address in the lab (without prefix length, normalised) → where it lives. */
  readonly addresses: IMap<string, LinkEndRef>;
  /** What the lab owns in the machine's own namespace: the host ends of its links (node `host`). */
  readonly host: Node;
  /** Interfaces moved in from the machine: name → the node that holds it now. */
  readonly moved: IMap<string, string>;
  /** The id the next `spawn` gets. */
  readonly nextProcId: number;
}

// Ordered maps, so nodes and links list in creation order (show, hints); the type stays IMap.
export const emptyWorld: World = {
  nodes: OrderedMap(),
  links: OrderedMap(),
  nextLinkId: 1,
  addresses: IMap(),
  host: { name: "host", kind: "host", ifaces: OrderedMap(), routes: [] },
  moved: IMap(),
  nextProcId: 1,
};

/** Reserved node name: the machine's own namespace. */
export const HOST = "host";

/** A lab node, or World.host for `host`. */
export const nodeOf = (world: World, name: string): Node | undefined =>
  name === HOST ? world.host : world.nodes.get(name);
