// The one door to the outside world: run a program from an argv array (never a shell
// string built from user text). Tests swap in a recording executor.
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
