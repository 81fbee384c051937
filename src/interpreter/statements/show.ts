// `show` / `show A`: the lab, or one node as the kernel sees it; a query.
import type { ShowStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireNode } from "../checks.js";
import type { Query } from "../plan.js";
import type { World } from "../world.js";

export function evaluateShow(world: World, stmt: ShowStmt): Result<Query> {
  if (stmt.node === undefined) return ok({ kind: "show", span: stmt.span });
  const node = requireNode(world, stmt.node);
  if (!node.ok) return node;
  return ok({ kind: "show", node: node.value.name, span: stmt.span });
}
