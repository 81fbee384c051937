// What a Session is opened with, and how its lab names namespaces.
import type { NsName } from "../interpreter/ops/lower.js";
import type { World } from "../interpreter/world.js";
import type { ApplyContext } from "./apply.js";
import type { BatchPids } from "./batch-pids.js";
import type { Captures } from "./captures.js";
import type { Executor } from "./executor.js";
import type { LockOutcome } from "./flock.js";
import type { Journal } from "./netns-batch.js";
import type { Progress } from "./progress-count.js";
import type { SpawnedProcesses } from "./spawned.js";

export interface SessionOptions {
  readonly lab: string;
  readonly prefix?: string;
  readonly executor: Executor;
  readonly runDir: string;
  /** Where `ip netns` keeps its names; read to refuse names taken outside this lab. */
  readonly netnsDir?: string;
  /** The machine's interfaces by name (sysfs); read to refuse names taken outside this lab. */
  readonly sysNetDir?: string;
  /** Called with every kernel command just before it runs. */
  readonly onCommand?: (argv: readonly string[]) => void;
  /** Told what netl did besides the statement: processes it ended before deleting their namespace. */
  readonly onNote?: (line: string) => void;
  /** The machine-wide lock's file (machine-lock.ts); tests name one of their own. */
  readonly machineLock?: string;
  /** Told how far a change has got: namespaces, links and routes (a progress bar on a terminal). */
  readonly onProgress?: (progress: Progress) => void;
  /** What `capture` starts and ends (its owner, the driver, ends them at a Ctrl-C and before it lets go of the lab). */
  readonly captures?: Captures;
  /** Told the World after every change the kernel took, undo and rollback included (the live page's feed). */
  readonly onWorld?: (world: World) => void;
  /** The lab's lock as a helper already took it on openNewLock's file (prestart-build.ts): tried first. */
  readonly lockTaken?: LockOutcome;
}

/** A lab's namespace names: its nodes' names, after the prefix when there is one. */
export const namespaceName =
  (prefix: string | undefined): NsName =>
  (node) =>
    prefix ? `${prefix}-${node}` : node;

/** What a Session's changes run with: its options' executor and listeners, and its own tables. */
export function applyContext(
  options: SessionOptions,
  nsName: NsName,
  procs: SpawnedProcesses,
  batches: BatchPids,
  journal: Journal,
  signal?: AbortSignal,
): ApplyContext {
  const { executor, onCommand, captures, onProgress } = options;
  return {
    executor,
    nsName,
    procs,
    batches,
    journal,
    ...(onCommand && { onCommand }),
    ...(captures && { captures }),
    ...(onProgress && { onProgress }),
    ...(signal && { signal }),
  };
}
