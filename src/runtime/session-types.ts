// What a Session is opened with and what its statements give back.
import type { NsName } from "../interpreter/ops/lower.js";
import type { Executor } from "./executor.js";
import type { PingallOutcome } from "./queries-pingall.js";
import type { Cause } from "./why.js";

export interface SessionOptions {
  readonly lab: string;
  readonly prefix?: string;
  readonly executor: Executor;
  readonly runDir: string;
  /** Where `ip netns` keeps its names; read to refuse names taken outside this lab. */
  readonly netnsDir?: string;
  /** The machine's interfaces by name (sysfs); read to refuse names taken outside this lab. */
  readonly sysNetDir?: string;
  /** Print each kernel command as it runs (`--explain`; `explain on|off` changes it). */
  readonly explain?: boolean;
  /** Called with every kernel command just before it runs, while explain is on. */
  readonly onCommand?: (argv: readonly string[]) => void;
  /** Told what netl did besides the statement: processes it ended before deleting their namespace. */
  readonly onNote?: (line: string) => void;
  /** Told how far a change has got, namespace by namespace (a progress bar on a terminal). */
  readonly onProgress?: (done: number, total: number) => void;
}

export type Outcome =
  | { readonly kind: "change"; readonly summary: readonly string[] }
  | {
      readonly kind: "ping";
      readonly ok: boolean;
      readonly text: string;
      /** What was pinged: the node or address written, the address pinged, the average round trip. */
      readonly from?: string;
      readonly to?: string;
      readonly address?: string;
      readonly rttMs?: number;
    }
  | { readonly kind: "expect"; readonly passed: boolean; readonly text: string }
  | { readonly kind: "exec"; readonly exitCode: number; readonly output: string }
  | { readonly kind: "show"; readonly node?: string; readonly kernel?: string }
  /** `graph`: the caller draws the lab as it is (present/graph.ts). */
  | { readonly kind: "graph" }
  | { readonly kind: "text"; readonly text: string }
  | PingallOutcome
  | { readonly kind: "why"; readonly cause: Cause }
  /** `load`: what each statement of the file did, in order. */
  | { readonly kind: "load"; readonly steps: readonly { readonly text: string; readonly outcome: Outcome }[] };

/** A lab's namespace names: its nodes' names, after the prefix when there is one. */
export const namespaceName =
  (prefix: string | undefined): NsName =>
  (node) =>
    prefix ? `${prefix}-${node}` : node;
