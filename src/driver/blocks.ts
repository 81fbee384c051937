// `load "FILE"` and `for i in 1..N { … }`: a block's statements run one by one in the live lab
// (queries answered), and its changes become one undo step; a failure takes all of it back.
import type { FileStmt, ForStmt, Statement } from "../../grammar/ast.js";
import { type Expanded, expandFor, placeIn } from "../../grammar/loops.js";
import { fail, ok, type Result } from "../diagnostic.js";
import { isEvaluable } from "../interpreter/index.js";
import { notInLoop } from "../interpreter/step.js";
import { record, type Timeline } from "../interpreter/timeline.js";
import type { Outcome } from "../present/outcome.js";
import { loadFile } from "../runtime/files.js";
import type { Session } from "../runtime/session.js";

/** One statement of the block run in the lab (the driver's own, lab.ts). */
export type RunOne = (stmt: Statement, text: string, signal?: AbortSignal) => Promise<Result<Outcome>>;

interface BlockItem {
  readonly stmt: Statement;
  readonly source: { readonly name: string; readonly text: string };
  readonly at?: Expanded["at"];
}

/** `load "FILE"`: its statements run here in order; the changes become one undo step, or none on failure. */
export function load(session: Session, stmt: FileStmt, text: string, run: RunOne, signal?: AbortSignal) {
  const file = loadFile(stmt);
  if (!file.ok) return Promise.resolve(file);
  const source = { name: stmt.path, text: file.value.text };
  const items = file.value.statements.map((inner) => ({ stmt: inner, source }));
  return runBlock(session, items, text, run, signal);
}

/** `for i in 1..N { … }`: the iterations' statements run here in order, as one undo step. */
export function loop(session: Session, stmt: ForStmt, text: string, run: RunOne, signal?: AbortSignal) {
  const expanded = expandFor(stmt);
  if (!expanded.ok) return Promise.resolve(expanded);
  const bad = expanded.value.find((e) => !isEvaluable(e.stmt));
  if (bad !== undefined) return Promise.resolve(fail(placeIn(notInLoop(bad.stmt, bad.source), bad)));
  return runBlock(session, expanded.value, text, run, signal);
}

/** The changes made since `start` (each its own undo step now) folded into one, written as `text`. */
function folded(start: Timeline, now: Timeline, text: string): Timeline {
  const made = [...now.done.take(now.done.size - start.done.size)].reverse().map((e) => e.change);
  if (made.length === 0) return start;
  const combined = {
    before: start.world,
    after: now.world,
    ops: made.flatMap((c) => c.ops),
    summary: made.flatMap((c) => c.summary),
  };
  return record(start, combined, text).next;
}

async function runBlock(
  session: Session,
  items: readonly BlockItem[],
  text: string,
  run: RunOne,
  signal?: AbortSignal,
): Promise<Result<Outcome>> {
  const start = session.timeline;
  const steps: { text: string; outcome: Outcome }[] = [];
  for (const item of items) {
    const { stmt: inner, source } = item;
    const innerText = source.text.slice(inner.span.offset, inner.span.endOffset);
    const r = await run(inner, innerText, signal);
    if (!r.ok) {
      const undone = await session.rollBackTo(start);
      const error = r.error.source ? r.error : { ...r.error, source };
      const placed = item.at && !r.error.source ? placeIn(error, { ...item, at: item.at }) : error;
      return fail({ ...placed, ...undone });
    }
    steps.push({ text: innerText, outcome: r.value });
  }
  session.rewrite(folded(start, session.timeline, text));
  return ok({ kind: "load", steps });
}
