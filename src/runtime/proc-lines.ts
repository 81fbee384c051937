// Running a namespace's `proc` lines (lower.ts: `start ID NODE COMMAND`, `capture ID NODE SPEC`, `stop
// ID NODE`): each starts or ends a spawned process or a capture, in order; no batch program is involved.
import type { FailedCommand } from "../diagnostic.js";
import type { CaptureSpec } from "../interpreter/ops/types.js";
import type { BatchOutcome } from "./batch.js";
import type { Captures } from "./captures.js";
import type { SpawnedProcesses } from "./spawned.js";
import type { PlannedLine } from "./stages.js";

export async function runProcLines(
  procs: SpawnedProcesses | undefined,
  ns: string,
  lines: readonly PlannedLine[],
  force: boolean,
  captures?: Captures,
): Promise<BatchOutcome> {
  const done: number[] = [];
  const failures: FailedCommand[] = [];
  for (const [i, line] of lines.entries()) {
    const [verb, id, node = "", ...command] = line.step.line;
    const failed =
      procs === undefined
        ? { argv: line.step.command, stderr: "no process table in this context" }
        : verb === "start"
          ? await procs.start(ns, Number(id), node, command.join(" "))
          : verb === "capture"
            ? await startCapture(captures, line, ns, Number(id), node, command.join(" "))
            : captures?.has(Number(id))
              ? await captures.stop(Number(id))
              : await procs.stop(Number(id));
    if (failed === undefined) done.push(i);
    else {
      failures.push(failed);
      if (!force) break;
    }
  }
  return { done, failures };
}

function startCapture(
  captures: Captures | undefined,
  line: PlannedLine,
  ns: string,
  id: number,
  node: string,
  spec: string,
): Promise<FailedCommand | undefined> | FailedCommand {
  if (captures === undefined) return { argv: line.step.command, stderr: "no captures in this context" };
  return captures.start(ns, id, node, JSON.parse(spec) as CaptureSpec);
}
