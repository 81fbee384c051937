// The REPL's life: entries queued in order and run in the lab (driver/entry.ts), Ctrl-C routed to the entry in
// flight or to the prompt, and the end of input (Ctrl-D, `exit`, EOF) awaited until the queue is empty.
import { isIncomplete, parse } from "../../grammar/index.js";
import type { Driver } from "../driver/driver.js";
import { internalError, type Origin, renderAt, runEntry } from "../driver/entry.js";
import { complete, LEAVE_WORDS } from "../present/complete.js";
import { STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { setupHistory } from "./history.js";
import type { EntryQueue } from "./queue.js";
import { createServer } from "./server.js";

export interface LoopOptions {
  readonly driver: Driver;
  readonly queue: EntryQueue;
  readonly io: Io;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A person at a terminal: a prompt, line editing, history, Ctrl-C returns to the prompt. */
  readonly terminal: boolean;
  readonly prompt: string;
  /** The name errors give the input, e.g. `<repl>`. */
  readonly sourceName: string;
  readonly historyFile?: string;
  /** Subscribe to the process's SIGINT (real signals arrive when the terminal is not in raw mode). */
  readonly onSignal: (listener: () => void) => () => void;
  /** Aborted when netl must leave now (SIGHUP, SIGTERM): the entry in flight is already aborted. */
  readonly stop?: AbortSignal;
}

export interface LoopResult {
  readonly failures: number;
  /** Left because of Ctrl-C (piped input only: a terminal returns to the prompt). */
  readonly interrupted: boolean;
}

const isLeaveWord = (text: string): boolean => LEAVE_WORDS.includes(text.trim().replace(/;$/, ""));

const WARN_EMPTY = "(press Ctrl-D or type exit to leave; the lab is removed)";

export function replLoop(options: LoopOptions): Promise<LoopResult> {
  const { driver, queue, io } = options;
  let failures = 0;
  let interrupted = false;
  let leaving = false;
  let linesRead = 0;
  let openText = "";

  const bug = (e: unknown) => {
    failures++;
    io.err(internalError(e));
  };

  const evaluate = (text: string): "incomplete" | Promise<void> => {
    if (isIncomplete(text)) {
      openText = text;
      return "incomplete";
    }
    openText = "";
    const origin: Origin = { name: options.sourceName, firstLine: linesRead + 1 };
    linesRead += text.replace(/\n$/, "").split("\n").length;
    if (isLeaveWord(text)) {
      return queue.enqueue(async () => {
        if (leaving) return;
        leaving = true;
        server.repl.close();
      }, bug);
    }
    return queue.enqueue(async (signal) => {
      if (leaving) return;
      failures += (await runEntry(driver, text, origin, io, signal)).failures;
    }, bug);
  };

  /** Stop reading, drop what is queued, and leave once the entry in flight has rolled back. */
  const stop = () => {
    interrupted = true;
    leaving = true;
    if (!server.closed()) server.repl.close();
  };

  const interrupt = () => {
    // The terminal is lent to a command (exec, shell): the terminal's Ctrl-C went to it.
    if (server.lent()) return;
    const state = queue.interrupt();
    if (state === "again") io.err(STILL_ROLLING_BACK);
    if (state !== "idle" && options.terminal) return;
    // Piped input has no prompt to return to: Ctrl-C stops reading and leaves, as `netl run` does.
    if (!options.terminal || server.closed()) return stop();
    // Captures still running are what a Ctrl-C at the prompt stops.
    if (driver.capturing > 0) {
      server.clearInput();
      void driver.stopCaptures().then(() => server.showPrompt());
      return;
    }
    if (server.blank()) {
      server.clearInput();
      io.out(io.c.dim(WARN_EMPTY));
    } else {
      server.clearInput();
    }
    server.showPrompt();
  };

  const server = createServer({
    input: options.input,
    output: options.output,
    terminal: options.terminal,
    prompt: options.prompt,
    evaluate,
    complete: (line) => complete(line, driver.world),
    onInterrupt: interrupt,
    ...(options.stop ? { leave: options.stop } : {}),
  });
  // On a terminal, `exec` and `shell` get the terminal itself (driver/terminal.ts).
  if (options.terminal) driver.terminal = server;
  const unsubscribe = options.onSignal(interrupt);
  options.stop?.addEventListener("abort", stop, { once: true });

  return new Promise((resolve) => {
    server.repl.once("exit", () => {
      const left = leaving;
      void queue.idle().then(() => {
        // Input ended with an entry still open: say so rather than drop it silently.
        if (openText !== "" && !left) {
          const { errors } = parse(openText);
          const origin = { name: options.sourceName, firstLine: linesRead + 1 };
          for (const e of errors) io.err(renderAt(e, openText, origin, io));
          failures += Math.max(1, errors.length);
        }
        unsubscribe();
        driver.terminal = undefined;
        options.stop?.removeEventListener("abort", stop);
        resolve({ failures, interrupted });
      });
    });
    if (options.terminal && options.historyFile !== undefined)
      setupHistory(server.repl, options.historyFile, (problem) => io.err(io.c.yellow(problem)));
  });
}
