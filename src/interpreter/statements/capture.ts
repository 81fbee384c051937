// `capture A:eth0 [count N] [filter "…"] [to "F"]`: tcpdump in A (a change, like `spawn`: undo, `del A`
// and teardown end it, as do its count and a Ctrl-C). The interface must be A's; `capture A` watches all.
import type { CaptureStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { captureCommand, captureText } from "../capture.js";
import { requireIface, requireNode } from "../checks.js";
import { updateNode } from "../edit.js";
import type { CaptureSpec } from "../ops/types.js";
import type { Change } from "../plan.js";
import type { World } from "../world.js";

export function evaluateCapture(world: World, stmt: CaptureStmt): Result<Change> {
  const node = requireNode(world, stmt.end.node);
  if (!node.ok) return node;
  if (stmt.end.ifname) {
    const iface = requireIface(node.value, stmt.end.ifname);
    if (!iface.ok) return iface;
  }
  const spec: CaptureSpec = {
    ...(stmt.end.ifname ? { ifname: stmt.end.ifname.text } : {}),
    ...(stmt.count === undefined ? {} : { count: stmt.count }),
    ...(stmt.filter === undefined ? {} : { filter: stmt.filter }),
    ...(stmt.file === undefined ? {} : { file: stmt.file.path }),
  };
  const name = node.value.name;
  const id = world.nextProcId;
  const command = captureCommand(spec);
  const after = updateNode({ ...world, nextProcId: id + 1 }, name, (n) => ({
    ...n,
    processes: [...(n.processes ?? []), { id, command, capture: spec }],
  }));
  return ok({
    before: world,
    after,
    ops: [{ kind: "proc.start", node: name, id, command, capture: spec }],
    summary: [`+ capture ${captureText(name, spec)} #${id}`],
  });
}
