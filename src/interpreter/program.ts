// `netl check` (and the check before `netl run`): a whole script against a Timeline, in order,
// stopping at the first error. Undo, redo, reset and loaded files move the timeline as they would live.
import type { Statement } from "../../grammar/ast.js";
import type { NetlError } from "../diagnostic.js";
import type { Change } from "./plan.js";
import { type Loader, step } from "./step.js";
import { emptyTimeline, type Timeline } from "./timeline.js";
import type { World } from "./world.js";

export interface CheckedProgram {
  /** The World after the last statement that passed. */
  readonly world: World;
  /** The new changes the script made, in order (undo and redo make none). */
  readonly changes: readonly Change[];
  readonly error?: NetlError;
}

export interface CheckOptions {
  /** The script's text, for the statement texts `history` shows. */
  readonly source?: string;
  readonly loader?: Loader;
}

export function checkProgram(
  world: World,
  statements: readonly Statement[],
  options: CheckOptions = {},
): CheckedProgram {
  let t: Timeline = { ...emptyTimeline, world };
  const changes: Change[] = [];
  for (const stmt of statements) {
    const text = options.source?.slice(stmt.span.offset, stmt.span.endOffset) ?? stmt.kind;
    const r = step(t, stmt, text, options.loader);
    if (!r.ok) return { world: t.world, changes, error: r.error };
    if (r.value.kind !== "transition") continue;
    t = r.value.transition.next;
    // A new change pushes one undo step; undo and redo only move between existing ones.
    const newest = t.done.peek();
    if (stmt.kind !== "undo" && stmt.kind !== "redo" && newest) changes.push(newest.change);
  }
  return { world: t.world, changes };
}
