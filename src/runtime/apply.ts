// All-or-nothing application of ops: run the stages in order; on a failure, run the inverses
// of every op that got done, newest first, and report the failure and any rollback step that failed.
import type { FailedCommand } from "../diagnostic.js";
import { invertAll } from "../interpreter/ops/inverse.js";
import { MACHINE_NS } from "../interpreter/ops/machine-ns.js";
import type { NsName } from "../interpreter/ops/step.js";
import type { Op } from "../interpreter/ops/types.js";
import { once } from "../once.js";
import { type BatchOutcome, byTool, type NsLines, runBatch, runRtnl } from "./batch.js";
import type { BatchPids } from "./batch-pids.js";
import type { Captures } from "./captures.js";
import { runConfLines } from "./conf-lines.js";
import type { Executor } from "./executor.js";
import { type Journal, runNetnsAdds } from "./netns-batch.js";
import { type Parts, planParts } from "./parts.js";
import { startAhead } from "./prestart-stage.js";
import { runProcLines } from "./proc-lines.js";
import { CREATE_CHUNK, chunkSize, chunks, type Progress, ProgressTracker, RTNL_CHUNK } from "./progress-count.js";
import type { SpawnedProcesses } from "./spawned.js";
import type { PlannedLine, Stage } from "./stages.js";

export interface ApplyContext {
  readonly executor: Executor;
  readonly nsName: NsName;
  /** Called with each command (in its stand-alone form) just before its batch runs. */
  readonly onCommand?: (argv: readonly string[]) => void;
  /** How many per-namespace batches run at once. */
  readonly concurrency?: number;
  /** Told as each batch process of a change ends: namespaces, links and routes done, of how many (progress-count.ts). */
  readonly onProgress?: (progress: Progress) => void;
  /** Where the pids of running batches are kept, for a `netl down` after this netl was killed. */
  readonly batches?: BatchPids;
  /** Starts and ends what `spawn` runs (`proc` lines); without it such lines fail. */
  readonly procs?: SpawnedProcesses;
  /** Starts and ends what `capture` runs (`proc` lines of a capture). */
  readonly captures?: Captures;
  /** Aborted (Ctrl-C): stop before the next stage and roll back what was done. */
  readonly signal?: AbortSignal;
  /** Where each namespace made is written down with its identity as soon as it exists (netns-journal.ts). */
  readonly journal?: Journal;
}

export type ApplyOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly failed: FailedCommand;
      /** The op (its index in the change) whose line failed, where the report named the line. */
      readonly failedOp?: number;
      /** The ops (by index) that had been done, and were rolled back. */
      readonly done: ReadonlySet<number>;
      /** How many ops had been done (and were rolled back). */
      readonly rolledBack: number;
      readonly rollbackFailures: readonly FailedCommand[];
    };

/** The failure reported when the change was interrupted between two stages. */
export const INTERRUPTED: FailedCommand = { argv: [], stderr: "interrupted" };

interface StageOutcome {
  readonly done: number[];
  readonly failures: FailedCommand[];
  /** The op of the first failure's line, when its batch named the line. */
  failedOp?: number;
}

/** How many namespaces' requests a process start is worth (docs/BENCHMARKS.md). */
const NS_PER_START = 10;

/**
 * The namespaces whose every line the rtnetlink process carries (each has its request, PlannedLine.rtnl), in
 * `parts` groups of a process each — as many as run at once, but no more than one per NS_PER_START of them —
 * when there are two or more of them; every other namespace alone, on its own `ip` batch. The
 * machine's own namespace is never grouped: the process enters named namespaces only.
 */
function grouped(entries: readonly NsLines[], parts: number): { groups: NsLines[][]; alone: NsLines[] } {
  const carried = ([ns, lines]: NsLines) => ns !== MACHINE_NS && lines.every((l) => l.rtnl !== undefined);
  const together = entries.filter(carried);
  if (together.length < 2) return { groups: [], alone: [...entries] };
  // No more processes than their starts are worth.
  const size = Math.ceil(together.length / Math.min(parts, Math.ceil(together.length / NS_PER_START)));
  const groups = Array.from({ length: Math.ceil(together.length / size) }, (_, i) =>
    together.slice(i * size, (i + 1) * size),
  );
  return { groups, alone: entries.filter((entry) => !carried(entry)) };
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(runners);
}

