// The one door to the outside world: run a program from an argv array (never a shell string built
// from user text). Tests swap in a recording executor. The user's commands (`exec`, `spawn`) go through
// execa (user-command.ts); netl's own short programs (the `ip` and Perl batches of every change, `netl
// down`'s one batch) are started with node's spawn directly, for speed (docs/BENCHMARKS.md, "execa").
import { type ChildProcess, type SpawnSyncOptionsWithStringEncoding, spawn, spawnSync } from "node:child_process";
import { netnsArgv } from "./netns-helper.js";
import { Prestarted } from "./prestart.js";
import { rtnlArgv } from "./rtnl-batch.js";
import { startFailure } from "./start-failure.js";
import { canSupervise, type Supervised, startSupervised } from "./supervisor.js";
import { runInteractive, runUserCommand, startInBackground, statusOf } from "./user-command.js";
import { type Watched, type WatchOptions, watch } from "./watch.js";

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to the program's standard input. */
  readonly input?: string;
  /** Aborting ends the program (SIGTERM to its process group, SIGKILL KILL_AFTER_MS later). */
  readonly signal?: AbortSignal;
  /**
   * A user's command: standard error interleaved into stdout, in the order printed (for showing its
   * output), returned when the program exits even if something it left in the background holds its
   * output; through execa.
   */
  readonly mergeOutput?: boolean;
  /** With mergeOutput: each piece of output as it comes. */
  readonly onOutput?: (text: string) => void;
  /** Told the pid once the program runs, and again (`exited`) when it has ended. */
  readonly onPid?: (pid: number, exited: boolean) => void;
}

