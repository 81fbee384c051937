// Running `conf` lines (ops/kinds/move-state.ts: `IFNAME KEY VALUE`): one of a moved interface's own
// settings put back under /proc/sys/net in the machine's namespace, each its own `sysctl -qw` (a move
// carries a few at most), through the executor like every program netl runs. Reports like a batch:
// which lines got done, and what failed.
import type { FailedCommand } from "../diagnostic.js";
import { MACHINE_NS } from "../interpreter/ops/machine-ns.js";
import type { BatchOutcome } from "./batch.js";
import type { Executor } from "./executor.js";
import type { PlannedLine } from "./stages.js";

export async function runConfLines(
  executor: Executor,
  ns: string | undefined,
  lines: readonly PlannedLine[],
  force: boolean,
): Promise<BatchOutcome> {
  const done: number[] = [];
  const failures: FailedCommand[] = [];
  for (const [i, line] of lines.entries()) {
    const argv = line.step.command;
    let failed: string | undefined;
    if (ns !== MACHINE_NS) failed = "an interface's own settings are put back only on the machine";
    else {
      try {
        const r = await executor.run(argv);
        if (r.exitCode !== 0) failed = (r.stderr || r.stdout).trim() || `exit status ${r.exitCode}`;
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e);
      }
    }
    if (failed === undefined) done.push(i);
    else {
      failures.push({ argv, stderr: failed });
      if (!force) break;
    }
  }
  return { done, failures };
}
