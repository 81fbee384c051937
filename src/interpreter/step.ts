// One statement of a script against a Timeline, without running anything: the transition it
// makes (a change, undo, redo, reset, or a loaded file as one step), or the query it asks.
// The Session carries the result into the kernel; `netl check` and `netl plan` only read it.
import type { FileStmt, ForStmt, LabStatement, Statement } from "../../grammar/ast.js";
import { type Budget, expandFor, placeIn, tooManyStatements } from "../../grammar/loops.js";
import { fail, type NetlError, netlError, ok, type Result } from "../diagnostic.js";
import { requireNode } from "./checks.js";
import { evaluate, isEvaluable } from "./index.js";
import { type MachineFacts, needsMachine } from "./machine.js";
import type { Change, Query } from "./plan.js";
import { type Replay, record, redo, resetChange, type Timeline, type Transition, undo } from "./timeline.js";

/** Reads a `load`ed file: its text and its statements (the caller does the I/O). */
export type Loader = (
  stmt: FileStmt,
) => Result<{ readonly text: string; readonly statements: readonly LabStatement[] }>;

export type Step =
  | { readonly kind: "transition"; readonly transition: Transition }
  | { readonly kind: "query"; readonly query: Query }
  /** history, help, explain, serve, save, or a load without a loader: nothing changes the lab. */
  | { readonly kind: "none" };

/**
 * `machine`: the machine as read for a statement that touches it (machine.ts, needsMachine). `budget`:
 * what is left of the file's expansion (grammar/loops.ts), which its loops and loaded files take from.
 */
export function step(
  t: Timeline,
  stmt: Statement,
  text: string,
  loader?: Loader,
  machine?: MachineFacts,
  budget?: Budget,
): Result<Step> {
  if (isEvaluable(stmt)) {
    const plan = evaluate(t.world, stmt, machine);
    if (!plan.ok) return plan;
    if (plan.value.kind === "query") return ok(plan.value);
    return ok({ kind: "transition", transition: record(t, plan.value.change, text, replayOf(stmt, machine)) });
  }
  switch (stmt.kind) {
    case "undo":
      return ok({ kind: "transition", transition: undo(t, stmt.count) });
    case "redo":
      return ok({ kind: "transition", transition: redo(t, stmt.count) });
    case "reset":
      return ok({ kind: "transition", transition: record(t, resetChange(t.world), text) });
    case "load": {
      if (!loader) return ok({ kind: "none" });
      const file = loader(stmt);
      if (!file.ok) return file;
      if (budget !== undefined) {
        budget.statements -= file.value.statements.length;
        if (budget.statements < 0) return fail(tooManyStatements(stmt.span));
      }
      const folded = fold(t, file.value.statements, { name: stmt.path, text: file.value.text }, machine);
      return folded.ok ? ok({ kind: "transition", transition: record(t, folded.value, text) }) : folded;
    }
    case "for": {
      const folded = foldLoop(t, stmt, machine, budget);
      return folded.ok ? ok({ kind: "transition", transition: record(t, folded.value, text) }) : folded;
    }
    case "history":
    case "help":
    case "explain":
    case "serve":
    case "save":
      return ok({ kind: "none" });
    case "shell": {
      // The driver opens it on the terminal; here only its node is checked, as for `exec`.
      const node = requireNode(t.world, stmt.node);
      return node.ok ? ok({ kind: "none" }) : node;
    }
    default: {
      // A statement the grammar knows but this version cannot run yet: say so, never skip it.
      const { kind, span } = stmt as Statement;
      return fail(
        netlError("check", "not-supported", `'${kind}' is not supported yet`, {
          span,
          hint: "see README for what runs today",
        }),
      );
    }
  }
}

/**
 * Statements whose cost is their nodes' own size, and which read nothing of the machine: the history
 * makes their Worlds again by evaluating them again rather than keeping each (history.ts).
 */
const REPLAYED: ReadonlySet<string> = new Set(["ns", "router", "switch", "link", "unlink", "addr", "route", "set"]);

function replayOf(stmt: LabStatement, machine?: MachineFacts): Replay | undefined {
  if (!REPLAYED.has(stmt.kind) || needsMachine(stmt)) return undefined;
  return (before) => {
    const again = evaluate(before, stmt, machine);
    if (!again.ok || again.value.kind !== "change") throw new Error(`history: '${stmt.kind}' no longer replays`);
    return again.value.change.after;
  };
}

/** A loop's statements, expanded, as one Change: an error points into the iteration that made it. */
function foldLoop(t: Timeline, stmt: ForStmt, machine?: MachineFacts, budget?: Budget): Result<Change> {
  const expanded = expandFor(stmt, undefined, budget);
  if (!expanded.ok) return expanded;
  const bad = expanded.value.find((e) => !isEvaluable(e.stmt));
  if (bad !== undefined) return fail(placeIn(notInLoop(bad.stmt, bad.source), bad));
  return foldAll(
    t,
    expanded.value.map((e) => ({
      stmt: e.stmt as LabStatement,
      place: (error: NetlError) => (error.source ? error : placeIn({ ...error, source: e.source }, e)),
    })),
    machine,
  );
}

/** undo, save, help… inside a loop: the loop is one change to the lab. */
export const notInLoop = (s: Statement, source: { name: string; text: string }): NetlError =>
  netlError("check", "not-in-loop", `'${s.kind}' cannot be used inside a loop`, {
    span: s.span,
    source,
    hint: "a loop builds lab; undo the whole loop with one undo",
  });

/** A loaded file's changes as one Change; an error points into that file. */
function fold(
  t: Timeline,
  statements: readonly LabStatement[],
  source: { name: string; text: string },
  machine?: MachineFacts,
): Result<Change> {
  return foldAll(
    t,
    statements.map((stmt) => ({ stmt, place: (error: NetlError) => ({ ...error, source }) })),
    machine,
  );
}

/** Statements evaluated in turn as one Change (a load, a loop); `place` says where an error is. */
function foldAll(
  t: Timeline,
  items: readonly { readonly stmt: LabStatement; readonly place: (error: NetlError) => NetlError }[],
  machine?: MachineFacts,
): Result<Change> {
  let world = t.world;
  const changes: Change[] = [];
  for (const { stmt, place } of items) {
    const plan = evaluate(world, stmt, machine);
    if (!plan.ok) return fail(place(plan.error));
    if (plan.value.kind === "change") {
      changes.push(plan.value.change);
      world = plan.value.change.after;
    }
  }
  return ok({
    before: t.world,
    after: world,
    ops: changes.flatMap((c) => c.ops),
    summary: changes.flatMap((c) => c.summary),
  });
}
