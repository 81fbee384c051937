// Which statement of a script's group the kernel refused: the failed line's op, counted back to the
// transition that made it. The group is rolled back whole either way; this only says where to point.
import type { Span } from "../diagnostic.js";
import type { Transition } from "../interpreter/timeline.js";
import type { ApplyOutcome } from "./apply.js";

/** Where a refusal points within a group: its transition's index and span, and how many of its ops were done. */
export interface RefusedAt {
  readonly at: number;
  readonly span: Span;
  readonly rolledBack: number;
}

/**
 * The transition whose op's line failed (`spans`: one per transition), or undefined when the report
 * named no line (a helper that failed without one, an interrupt): then no statement is named here.
 */
export function refusedAt(
  outcome: Failed,
  transitions: readonly Transition[],
  spans: readonly Span[],
): RefusedAt | undefined {
  const op = outcome.failedOp;
  if (op === undefined || spans.length !== transitions.length) return undefined;
  let start = 0;
  for (const [at, tr] of transitions.entries()) {
    const end = start + tr.ops.length;
    if (op < end) {
      let rolledBack = 0;
      for (const i of outcome.done) if (i >= start && i < end) rolledBack++;
      return { at, span: spans[at] as Span, rolledBack };
    }
    start = end;
  }
  return undefined;
}

type Failed = Exclude<ApplyOutcome, { ok: true }>;
/** What a failed change of a group points at, if a statement of it is known. */
export type At = (outcome: Failed) => RefusedAt | undefined;

/** A script group's statements: one span each, and who is told which of them a refusal names. */
export interface Each {
  readonly spans: readonly Span[];
  readonly refused: (at: number) => void;
}

/** The group's pointer: each refusal that names its line is told to `each.refused` too. */
export function pointer(transitions: readonly Transition[], each: Each): At {
  return (outcome) => {
    const r = refusedAt(outcome, transitions, each.spans);
    if (r !== undefined) each.refused(r.at);
    return r;
  };
}