/**
 * The namespace maker sets namespaces' sysctls too (native/netns.pl): a run of `netns add` lines and the
 * run of sysctl lines after it go to it as one, in the same order, one process fewer.
 */
function withSettings(runs: readonly PlannedLine[][]): PlannedLine[][] {
  const [adds, settings, ...rest] = runs;
  if (adds?.[0]?.step.tool !== "netns" || settings?.[0]?.step.tool !== "sysctl") return [...runs];
  return [[...adds, ...settings], ...rest];
}

/** A batch's failures into the stage's; the first of the stage is the one whose op is kept. */
function noteFailures(out: StageOutcome, r: BatchOutcome, lines: readonly PlannedLine[]): void {
  const line = r.failedLine === undefined ? undefined : lines[r.failedLine];
  if (out.failures.length === 0 && r.failures.length > 0 && line !== undefined) out.failedOp = line.ops[0];
  out.failures.push(...r.failures);
}

async function runStage(
  stage: Stage,
  ctx: ApplyContext,
  force: boolean,
  progress?: ProgressTracker,
): Promise<StageOutcome> {
  const out: StageOutcome = { done: [], failures: [] };
  // Creations in runs of one tool each (namespaces, their sysctls, the rest): a process each, or a few
  // where progress is shown, so that it moves while thousands of namespaces are made.
  const runs = byTool(stage.create).flatMap((whole) => chunks(whole, createRun(whole, progress !== undefined)));
  const creations = ctx.journal && ctx.executor.netns?.(force, ctx.journal.path) ? withSettings(runs) : runs;
  const rest = [...stage.ns.entries()].filter(([ns]) => ns !== stage.first);
  const concurrency = ctx.concurrency ?? 2;
  const rtnl = ctx.executor.rtnl?.(force);
  const split = rtnl ? grouped(rest, concurrency) : { groups: [], alone: rest };
  const groups = progress ? split.groups.flatMap((g) => chunks(g, chunkSize(g.length, RTNL_CHUNK))) : split.groups;
  const alone = split.alone;
  // Once the stage's first process runs, the next ones start and wait for their input (prestart.ts).
  const lead = creations.length > 0 || stage.first === undefined ? 1 : 0;
  const ahead = once(() => force || startAhead(ctx.executor, ctx.journal, creations, rtnl, groups.length, lead));
  const run = async (ns: string | undefined, lines: readonly PlannedLine[]) => {
    for (const l of lines) ctx.onCommand?.(l.step.command);
    const tool = lines[0]?.step.tool;
    const pending =
      tool === "proc" && ns !== undefined
        ? runProcLines(ctx.procs, ns, lines, force, ctx.captures)
        : tool === "netns"
          ? runNetnsAdds(ctx.executor, lines, force, ctx.journal, ctx.batches)
          : tool === "conf"
            ? runConfLines(ctx.executor, ns, lines, force)
            : runBatch(ctx.executor, ns, lines, force, ctx.batches);
    ahead();
    const r = await pending;
    for (const i of r.done) out.done.push(...(lines[i] as PlannedLine).ops);
    noteFailures(out, r, lines);
    progress?.done(r.done.map((i) => lines[i] as PlannedLine));
  };
  for (const lines of creations) {
    await run(undefined, lines);
    if (out.failures.length > 0 && !force) return out;
  }
  // A namespace's `ip` and `tc` lines run as consecutive batches, in their order.
  const runNs = async ([ns, lines]: NsLines) => {
    for (const run1 of byTool(lines)) {
      await run(ns, run1);
      if (out.failures.length > 0 && !force) return;
    }
  };
  const first = stage.first === undefined ? undefined : stage.ns.get(stage.first);
  if (stage.first !== undefined && first !== undefined) {
    await runNs([stage.first, first]);
    if (out.failures.length > 0 && !force) return out;
  }
  const runGroup = async (argv: readonly string[], group: readonly NsLines[]) => {
    const lines = group.flatMap(([, l]) => l);
    for (const l of lines) ctx.onCommand?.(l.step.command);
    const pending = runRtnl(ctx.executor, argv, group, force, ctx.batches);
    ahead();
    const r = await pending;
    for (const i of r.done) out.done.push(...(lines[i] as PlannedLine).ops);
    noteFailures(out, r, lines);
    progress?.done(r.done.map((i) => lines[i] as PlannedLine));
  };
  const work = [
    ...(rtnl ? groups.map((group) => () => runGroup(rtnl, group)) : []),
    ...alone.map((entry) => () => runNs(entry)),
  ];
  await pool(work, concurrency, (job) => job());
  if (out.failures.length > 0 && !force) return out;
  await run(undefined, stage.destroy);
  return out;
}