export interface Executor {
  /** Resolves with the exit code; rejects (a StartFailure) only when the program cannot be started at all. */
  run(argv: readonly string[], options?: RunOptions): Promise<ExecResult>;
  /**
   * Start a long-running program in its own process group, its output appended to `logFile`, and
   * resolve with its pid (= its process group) without waiting for it; rejects when it cannot start.
   * Optional: executors for tests that never start one leave it out.
   */
  background?(argv: readonly string[], logFile: string): Promise<number>;
  /**
   * Start a long-running program under a supervisor of its own (supervisor.ts) that ends everything it
   * leaves when it is ended, its output into `logFile` under a cap; undefined (or left out) where that
   * cannot be done here, and `background` serves. Executors for tests leave it out.
   */
  readonly supervise?: ((argv: readonly string[], logFile: string) => Promise<Supervised>) | undefined;
  /**
   * The argv of one process that carries many namespaces' rtnetlink requests (PlannedLine.rtnl; rtnl-batch.ts),
   * reporting like `ip -batch`; undefined, or left out, to run `ip -n NS -batch -`
   * per namespace (executors for tests, which read `ip` batches, leave it out).
   */
  rtnl?(force: boolean): readonly string[] | undefined;
  /**
   * The argv of one process that makes namespaces from `netns add` lines and appends each one's
   * identity to `journal` as it exists (netns-batch.ts); undefined, or left out, to run `ip -batch`
   * (executors for tests leave it out: netl then journals what `ip` made).
   */
  netns?(force: boolean, journal: string): readonly string[] | undefined;
  /**
   * Run a program on netl's own terminal (a shell in a node) and wait: its exit status, 128 + a
   * signal's number when one ended it. Optional: executors for tests leave it out.
   */
  interactive?(argv: readonly string[], options?: { signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<number>;
  /**
   * Start a long-running program whose output is read as it comes (a capture's tcpdump), in its own
   * process group, and resolve once it says it is ready. Optional: executors for tests leave it out.
   */
  watch?(argv: readonly string[], options: WatchOptions): Promise<Watched>;
  /** Start a batch process now that a later `run` with the very same argv takes (prestart.ts). */
  prestart?(argv: readonly string[]): void;
  /** Let go of the batch processes started ahead that no change took: they end having done nothing. */
  release?(): void;
}

const KILL_AFTER_MS = 2000;

export class ProcessExecutor implements Executor {
  /** `prestarted`: batch processes already running, each taken by the first batch with its very argv. */
  constructor(private readonly prestarted: Prestarted = new Prestarted()) {}

  async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    if (argv[0] === undefined) throw new Error("empty argv");
    if (!options.mergeOutput) return batchRun(argv, options, this.prestarted);
    const r = await runUserCommand(argv, options);
    return { exitCode: r.exitCode, stdout: r.output, stderr: "" };
  }

  rtnl(force: boolean): readonly string[] | undefined {
    return rtnlArgv(force);
  }

  prestart(argv: readonly string[]): void {
    this.prestarted.start(argv);
  }

  release(): void {
    this.prestarted.close();
  }

  netns(force: boolean, journal: string): readonly string[] | undefined {
    return netnsArgv(force, journal);
  }

  /**
   * Run to the end with the event loop held (spawnSync), in its own process group like `run`: for a
   * command whose whole work is this one program (`netl down`'s batch). No streams are set up: less
   * JavaScript in a teardown, which is a benchmark target (docs/BENCHMARKS.md).
   */
  runBlocking(argv: readonly string[], input = ""): ExecResult {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    // spawnSync takes `detached` (uv's own process group) though @types/node leaves it out of its options.
    const options: SpawnSyncOptionsWithStringEncoding & { detached: boolean } = {
      input,
      encoding: "utf8",
      detached: true,
    };
    const r = spawnSync(file, args, options);
    if (r.error) throw startFailure(argv, r.error) ?? r.error;
    return { exitCode: statusOf(r.status, r.signal), stdout: r.stdout, stderr: r.stderr };
  }

  get supervise(): ((argv: readonly string[], logFile: string) => Promise<Supervised>) | undefined {
    return canSupervise() ? startSupervised : undefined;
  }

  async background(argv: readonly string[], logFile: string): Promise<number> {
    if (argv[0] === undefined) throw new Error("empty argv");
    return startInBackground(argv, logFile);
  }

  watch(argv: readonly string[], options: WatchOptions): Promise<Watched> {
    return watch(argv, options);
  }

  async interactive(
    argv: readonly string[],
    options: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {},
  ): Promise<number> {
    if (argv[0] === undefined) throw new Error("empty argv");
    return runInteractive(argv, options);
  }
}

/**
 * Own process group (detached): a Ctrl-C at the terminal goes to netl's group and must not kill
 * ip halfway through a batch. Aborting ends the whole group.
 */
function start(argv: readonly string[], options: RunOptions, prestarted?: Prestarted): ChildProcess {
  const [file = "", ...args] = argv;
  let child: ChildProcess;
  try {
    child = prestarted?.take(argv) ?? spawn(file, args, { detached: true, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    // An argument list longer than Linux takes (E2BIG) throws here, at once.
    throw startFailure(argv, e) ?? e;
  }
  child.stdin?.on("error", () => {}); // a program that exits without reading its input
  child.stdin?.end(options.input ?? "");
  const pid = child.pid;
  if (pid !== undefined && options.onPid !== undefined) {
    const onPid = options.onPid;
    onPid(pid, false);
    child.once("exit", () => onPid(pid, true));
  }
  const signal = options.signal;
  if (signal !== undefined) {
    const group = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {}
    };
    let killer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      group("SIGTERM");
      killer = setTimeout(() => group("SIGKILL"), KILL_AFTER_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    child.on("exit", () => {
      signal.removeEventListener("abort", onAbort);
      if (killer !== undefined) clearTimeout(killer);
    });
  }
  return child;
}

/** Separate outputs, returned once both are closed (every ip batch: the hot path). */
function batchRun(argv: readonly string[], options: RunOptions, prestarted?: Prestarted): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = start(argv, options, prestarted);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => reject(startFailure(argv, e) ?? e));
    child.on("close", (code, signal) =>
      resolve({
        exitCode: statusOf(code, signal),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}
