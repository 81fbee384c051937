// A script's consecutive changes as one kernel change (`netl run`, `netl test`): a chain of 250 nodes
// is then one creation batch and one batch per namespace for the lot, not 250 of each.
import type { Statement } from "../../grammar/ast.js";
import { ok, type Result } from "../diagnostic.js";
import { needsMachine } from "../interpreter/machine.js";
import type { Planned } from "../interpreter/program.js";
import { step } from "../interpreter/step.js";
import type { Timeline, Transition } from "../interpreter/timeline.js";
import type { Outcome } from "../present/outcome.js";
import type { Requirements } from "../runtime/requirements.js";
import type { Session } from "../runtime/session.js";

/** Statements a script may run together in one kernel change. */
const GROUPABLE: ReadonlySet<string> = new Set(["ns", "router", "switch", "link", "addr", "route", "route-auto"]);

export interface ScriptItem {
  readonly stmt: Statement;
  readonly text: string;
  /** What checking the whole script found for it (program.ts), when it was checked. */
  readonly planned?: Planned | undefined;
}

/** A groupable statement stepped from `t`: its transition, or undefined when it is refused or moves nothing. */
function stepped(session: Session, t: Timeline, stmt: Statement, text: string): Transition | undefined {
  const next = step(t, stmt, text, undefined, { stem: session.stem });
  return next.ok && next.value.kind === "transition" ? next.value.transition : undefined;
}

/**
 * A script's next statements as one kernel change, where they allow it: consecutive changes that
 * need no reading of the machine are planned through the timeline (each stays its own undo step)
 * and applied together — one creation batch and one batch per namespace for the lot, the lab record
 * written once before and once after. `outcomes` holds one per statement that went in (none: run
 * the next statement on its own). If anything refuses the group it is rolled back whole and
 * `singly` says how many statements to run one at a time, so the error names the statement at
 * fault; an interrupt or a failed rollback is reported as is.
 */
export async function executeChanges(
  session: Session,
  needs: Requirements,
  items: readonly ScriptItem[],
  from: number,
  signal?: AbortSignal,
): Promise<Result<{ outcomes: Outcome[]; singly: number }>> {
  let t = session.timeline;
  const transitions: Transition[] = [];
  for (let i = from; i < items.length; i++) {
    const { stmt, text, planned } = items[i] as ScriptItem;
    if (!GROUPABLE.has(stmt.kind) || needsMachine(stmt)) break;
    // Needs netem or nft not known to be there yet: it runs alone, so a refusal names it.
    if (!needs.known(stmt)) break;
    // Checked from this very timeline (the script's check, program.ts): stepping it again would give
    // the same transition (these statements read nothing of the machine), so it is taken as it is.
    const tr = planned?.before === t ? planned.transition : stepped(session, t, stmt, text);
    if (tr === undefined) break;
    transitions.push(tr);
    t = tr.next;
  }
  const first = items[from]?.stmt;
  const last = items[from + transitions.length - 1]?.stmt;
  if (transitions.length < 2 || first === undefined || last === undefined) return ok({ outcomes: [], singly: 0 });
  // Errors point at the whole group: an interrupt names the lines that were going in together.
  const span = { ...first.span, endLine: last.span.endLine, endCol: last.span.endCol, endOffset: last.span.endOffset };
  const applied = await session.commit(transitions, span, signal);
  if (!applied.ok) {
    if (applied.error.code === "interrupted" || (applied.error.rollbackFailures?.length ?? 0) > 0) return applied;
    return ok({ outcomes: [], singly: transitions.length });
  }
  return ok({ outcomes: transitions.map((tr) => ({ kind: "change", summary: tr.summary })), singly: 0 });
}
