// What stops a live lab's statement in flight (`netl run`, `test`, the tutorial): Ctrl-C (SIGINT), a
// polite kill (SIGTERM), the terminal gone (SIGHUP), and the reader of netl's output gone (a write
// failing with EPIPE or EIO, which process-run.ts tells as OUTPUT_GONE while such a command listens;
// never the SIGPIPE signal itself, which a batch's pipe closing early would raise too). Each does what
// Ctrl-C does: the statement in flight is rolled back, the script stops, the lab is left up or torn
// down as the command says, and netl exits 128 + the signal's number (SIGPIPE's for the output).
import { closeSync, openSync } from "node:fs";
import { constants } from "node:os";
import { isatty } from "node:tty";
import { OUTPUT_GONE } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { insideSandbox } from "../runtime/sandbox-env.js";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number] | "SIGPIPE";

/** 128 + the signal's number: how a shell tells a program a signal ended. */
export const signalExit = (signal: StopSignal): number => 128 + constants.signals[signal];

/**
 * In a rootless sandbox a Ctrl-C comes twice, from the terminal and from the netl outside that passes
 * every signal in: the second within this long of the first is the same one.
 */
const SAME_SIGNAL_MS = 500;

export interface Interruption {
  /** Aborted at the first stopping signal. */
  readonly signal: AbortSignal;
  /** The signal that stopped the script, if one did. */
  readonly received: () => StopSignal | undefined;
  /** From now on a signal only says the lab is being removed. */
  readonly tearingDown: () => void;
  readonly dispose: () => void;
}

/**
 * The first stopping signal aborts; any later one only warns, once per warning, while the rollback
 * or the teardown runs (a second must never kill netl halfway through either). `stillBusy` and
 * `removing` are the warnings. After a SIGHUP or SIGPIPE the output is gone: writes that fail are
 * dropped, never an error that would end netl before its lab is put right.
 */
export function interruption(
  io: Io,
  words: { busy: string; removing: string },
  /** Those that stop it; the tutorial leaves Ctrl-C to the learner (it stops the entry in flight only). */
  signals: readonly StopSignal[] = STOP_SIGNALS,
): Interruption {
  const controller = new AbortController();
  /** The first signal, and whether it stopped the script (a signal during the teardown only waits). */
  let first: { signal: StopSignal; at: number; stopped: boolean } | undefined;
  let phase: "script" | "teardown" = "script";
  const warned = new Set<string>();
  const warn = (text: string) => {
    if (warned.has(text)) return;
    warned.add(text);
    if (first?.signal !== "SIGPIPE" && first?.signal !== "SIGHUP") io.err(text);
  };
  const events = [...signals.map((signal) => [signal, signal] as const), [OUTPUT_GONE, "SIGPIPE"] as const];
  const listeners = events.map(([event, signal]) => {
    const listener = () => {
      if (first === undefined) {
        first = { signal, at: Date.now(), stopped: phase === "script" };
        if (first.stopped) controller.abort();
        else warn(words.removing);
        return;
      }
      if (insideSandbox() && signal === first.signal && Date.now() - first.at < SAME_SIGNAL_MS) return;
      warn(phase === "teardown" ? words.removing : words.busy);
    };
    process.on(event, listener);
    return [event, listener] as const;
  });
  return {
    signal: controller.signal,
    received: () => (first?.stopped ? first.signal : undefined),
    tearingDown: () => {
      phase = "teardown";
    },
    dispose: () => {
      for (const [event, listener] of listeners) process.off(event, listener);
    },
  };
}

/** The standard streams that were terminals when netl started. */
export const terminalFds = (): number[] => [0, 1, 2].filter((fd) => isatty(fd));

/**
 * Ends netl, its lab already put right, with 129 (128 + SIGHUP) when a terminal it started on was closed
 * under it: Node's exit puts back the modes of the terminals it started on and asserts when that fails
 * (its ResetStdio), so each one gone is first replaced by /dev/null, which Node leaves alone as a
 * descriptor netl reopened. True when it did (the process is ending); false when no terminal is gone.
 */
export function endByHangup(fds: readonly number[]): boolean {
  const gone = fds.filter((fd) => !isatty(fd));
  if (gone.length === 0) return false;
  for (const fd of gone) {
    closeSync(fd);
    // The lowest free descriptor: the one just closed.
    openSync("/dev/null", "r+");
  }
  process.exit(signalExit("SIGHUP"));
}
