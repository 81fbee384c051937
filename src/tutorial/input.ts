// The learner's keyboard (or piped input): lines as they are typed, a prompt on a terminal, Ctrl-C for
// the entry in flight only (as in the REPL: a change is rolled back, a command ended, and the tutorial
// goes on), and the terminal lent to a command in a node while it runs (driver/terminal.ts).

import { createInterface, type Interface } from "node:readline";
import type { Terminal } from "../driver/terminal.js";
import { TerminalLender } from "../runtime/terminal-lend.js";

export interface LearnerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A person at a terminal: a prompt, line editing, and Ctrl-C that comes back to the prompt. */
  readonly terminal: boolean;
  /** Subscribe to the process's SIGINT (real signals arrive when the terminal is not in raw mode). */
  readonly onSignal: (listener: () => void) => () => void;
  /** Aborted when netl must leave (the terminal closed, a kill): a command lent the terminal is ended. */
  readonly leave?: AbortSignal;
}

export interface Learner {
  /** The next line, or undefined when the input has ended (Ctrl-D, `exit` is the caller's, EOF, Ctrl-C piped). */
  next(prompt: string): Promise<string | undefined>;
  /** Run one entry; a Ctrl-C meanwhile aborts its signal (and only that). */
  running<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** The terminal to lend to `exec` and `shell`, when there is one. */
  readonly terminal: Terminal | undefined;
  /** Whether the input ended because of a Ctrl-C (piped input only). */
  readonly interrupted: () => boolean;
  /**
   * Ctrl-C with nothing running, at a terminal: the lesson's to answer (drop an unfinished entry, end
   * captures, say how to leave); it gives the prompt to show next, when that changes.
   */
  onIdle: (() => string | undefined) | undefined;
  /** Stop reading: the input is let go, so nothing keeps netl from ending. */
  close(): void;
}

export function learnerInput(options: LearnerOptions): Learner {
  const rl: Interface = createInterface({
    input: options.input,
    output: options.output,
    terminal: options.terminal,
  });
  const lender = new TerminalLender(options.input, rl, () => ended, options.leave);
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let ended = false;
  let interrupted = false;
  let current: AbortController | undefined;

  rl.on("line", (line) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(line);
    } else lines.push(line);
  });
  const end = () => {
    ended = true;
    waiting?.(undefined);
    waiting = undefined;
  };
  rl.on("close", end);
  // The terminal gone (its raw mode cannot be set back, a read fails): the input has ended, and the
  // lesson's lab is removed as on Ctrl-D, never an error that ends netl first.
  rl.on("error", end);
  options.input.on("error", end);

  const interrupt = () => {
    // The terminal is lent to a command: the terminal's Ctrl-C went to it.
    if (lender.lent) return;
    if (current !== undefined) {
      current.abort();
      return;
    }
    // Piped input has no prompt to come back to: a Ctrl-C ends it, as in the REPL.
    if (!options.terminal) {
      interrupted = true;
      rl.close();
      return;
    }
    rl.write(null, { ctrl: true, name: "u" });
    options.output.write("\n");
    const prompt = learner.onIdle?.();
    if (prompt !== undefined) rl.setPrompt(prompt);
    rl.prompt();
  };
  rl.on("SIGINT", interrupt);
  const unsubscribe = options.onSignal(interrupt);

  const terminal: Terminal | undefined = options.terminal
    ? {
        handOver: (run) => lender.handOver(run),
      }
    : undefined;

  const learner: Learner = {
    onIdle: undefined,
    next: (prompt) => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(undefined);
      if (options.terminal) {
        rl.setPrompt(prompt);
        rl.prompt();
      }
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    running: async (work) => {
      const controller = new AbortController();
      current = controller;
      try {
        return await work(controller.signal);
      } finally {
        current = undefined;
      }
    },
    terminal,
    interrupted: () => interrupted,
    close: () => {
      unsubscribe();
      if (!ended) rl.close();
      // Piped standard input would otherwise keep the process alive until the writer closes it.
      (options.input as { destroy?: () => void }).destroy?.();
    },
  };
  return learner;
}
