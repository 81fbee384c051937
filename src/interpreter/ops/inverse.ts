// The inverse of each op (each kind's own in ops/kinds/): applying op then inverse(op) leaves the
// kernel as it was.
import { specOf } from "./table.js";
import type { Op } from "./types.js";

export const inverse = (op: Op): Op => specOf(op).inverse(op);

/** The ops that undo a whole list: inverses in reverse order. */
export function invertAll(ops: readonly Op[]): Op[] {
  return ops.map(inverse).reverse();
}
