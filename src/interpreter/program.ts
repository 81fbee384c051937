// `netl check` (and the check before `netl run`): a whole script against a Timeline, in order,
// stopping at the first error. Undo, redo, reset and loaded files move the timeline as they would live.
import type { Statement } from "../../grammar/ast.js";
import { newBudget, tooManyStatements } from "../../grammar/loops.js";
import type { NetlError } from "../diagnostic.js";
import type { MachineFacts } from "./machine.js";
import type { Change } from "./plan.js";
import { type Loader, step } from "./step.js";
import { emptyTimeline, release, type Timeline, type Transition } from "./timeline.js";
import type { World } from "./world.js";

/** What checking a statement found: the timeline it was stepped from, and where it led. */
export interface Planned {
  readonly before: Timeline;
  readonly transition: Transition;
}

export interface CheckedProgram {
  /** The World after the last statement that passed. */
  readonly world: World;
  /** The new changes the script made, in order (undo and redo make none): their ops and words. */
  readonly changes: readonly Pick<Change, "ops" | "summary">[];
  /**
   * Each statement that moved the timeline, by the statement: a run whose lab is at that very `before`
   * (the same object) takes the transition instead of stepping the statement again (Session.executeChanges).
   */
  readonly planned: ReadonlyMap<Statement, Planned>;
  readonly error?: NetlError;
}

export interface CheckOptions {
  /** The script's text, for the statement texts `history` shows. */
  readonly source?: string;
  readonly loader?: Loader;
  /** The lab's host-end names (`host:nl3fa9c1h0` as `show` prints them); the machine itself is not read. */
  readonly machine?: MachineFacts;
}

export function checkProgram(
  world: World,
  statements: readonly Statement[],
  options: CheckOptions = {},
): CheckedProgram {
  // From the empty timeline itself when the lab is empty: a new Session starts at that very object.
  let t: Timeline = world === emptyTimeline.world ? emptyTimeline : { ...emptyTimeline, world };
  const changes: Pick<Change, "ops" | "summary">[] = [];
  const planned = new Map<Statement, Planned>();
  // The whole script's expansion is bounded before anything runs: its statements, its loops', its loads'.
  const budget = newBudget();
  for (const stmt of statements) {
    const text = options.source?.slice(stmt.span.offset, stmt.span.endOffset) ?? stmt.kind;
    if (stmt.kind !== "for" && stmt.kind !== "load" && --budget.statements < 0)
      return { world: t.world, changes, planned, error: tooManyStatements(stmt.span) };
    const r = step(t, stmt, text, options.loader, options.machine, budget);
    if (!r.ok) return { world: t.world, changes, planned, error: r.error };
    if (r.value.kind !== "transition") continue;
    planned.set(stmt, { before: t, transition: r.value.transition });
    // The map keeps a point per statement; its World is made again if a run asks (Session.commit).
    release(t);
    t = r.value.transition.next;
    // A new change pushes one undo step; undo and redo only move between existing ones.
    const newest = t.done.peek();
    if (stmt.kind !== "undo" && stmt.kind !== "redo" && newest) changes.push(newest.change);
  }
  return { world: t.world, changes, planned };
}
