// The one door to the outside world: run a program from an argv array (never a shell
// string built from user text). Tests swap in a recording executor.
import { spawn } from "node:child_process";
import { execa } from "execa";

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to the program's standard input. */
  readonly input?: string;
  /** Aborting ends the program (SIGTERM to it). */
  readonly signal?: AbortSignal;
  /** Interleave standard error into stdout, in the order printed (for showing a command's output). */
  readonly mergeOutput?: boolean;
}

export interface Executor {
  /** Resolves with the exit code; rejects only when the program cannot be started at all. */
  run(argv: readonly string[], options?: RunOptions): Promise<ExecResult>;
}

export class ProcessExecutor implements Executor {
  async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    // The hot path (every ip batch): a plain spawn costs about a millisecond less than execa's.
    if (options.signal === undefined && !options.mergeOutput) return plainRun(file, args, options.input ?? "");
    const child = execa(file, args, {
      input: options.input ?? "",
      reject: false,
      stripFinalNewline: false,
      // Own process group: a Ctrl-C at the terminal must not kill ip halfway through a batch.
      detached: true,
      cancelSignal: options.signal,
      forceKillAfterDelay: 2000,
      all: options.mergeOutput ?? false,
    });
    // `sh -c` forks its commands, and a forked child keeps our pipe open: abort ends the whole group.
    const endGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      } catch {}
    };
    options.signal?.addEventListener("abort", endGroup, { once: true });
    const result = await child.finally(() => options.signal?.removeEventListener("abort", endGroup));
    if (result.failed && result.exitCode === undefined && !result.isCanceled && !result.isTerminated) {
      throw new Error(result.shortMessage);
    }
    return {
      exitCode: result.exitCode ?? (result.isCanceled || result.isTerminated ? 130 : 1),
      stdout: String((options.mergeOutput ? result.all : result.stdout) ?? ""),
      stderr: String(result.stderr ?? ""),
    };
  }
}

/** A program with nothing to abort and separate outputs, in its own process group like `run`'s. */
function plainRun(file: string, args: readonly string[], input: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => {}); // a program that exits without reading its input
    child.on("error", (e) => reject(new Error(`Command failed: ${file}: ${e.message}`)));
    child.on("close", (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 130 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    child.stdin.end(input);
  });
}
