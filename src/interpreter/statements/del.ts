// `del A B`: remove nodes and every link that touches them, with ops undo can replay backwards.
import type { DelStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireNodeToDelete } from "../checks.js";
import type { Op } from "../ops/types.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { takeNodeAway } from "../teardown.js";
import type { World } from "../world.js";

export function evaluateDel(world: World, stmt: DelStmt): Result<Change> {
  const seen = new Set<string>();
  for (const name of stmt.names) {
    const node = requireNodeToDelete(world, name);
    if (!node.ok) return node;
    if (seen.has(name.text))
      return problem("unknown-node", `no node '${name.text}' to delete`, name.span, `'${name.text}' is named twice`);
    seen.add(name.text);
  }
  let after = world;
  const ops: Op[] = [];
  const summary: string[] = [];
  for (const name of seen) {
    const removed = takeNodeAway(after, name);
    after = removed.world;
    ops.push(...removed.ops);
    summary.push(...removed.summary);
  }
  return ok({ before: world, after, ops, summary });
}
