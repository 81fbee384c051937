// `exec A CMD…`: run a shell command inside A; a query, since netl does not track what it changes.
import type { ExecStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireNode } from "../checks.js";
import type { Query } from "../plan.js";
import { problem } from "../problem.js";
import type { World } from "../world.js";

export function evaluateExec(world: World, stmt: ExecStmt): Result<Query> {
  const node = requireNode(world, stmt.node);
  if (!node.ok) return node;
  if (stmt.command.trim() === "")
    return problem(
      "missing-command",
      `exec needs a command to run in ${node.value.name}`,
      stmt.span,
      `e.g. exec ${node.value.name} ip -br addr`,
    );
  return ok({ kind: "exec", node: node.value.name, command: stmt.command, span: stmt.span });
}
