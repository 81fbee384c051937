// `netl check`: a whole script against a World, in order, stopping at the first error.
// Queries change nothing; each change's World is the next statement's.
import type { Statement } from "../../grammar/ast.js";
import type { NetlError } from "../diagnostic.js";
import { evaluate, isEvaluable } from "./index.js";
import type { Change } from "./plan.js";
import type { World } from "./world.js";

export interface CheckedProgram {
  /** The World after the last statement that passed. */
  readonly world: World;
  readonly changes: readonly Change[];
  readonly error?: NetlError;
}

export function checkProgram(world: World, statements: readonly Statement[]): CheckedProgram {
  let current = world;
  const changes: Change[] = [];
  for (const stmt of statements) {
    // Statements about the session (undo, load, …) are the session's to check, not the model's.
    if (!isEvaluable(stmt)) continue;
    const plan = evaluate(current, stmt);
    if (!plan.ok) return { world: current, changes, error: plan.error };
    if (plan.value.kind === "change") {
      changes.push(plan.value.change);
      current = plan.value.change.after;
    }
  }
  return { world: current, changes };
}
