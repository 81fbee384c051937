// The user's own commands, through execa: `exec A CMD` (its output interleaved as printed, and handed to
// a listener as it comes), `spawn B CMD` (in the background, into a log), and a program on netl's own
// terminal (a shell in a node). The first two run in a process group of their own, out of reach of the
// terminal's Ctrl-C; aborting ends the whole group, since `sh -c` forks the user's commands. execa is
// loaded when the first such command runs, not at netl's start.
import { closeSync, constants as fs, openSync } from "node:fs";
import { constants } from "node:os";
import { StartFailure, startFailure } from "./start-failure.js";

export interface CommandRun {
  readonly exitCode: number;
  /** Standard output and error, interleaved in the order printed. */
  readonly output: string;
}

export interface CommandOptions {
  readonly input?: string;
  /** Aborting ends the program's process group: SIGTERM, then SIGKILL after KILL_AFTER_MS. */
  readonly signal?: AbortSignal;
  /** Told the pid once the program runs, and again (`exited`) when it has ended. */
  readonly onPid?: (pid: number, exited: boolean) => void;
  /** Each piece of output as it comes. */
  readonly onOutput?: (text: string) => void;
}

/** How long output may still arrive after the program exits, from what it left in the background. */
const DRAIN_MS = 100;
const KILL_AFTER_MS = 2000;

const group = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {}
};

/** An exit status, as a shell shows one; a program ended by a signal counts as interrupted. */
export const statusOf = (code: number | null, signal: NodeJS.Signals | null): number => code ?? (signal ? 130 : 1);

/**
 * Run `argv` to its exit and return its output, without waiting for what it left in the background
 * (`exec A sleep 1000 &` keeps the pipes open): what such a process prints later is read and dropped.
 * Rejects with a StartFailure when the program cannot be started.
 */
export async function runUserCommand(argv: readonly string[], options: CommandOptions = {}): Promise<CommandRun> {
  const [file = "", ...args] = argv;
  const { execa } = await import("execa");
  const child = execa(file, args, {
    detached: true,
    input: options.input ?? "",
    all: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  // The result, for a program that could not start; nothing else is read from it.
  const settled = child.then(
    (r) => r,
    (e: unknown) => e,
  );
  const pid = child.pid;
  if (pid === undefined) {
    const failed = await settled;
    throw startFailure(argv, failed) ?? new StartFailure(argv, "EUNKNOWN");
  }
  const onPid = options.onPid;
  onPid?.(pid, false);
  const signal = options.signal;
  let killer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    group(pid, "SIGTERM");
    killer = setTimeout(() => group(pid, "SIGKILL"), KILL_AFTER_MS);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });

  return new Promise((resolve) => {
    const chunks: string[] = [];
    let collecting = true;
    child.all?.setEncoding("utf8");
    child.all?.on("data", (text: string) => {
      if (!collecting) return;
      chunks.push(text);
      options.onOutput?.(text);
    });
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (exit === undefined || !collecting) return;
      collecting = false;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (killer !== undefined) clearTimeout(killer);
      // Still open: something in the background holds them. Keep draining, but not keep netl alive.
      for (const s of [child.stdout, child.stderr]) (s as { unref?: () => void } | null)?.unref?.();
      resolve({ exitCode: statusOf(exit.code, exit.signal), output: chunks.join("") });
    };
    let ended = child.all === undefined;
    child.once("exit", (code, sig) => {
      onPid?.(pid, true);
      exit = { code, signal: sig };
      if (ended) finish();
      else timer = setTimeout(finish, DRAIN_MS);
    });
    child.all?.once("end", () => {
      ended = true;
      finish();
    });
  });
}

/**
 * Start `argv` in the background in a process group of its own, its output appended to `logFile`, and
 * resolve with its pid (= its process group) without waiting for it; rejects when it cannot start.
 */
export async function startInBackground(argv: readonly string[], logFile: string): Promise<number> {
  const [file = "", ...args] = argv;
  const { execa } = await import("execa");
  // Appended to, never through a link, readable by root alone.
  const log = openSync(logFile, fs.O_WRONLY | fs.O_APPEND | fs.O_CREAT | fs.O_NOFOLLOW, 0o600);
  try {
    // The descriptor itself, so the program writes the log without netl (execa's `{ file }` would hold
    // netl until the program ends). execa passes any descriptor on; its types name only 3 to 9.
    const fd = log as 3;
    const child = execa(file, args, { detached: true, stdio: ["ignore", fd, fd], reject: false });
    const settled = child.then(
      (r) => r,
      (e: unknown) => e,
    );
    if (child.pid === undefined) throw startFailure(argv, await settled) ?? new StartFailure(argv, "EUNKNOWN");
    const pid = child.pid;
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (e) => reject(startFailure(argv, e) ?? e));
    });
    child.unref();
    return pid;
  } finally {
    closeSync(log);
  }
}

/**
 * Run `argv` on netl's terminal (standard input, output and error its own), in netl's process group so
 * that the terminal's Ctrl-C reaches it, while netl ignores SIGINT, and wait for it: its exit status,
 * 128 + the signal's number when a signal ended it. Aborting ends it (SIGTERM, then SIGKILL).
 */
export async function runInteractive(
  argv: readonly string[],
  options: { readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const [file = "", ...args] = argv;
  const { execa } = await import("execa");
  const ignore = () => {};
  process.on("SIGINT", ignore);
  try {
    const r = await execa(file, args, {
      stdio: "inherit",
      reject: false,
      ...(options.env ? { env: options.env, extendEnv: false } : {}),
      ...(options.signal ? { cancelSignal: options.signal, forceKillAfterDelay: KILL_AFTER_MS } : {}),
    });
    if (r.exitCode !== undefined) return r.exitCode;
    if (r.signal !== undefined) return 128 + (constants.signals[r.signal] ?? 0);
    throw startFailure(argv, r) ?? new StartFailure(argv, "EUNKNOWN");
  } finally {
    process.off("SIGINT", ignore);
  }
}
