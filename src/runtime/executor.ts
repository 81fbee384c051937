// The one door to the outside world: run a program from an argv array (never a shell
// string built from user text). Tests swap in a recording executor.
import { type ChildProcess, type SpawnSyncOptionsWithStringEncoding, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { rtnlArgv } from "./rtnl-batch.js";

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to the program's standard input. */
  readonly input?: string;
  /** Aborting ends the program (SIGTERM to its process group, SIGKILL 2 s later). */
  readonly signal?: AbortSignal;
  /**
   * Interleave standard error into stdout, in the order printed (for showing a command's output),
   * and return when the program exits even if something it left in the background holds its output.
   */
  readonly mergeOutput?: boolean;
  /** Told the pid once the program runs, and again (`exited`) when it has ended. */
  readonly onPid?: (pid: number, exited: boolean) => void;
}

export interface Executor {
  /** Resolves with the exit code; rejects only when the program cannot be started at all. */
  run(argv: readonly string[], options?: RunOptions): Promise<ExecResult>;
  /**
   * Start a long-running program in its own process group, its output appended to `logFile`, and
   * resolve with its pid (= its process group) without waiting for it; rejects when it cannot start.
   * Optional: executors for tests that never start one leave it out.
   */
  background?(argv: readonly string[], logFile: string): Promise<number>;
  /**
   * The argv of one process that carries many namespaces' rtnetlink requests (PlannedLine.rtnl; rtnl-batch.ts),
   * reporting like `ip -batch`; undefined, or left out, to run `ip -n NS -batch -`
   * per namespace (executors for tests, which read `ip` batches, leave it out).
   */
  rtnl?(force: boolean): readonly string[] | undefined;
}

/** How long output may still arrive after the program exits, from what it left in the background. */
const DRAIN_MS = 100;
const KILL_AFTER_MS = 2000;

export class ProcessExecutor implements Executor {
  async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    return options.mergeOutput ? shellRun(file, args, options) : plainRun(file, args, options);
  }

  rtnl(force: boolean): readonly string[] | undefined {
    return rtnlArgv(force);
  }

  /**
   * Run to the end with the event loop held (spawnSync), in its own process group like `run`: for a
   * command whose whole work is this one program (`netl down`'s batch). No streams are set up, ~4 ms
   * of JavaScript less in a teardown whose target is ~16 ms above Node's start (profiled).
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
    if (r.error) throw new Error(`Command failed: ${file}: ${r.error.message}`);
    return { exitCode: statusOf(r.status, r.signal), stdout: r.stdout, stderr: r.stderr };
  }

  async background(argv: readonly string[], logFile: string): Promise<number> {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    const log = openSync(logFile, "a");
    try {
      const child = spawn(file, args, { detached: true, stdio: ["ignore", log, log] });
      return await new Promise<number>((resolve, reject) => {
        child.once("error", reject);
        child.once("spawn", () => {
          child.unref();
          if (child.pid === undefined) reject(new Error(`${file} did not start`));
          else resolve(child.pid);
        });
      });
    } finally {
      closeSync(log);
    }
  }
}

/**
 * Own process group (detached): a Ctrl-C at the terminal goes to netl's group and must not kill
 * ip halfway through a batch. Aborting ends the whole group: `sh -c` forks its commands.
 */
function start(file: string, args: readonly string[], options: RunOptions): ChildProcess {
  const child = spawn(file, args, { detached: true, stdio: ["pipe", "pipe", "pipe"] });
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

/** An exit status, as a shell shows one; a program ended by a signal counts as interrupted. */
const statusOf = (code: number | null, signal: NodeJS.Signals | null): number => code ?? (signal ? 130 : 1);

/** Separate outputs, returned once both are closed (every ip batch: the hot path). */
function plainRun(file: string, args: readonly string[], options: RunOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = start(file, args, options);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => reject(new Error(`Command failed: ${file}: ${e.message}`)));
    child.on("close", (code, signal) =>
      resolve({
        exitCode: statusOf(code, signal),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/**
 * One interleaved output, returned when the program exits (plus a moment for its last words): a
 * process it left in the background (`exec A sleep 1000 &`) keeps the pipes open, and would
 * otherwise hold netl until it ends. What such a process prints later is read and dropped.
 */
function shellRun(file: string, args: readonly string[], options: RunOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = start(file, args, options);
    const all: Buffer[] = [];
    let collecting = true;
    const take = (b: Buffer) => {
      if (collecting) all.push(b);
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (exit === undefined || !collecting) return;
      collecting = false;
      clearTimeout(timer);
      // Still open: something in the background holds them. Keep draining, but not keep netl alive.
      for (const s of [child.stdout, child.stderr]) (s as { unref?: () => void } | null)?.unref?.();
      resolve({ exitCode: statusOf(exit.code, exit.signal), stdout: Buffer.concat(all).toString("utf8"), stderr: "" });
    };
    child.on("error", (e) => reject(new Error(`Command failed: ${file}: ${e.message}`)));
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      timer = setTimeout(finish, DRAIN_MS);
    });
    child.on("close", (code, signal) => {
      exit ??= { code, signal };
      finish();
    });
  });
}
