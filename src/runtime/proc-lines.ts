// Running a namespace's `proc` lines (lower.ts: `start ID NODE COMMAND`, `stop ID NODE`): each starts
// or ends a spawned process, in order; no batch program is involved.
import type { FailedCommand } from "../diagnostic.js";
import type { BatchOutcome } from "./batch.js";
import type { SpawnedProcesses } from "./spawned.js";
import type { PlannedLine } from "./stages.js";

export async function runProcLines(
  procs: SpawnedProcesses | undefined,
  ns: string,
  lines: readonly PlannedLine[],
  force: boolean,
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
          : await procs.stop(Number(id));
    if (failed === undefined) done.push(i);
    else {
      failures.push(failed);
      if (!force) break;
    }
  }
  return { done, failures };
}
