// `exec A CMD…`: run a shell command inside A; a query, since netl does not track what it changes.
import type { ExecStmt } from "../../../grammar/ast.js";
import { ok, type Result, type Span } from "../../diagnostic.js";
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
  const long = commandTooLong("exec", node.value.name, stmt.command, stmt.span);
  if (long) return long;
  return ok({ kind: "exec", node: node.value.name, command: stmt.command, span: stmt.span });
}

/** Linux's limit on one argument (MAX_ARG_STRLEN), its closing NUL included; `sh -c` takes the command as one. */
const MAX_COMMAND_BYTES = 131_072 - 1;

/** `exec`'s or `spawn`'s command, refused where Linux would refuse to start it (E2BIG). */
export function commandTooLong(verb: string, node: string, command: string, span: Span): Result<never> | undefined {
  const bytes = Buffer.byteLength(command);
  if (bytes <= MAX_COMMAND_BYTES) return undefined;
  return problem(
    "command-too-long",
    `${verb}'s command is ${bytes.toLocaleString("en")} bytes long; Linux takes at most ${MAX_COMMAND_BYTES.toLocaleString("en")} in one argument, and sh -c takes the command as one`,
    span,
    `put the commands in a script file and run that: ${verb} ${node} sh FILE`,
  );
}
