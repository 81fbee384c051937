// What the interpreter makes of one statement: a Change to the lab, or a Query about it.
import type { Span } from "../diagnostic.js";
import type { Op } from "./ops/types.js";
import type { World } from "./world.js";

/** A lab change: the World before and after, and the kernel ops between them (each invertible). */
export interface Change {
  readonly before: World;
  readonly after: World;
  readonly ops: readonly Op[];
  /** One concise line per thing done, e.g. `+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24`. */
  readonly summary: readonly string[];
}

export interface PingQuery {
  readonly kind: "ping";
  readonly from: string;
  /** What the user named: a node name or the address itself. */
  readonly target: string;
  /** The address to ping; absent when the target node has no address. */
  readonly address?: string;
  readonly count: number;
  readonly span: Span;
}

/** `pingall`: one ping from every node to every other (switches aside), in lab order. */
export interface PingallQuery {
  readonly kind: "pingall";
  readonly nodes: readonly string[];
  readonly pings: readonly PingQuery[];
  readonly span: Span;
}

/** `why A B`: the ping to explain, and the World to read the path off. */
export interface WhyQuery {
  readonly kind: "why";
  readonly ping: PingQuery;
  readonly world: World;
  readonly span: Span;
}

/** `expect [no] tcp|udp A B PORT`: a connection (tcp) or an echo (udp) tried from inside A. */
export interface ReachQuery {
  readonly kind: "expect-reach";
  readonly negated: boolean;
  readonly protocol: "tcp" | "udp";
  readonly from: string;
  readonly target: string;
  /** Absent when the target node has no address. */
  readonly address?: string;
  readonly port: number;
  /** The rule of A's firewall that drops this connection (`block A -> B tcp 8080`), when one does. */
  readonly blockedBy?: string;
  readonly span: Span;
}

export type Query =
  | PingQuery
  | PingallQuery
  | WhyQuery
  | { readonly kind: "expect-ping"; readonly negated: boolean; readonly ping: PingQuery; readonly span: Span }
  | { readonly kind: "exec"; readonly node: string; readonly command: string; readonly span: Span }
  | ReachQuery
  | { readonly kind: "logs"; readonly node: string; readonly span: Span }
  | { readonly kind: "graph"; readonly span: Span }
  | {
      readonly kind: "ps";
      readonly processes: readonly { readonly node: string; readonly id: number; readonly command: string }[];
      readonly span: Span;
    }
  | { readonly kind: "show"; readonly node?: string; readonly span: Span };

export type Plan =
  | { readonly kind: "change"; readonly change: Change }
  | { readonly kind: "query"; readonly query: Query };