/**
 * `ip -batch` (iproute2 6.1) keeps the file of every `netns NAME` it reads open until it exits: two a
 * veth line. Past the open-file limit (often 1024) the rest fail ("Invalid netns value"; at 10 000
 * nodes here, 20 000), so a run of `ip` creations goes in processes of at most this many lines.
 */
export const IP_CREATE_LINES = 400;

/** Lines in one creation process: all, or fewer where `ip` would run out of files or progress is shown. */
function createRun(lines: readonly PlannedLine[], progress: boolean): number {
  const ip = lines[0]?.step.tool === "ip" ? IP_CREATE_LINES : lines.length;
  return Math.max(1, Math.min(ip, progress ? chunkSize(lines.length, CREATE_CHUNK) : lines.length));
}

/** Best effort: run every op, part after part, going on past failures, and return the failures. */
export async function applyForce(ops: readonly Op[] | Parts, ctx: ApplyContext): Promise<FailedCommand[]> {
  const failures: FailedCommand[] = [];
  for (const stage of planParts(asParts(ops), ctx.nsName))
    failures.push(...(await runStage(stage, ctx, true)).failures);
  return failures;
}

export type { Parts } from "./parts.js";

const asParts = (ops: readonly Op[] | Parts): Parts =>
  ops.length > 0 && Array.isArray(ops[0]) ? (ops as Parts) : [ops as readonly Op[]];

/** The inverses of the done ops (indices over all parts): newest part first, each part's newest op first. */
export function undoParts(parts: Parts, done: ReadonlySet<number>): Op[][] {
  let offset = 0;
  const back = parts.map((part) => {
    const at = offset;
    offset += part.length;
    return invertAll(part.filter((_, i) => done.has(i + at)));
  });
  return back.reverse().filter((part) => part.length > 0);
}

/** Run the ops (or parts, one after another) all or nothing: on a failure the done ones are taken back. */
export async function applyAll(ops: readonly Op[] | Parts, ctx: ApplyContext): Promise<ApplyOutcome> {
  const parts = asParts(ops);
  const done = new Set<number>();
  const rollBack = async (failed: FailedCommand, failedOp?: number): Promise<ApplyOutcome> => {
    const rollbackFailures = await applyForce(undoParts(parts, done), ctx);
    return {
      ok: false,
      failed,
      ...(failedOp === undefined ? {} : { failedOp }),
      done,
      rolledBack: done.size,
      rollbackFailures,
    };
  };
  const stages = planParts(parts, ctx.nsName);
  const progress = ctx.onProgress && new ProgressTracker(stages, parts.flat(), ctx.onProgress);
  progress?.begin();
  try {
    return await applyStages(stages, ctx, done, rollBack, progress);
  } finally {
    progress?.end();
  }
}

async function applyStages(
  stages: readonly Stage[],
  ctx: ApplyContext,
  done: Set<number>,
  rollBack: (failed: FailedCommand, failedOp?: number) => Promise<ApplyOutcome>,
  progress: ProgressTracker | undefined,
): Promise<ApplyOutcome> {
  for (const stage of stages) {
    if (ctx.signal?.aborted) return rollBack(INTERRUPTED);
    const r = await runStage(stage, ctx, false, progress);
    for (const i of r.done) done.add(i);
    const failed = r.failures[0];
    if (failed) return rollBack(failed, r.failedOp);
  }
  // Interrupted while the last batch ran: the statement as a whole is taken back.
  if (ctx.signal?.aborted) return rollBack(INTERRUPTED);
  return { ok: true };
}
