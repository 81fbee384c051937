// `spawn B CMD…` starts a long-running process in B (a change: undo ends it); `logs B` and `ps` ask
// what spawned processes printed and which still run.
import type { LogsStmt, PsStmt, SpawnStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireNode } from "../checks.js";
import { updateNode } from "../edit.js";
import type { Change, Query } from "../plan.js";
import type { World } from "../world.js";
import { commandTooLong } from "./exec.js";

export function evaluateSpawn(world: World, stmt: SpawnStmt): Result<Change> {
  const node = requireNode(world, stmt.node);
  if (!node.ok) return node;
  const long = commandTooLong("spawn", node.value.name, stmt.command, stmt.span);
  if (long) return long;
  const id = world.nextProcId;
  const spawned = { id, command: stmt.command };
  const after = updateNode({ ...world, nextProcId: id + 1 }, node.value.name, (n) => ({
    ...n,
    processes: [...(n.processes ?? []), spawned],
  }));
  return ok({
    before: world,
    after,
    ops: [{ kind: "proc.start", node: node.value.name, id, command: stmt.command }],
    summary: [`+ spawn ${node.value.name} #${id}: ${stmt.command}`],
  });
}

export function evaluateLogs(world: World, stmt: LogsStmt): Result<Query> {
  const node = requireNode(world, stmt.node);
  if (!node.ok) return node;
  return ok({ kind: "logs", node: node.value.name, span: stmt.span });
}

export function evaluatePs(world: World, stmt: PsStmt): Result<Query> {
  const processes = [...world.nodes.values()].flatMap((n) =>
    (n.processes ?? []).map((p) => ({ node: n.name, id: p.id, command: p.command })),
  );
  return ok({ kind: "ps", processes, span: stmt.span });
}
