// Run a list of lines as one `ip -batch -` process and say which lines got done.
// `ip -batch` stops at the first failing line and names it (`Command failed -:N`);
// with -force (used for rollback and teardown) it goes on and names every failure.
import type { FailedCommand } from "../diagnostic.js";
import { MACHINE_NS } from "../interpreter/ops/machine-ns.js";
import type { Tool } from "../interpreter/ops/step.js";
import type { BatchPids } from "./batch-pids.js";
import type { Executor } from "./executor.js";
import { rtnlRecord } from "./rtnl-batch.js";
import type { PlannedLine } from "./stages.js";
import { sysctlArgv } from "./sysctl-batch.js";

export interface BatchOutcome {
  /** Lines (by index) that the kernel carried out. */
  readonly done: readonly number[];
  readonly failures: readonly FailedCommand[];
  /** The line (by index) of the first failure, where the report named it: what the error points back to. */
  readonly failedLine?: number;
}

const FAILED = /^Command failed -:(\d+)\s*$/;

/** The argv of the batch process: global, or inside one namespace; `tc` reads the same batch form. */
export function batchArgv(ns: string | undefined, force: boolean, tool: Tool = "ip"): string[] {
  // nft has no -n and no -force: it runs inside the namespace, and a file is one transaction.
  if (tool === "nft") return ["ip", "netns", "exec", ns ?? "", "nft", "-f", "-"];
  if (tool === "sysctl") return sysctlArgv(force);
  // `netns add` lines where no journaling helper runs (netns-batch.ts): `ip` reads them.
  if (tool === "netns") return batchArgv(ns, force, "ip");
  const where = ns === undefined || ns === MACHINE_NS ? [] : ["-n", ns];
  return [tool, ...where, ...(force ? ["-force"] : []), "-batch", "-"];
}

/** A namespace's lines as runs of one tool each, in order: each run is one batch process. */
export function byTool(lines: readonly PlannedLine[]): PlannedLine[][] {
  const runs: PlannedLine[][] = [];
  for (const line of lines) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0]?.step.tool === line.step.tool) last.push(line);
    else runs.push([line]);
  }
  return runs;
}

export function runBatch(
  executor: Executor,
  ns: string | undefined,
  lines: readonly PlannedLine[],
  force: boolean,
  batches?: BatchPids,
): Promise<BatchOutcome> {
  const input = `${lines.map((l) => l.step.line.join(" ")).join("\n")}\n`;
  return runLines(executor, batchArgv(ns, force, lines[0]?.step.tool), input, lines, force, batches);
}

/**
 * Run `argv` on `input` (one text line per planned line, in order) and read which lines got done from
 * its `ip -batch`-style report: `ip` itself, or a process that reports like it (rtnl-batch.ts).
 */
export async function runLines(
  executor: Executor,
  argv: readonly string[],
  input: string,
  lines: readonly PlannedLine[],
  force: boolean,
  batches?: BatchPids,
): Promise<BatchOutcome> {
  if (lines.length === 0) return { done: [], failures: [] };
  const onPid = batches && ((pid: number, exited: boolean) => (exited ? batches.ended(pid) : batches.started(pid)));
  let result: Awaited<ReturnType<Executor["run"]>>;
  try {
    result = await executor.run(argv, { input, ...(onPid ? { onPid } : {}) });
  } catch (e) {
    // It could not even start (or netl failed starting it): nothing was done, and the change is taken back.
    const stderr = `netl could not run it: ${e instanceof Error ? e.message : String(e)}`;
    return { done: [], failures: [{ argv: (lines[0] as PlannedLine).step.command, stderr }] };
  }
  const all = lines.map((_, i) => i);
  if (result.exitCode === 0) return { done: all, failures: [] };

  // Attribute each error message to the line named by the `Command failed` that follows it.
  const failedAt = new Map<number, string>();
  let pending: string[] = [];
  for (const text of result.stderr.split("\n")) {
    const m = FAILED.exec(text);
    if (m) {
      failedAt.set(Number(m[1]) - 1, pending.join("\n").trim());
      pending = [];
    } else if (text.trim() !== "") pending.push(text);
  }
  if (failedAt.size === 0) {
    // ip failed without naming a line (it could not start its work): nothing was done.
    const first = lines[0] as PlannedLine;
    const stderr = result.stderr.trim() || `exit status ${result.exitCode}`;
    // One line is that line; of several, which one is not known.
    return {
      done: [],
      failures: [{ argv: first.step.command, stderr }],
      ...(lines.length === 1 ? { failedLine: 0 } : {}),
    };
  }
  const firstFailure = [...failedAt.keys()].reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const done = force ? all.filter((i) => !failedAt.has(i)) : all.filter((i) => i < firstFailure);
  const failures = [...failedAt.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, stderr]) => ({ argv: (lines[i] as PlannedLine).step.command, stderr }));
  return { done, failures, failedLine: firstFailure };
}

/** A namespace's lines, each with its rtnetlink request (PlannedLine.rtnl), for the executor's rtnetlink process. */
export type NsLines = readonly [string, readonly PlannedLine[]];

const rtnlOf = (l: PlannedLine) => {
  if (l.rtnl === undefined) throw new Error(`not a request of the rtnetlink process: ${l.step.command.join(" ")}`);
  return l.rtnl;
};

/**
 * Run a group of namespaces' lines in the one process `argv` (Executor.rtnl); the outcome's line
 * numbers count the group's lines in order, namespace after namespace.
 */
export function runRtnl(
  executor: Executor,
  argv: readonly string[],
  group: readonly NsLines[],
  force: boolean,
  batches?: BatchPids,
): Promise<BatchOutcome> {
  const input = group.flatMap(([ns, lines]) => lines.map((l) => `${rtnlRecord(ns, rtnlOf(l))}\n`)).join("");
  return runLines(
    executor,
    argv,
    input,
    group.flatMap(([, lines]) => lines),
    force,
    batches,
  );
}
