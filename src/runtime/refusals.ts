// The errors a Session gives when a change cannot go in: a namespace name taken outside the lab
// (checked before any change), and a change the kernel refused or an interrupt took back.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../diagnostic.js";
import { fail, type NetlError, netlError, ok, type Result } from "../diagnostic.js";
import { type ApplyOutcome, INTERRUPTED } from "./apply.js";
import type { ReadBack } from "./read-back.js";

/** Refuse to create a namespace that exists and is not this lab's: it is never adopted. */
export function requireNamespacesFree(
  creating: readonly string[],
  owned: ReadonlySet<string>,
  netnsDir: string,
  span: Span,
): Result<void> {
  const taken = creating.find((ns) => !owned.has(ns) && existsSync(join(netnsDir, ns)));
  if (taken === undefined) return ok(undefined);
  return fail(
    netlError(
      "check",
      "namespace-exists",
      `namespace '${taken}' already exists on this machine and is not this lab's`,
      {
        span,
        hint: "pick another node name, or run with --prefix to keep this lab's names apart",
      },
    ),
  );
}

/**
 * What to do when a rollback failed in part: the commands listed, or the whole lab at once; and, when
 * the kernel was read back into the model, that the lab now is what the kernel holds.
 */
export function rollbackHint(lab: string, steps: string, read?: ReadBack): string {
  const base = `rolling back ${steps} failed in part: `;
  const down = `take the whole lab down (its record lists everything it holds): netl down ${lab}`;
  if (read?.world === undefined) return `${base}run the commands above, or ${down}`;
  const unsaid = read.unsaid.length > 0 ? ` (not all of it as netl would make it, in: ${read.unsaid.join(", ")})` : "";
  return `${base}netl read the kernel back: the lab is now what it holds${unsaid}, \`show\` lists it, and undo starts again from here; or ${down}`;
}

/** What a failed apply says: the command and the kernel's words, or that it was interrupted; what was rolled back. */
export function applyFailure(
  outcome: Exclude<ApplyOutcome, { ok: true }>,
  span: Span,
  lab: string,
  read?: ReadBack,
): NetlError {
  const steps = outcome.rolledBack === 1 ? "1 step" : `${outcome.rolledBack} steps`;
  const interrupted = outcome.failed === INTERRUPTED;
  // A script's group spans several lines: they were going in as one change, and all of it is taken back.
  const what = span.endLine > span.line ? `: lines ${span.line}-${span.endLine} were going in as one change` : "";
  return netlError(
    "kernel",
    interrupted ? "interrupted" : "kernel-refused",
    interrupted ? `interrupted${what}` : `the kernel refused: ${outcome.failed.argv.join(" ")}`,
    {
      span,
      ...(interrupted ? {} : { failed: outcome.failed }),
      rollbackFailures: outcome.rollbackFailures,
      hint:
        outcome.rollbackFailures.length > 0
          ? rollbackHint(lab, steps, read)
          : interrupted
            ? `${steps} rolled back: the lab is as it was before ${what === "" ? "this statement" : "these lines"}`
            : `nothing was changed (${steps} rolled back)`,
    },
  );
}
