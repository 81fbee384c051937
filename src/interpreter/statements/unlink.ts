// `unlink A <-> B` (or `A:eth1 <-> B` to pick one of several): remove a link, its addresses
// and the routes through it, with ops undo can replay backwards.
import type { UnlinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { pickLink } from "../pick-link.js";
import type { Change } from "../plan.js";
import { takeLinkAway } from "../teardown.js";
import type { World } from "../world.js";

export function evaluateUnlink(world: World, stmt: UnlinkStmt): Result<Change> {
  const link = pickLink(world, stmt.a, stmt.b, stmt.span, "unlink");
  if (!link.ok) return link;
  const removed = takeLinkAway(world, link.value);
  return ok({ before: world, after: removed.world, ops: removed.ops, summary: removed.summary });
}
