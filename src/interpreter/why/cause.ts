// `why`'s vocabulary: what a kernel is asked along a ping's path (a Probe: the live one reads `ip`, the
// model's reads the World), and the answer, the first thing that stops the ping (a Cause), with what
// would fix it where that is a route (a Fix). Data only; present/why.ts words it.
import type { LinkEndRef } from "../world.js";

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

/** What would give a node the route it lacks (or put right the one it has). */
export type Fix =
  /** `route auto` gives it. */
  | { readonly kind: "route-auto" }
  /** `route auto` is refused until this node forwards. */
  | { readonly kind: "router"; readonly node: string }
  /** The machine needs a route into the lab. */
  | { readonly kind: "route-host"; readonly subnet: string; readonly via?: string }
  /** `route auto` would not change it: a route by hand. */
  | { readonly kind: "by-hand"; readonly node: string };

/** Why the ping does not arrive, or that it does. `back`: on the way back from the target. */
export type Cause =
  | { readonly kind: "reaches"; readonly from: string; readonly address: string }
  | { readonly kind: "no-address"; readonly node: string }
  | {
      readonly kind: "no-route";
      readonly node: string;
      readonly address: string;
      readonly back: boolean;
      readonly fix: Fix;
    }
  /** `bySet`: the lab has it down (`set … down`), not only the kernel. */
  | { readonly kind: "link-down"; readonly end: LinkEndRef; readonly back: boolean; readonly bySet: boolean }
  | {
      readonly kind: "unknown-hop";
      readonly node: string;
      readonly address: string;
      readonly back: boolean;
      readonly fix: Fix;
    }
  | {
      readonly kind: "off-link";
      readonly node: string;
      readonly dev: string;
      readonly hop: string;
      readonly holder: LinkEndRef;
      readonly back: boolean;
      readonly fix: Fix;
    }
  | { readonly kind: "no-forwarding"; readonly node: string; readonly family: 4 | 6; readonly back: boolean }
  | { readonly kind: "loop"; readonly nodes: readonly string[]; readonly back: boolean; readonly fix: Fix }
  /** More routers on the way than the ping's TTL (64) lets it pass. */
  | { readonly kind: "too-far"; readonly nodes: readonly string[]; readonly back: boolean }
  /** A rule of the sending node's firewall drops it (`rule` as the statement: `block A -> B`). */
  | { readonly kind: "blocked"; readonly node: string; readonly rule: string }
  | { readonly kind: "leaves-lab"; readonly node: string; readonly hop: string; readonly back: boolean }
  | { readonly kind: "unexplained"; readonly path: readonly string[] };
