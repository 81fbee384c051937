// What the live lab answers to a query (queries.ts): data, not words; present/ words it.
import type { Cause } from "../interpreter/why/cause.js";
import type { Message } from "../words/catalogue.js";
import type { PingallOutcome } from "./queries-pingall.js";

export type Answer =
  | {
      readonly kind: "ping";
      readonly ok: boolean;
      /** In the reader's language when printed; `text` is the same in English. */
      readonly words?: Message;
      readonly text: string;
      /** What was pinged: the node or address written, the address pinged, the average round trip. */
      readonly from?: string;
      readonly to?: string;
      readonly address?: string;
      readonly rttMs?: number;
    }
  | { readonly kind: "expect"; readonly passed: boolean; readonly text: string; readonly words?: Message }
  | { readonly kind: "exec"; readonly exitCode: number; readonly output: string }
  | { readonly kind: "show"; readonly node?: string; readonly kernel?: string }
  /** `graph`: the caller draws the lab as it is (present/graph.ts). */
  | { readonly kind: "graph" }
  /** `logs`, `ps`. */
  | { readonly kind: "text"; readonly text: string }
  | PingallOutcome
  | { readonly kind: "why"; readonly cause: Cause };
