// A script's consecutive changes as one kernel change (`netl run`, `netl test`): a chain of 250 nodes
// is then one creation batch and one batch per namespace for the lot, not 250 of each.
import type { Statement } from "../../grammar/ast.js";
import { type NetlError, ok, type Result } from "../diagnostic.js";
import { needsMachine } from "../interpreter/machine.js";
import type { Planned } from "../interpreter/program.js";
import { step } from "../interpreter/step.js";
import type { Timeline, Transition } from "../interpreter/timeline.js";
import type { Outcome } from "../present/outcome.js";
import type { Requirements } from "../runtime/requirements.js";
import type { Session } from "../runtime/session.js";

/** Statements a script may run together in one kernel change. */
const GROUPABLE: ReadonlySet<string> = new Set(["ns", "router", "switch", "link", "addr", "route", "route-auto"]);

/** A statement of a kind that joins a kernel change, and reads nothing of the machine. */
const joins = (stmt: Statement): boolean => GROUPABLE.has(stmt.kind) && !needsMachine(stmt);

/**
 * How many namespaces a script's first kernel change makes at most: the nodes of its `ns`, `router`
 * and `switch` statements before the first statement that cannot join them in one change. The
 * namespace maker makes that many ahead while the script is checked (prestart-build.ts).
 */
export function namespacesAhead(statements: readonly Statement[]): number {
  let count = 0;
  for (const stmt of statements) {
    if (!joins(stmt)) break;
    if (stmt.kind === "ns" || stmt.kind === "router" || stmt.kind === "switch") count += stmt.names.length;
  }
  return count;
}

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

/** What a group of a script's statements came to. */
export interface Group {
  /** One per statement that went in (none: run the next statement on its own). */
  readonly outcomes: Outcome[];
  /**
   * The group was refused and rolled back whole: how many statements it held and, when the refusal
   * named the line the kernel refused, which of them (counted from the group's first) and its error.
   */
  readonly refused?: { readonly size: number; readonly at?: number; readonly error?: NetlError };
}

/**
 * A script's next statements (at most `max`) as one kernel change, where they allow it: consecutive
 * changes that need no reading of the machine are planned through the timeline (each stays its own
 * undo step) and applied together — one creation batch and one batch per namespace for the lot, the
 * lab record written once before and once after. If anything refuses the group it is rolled back
 * whole and `refused` says so (script.ts then finds the statement at fault); an interrupt or a failed
 * rollback is reported as is.
 */
export async function executeChanges(
  session: Session,
  needs: Requirements,
  items: readonly ScriptItem[],
  from: number,
  signal?: AbortSignal,
  max = Number.POSITIVE_INFINITY,
): Promise<Result<Group>> {
  let t = session.timeline;
  const transitions: Transition[] = [];
  for (let i = from; i < items.length && transitions.length < max; i++) {
    const { stmt, text, planned } = items[i] as ScriptItem;
    if (!joins(stmt)) break;
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
  if (transitions.length < 2 || first === undefined || last === undefined) return ok({ outcomes: [] });
  // Errors point at the whole group: an interrupt names the lines that were going in together.
  const span = { ...first.span, endLine: last.span.endLine, endCol: last.span.endCol, endOffset: last.span.endOffset };
  // A refused line is pointed back at its own statement, with the kernel's words.
  let at: number | undefined;
  const spans = transitions.map((_, k) => (items[from + k] as ScriptItem).stmt.span);
  const applied = await session.commit(transitions, span, signal, { spans, refused: (k) => (at = k) });
  if (!applied.ok) {
    if (applied.error.code === "interrupted" || (applied.error.rollbackFailures?.length ?? 0) > 0) return applied;
    const named = at === undefined ? {} : { at, error: applied.error };
    return ok({ outcomes: [], refused: { size: transitions.length, ...named } });
  }
  return ok({ outcomes: transitions.map((tr) => ({ kind: "change", summary: tr.summary })) });
}
