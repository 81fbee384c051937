// A whole REPL run on given streams: the -i file first, then entries until the input ends, then
// the lab goes. Returns the exit status. The CLI and the tests both come in here.
import { constants } from "node:os";
import type { Program } from "../../grammar/ast.js";
import type { Driver } from "../driver/driver.js";
import { internalError, runStatements } from "../driver/entry.js";
import { EXIT } from "../driver/exit.js";
import type { Source } from "../driver/source.js";
import { STILL_REMOVING, STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { leave } from "./leave.js";
import { replLoop } from "./loop.js";
import { EntryQueue } from "./queue.js";

export interface ReplRun {
  readonly driver: Driver;
  readonly lab: string;
  /** Leave the lab up at the end (`--keep`). */
  readonly keep: boolean;
  readonly io: Io;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly terminal: boolean;
  readonly historyFile?: string;
  /** A checked script to run before the first prompt (`netl -i FILE`). */
  readonly file?: { readonly source: Source; readonly program: Program };
  /** Subscribe to Ctrl-C as a signal (SIGINT). */
  readonly onSignal: (listener: () => void) => () => void;
  /** Subscribe to the terminal going away, a polite kill or the output's reader gone: leave, removing the lab. */
  readonly onHangup?: (listener: (signal: HangupSignal) => void) => () => void;
}

export const HANGUP_SIGNALS = ["SIGHUP", "SIGTERM", "SIGPIPE"] as const;
export type HangupSignal = (typeof HANGUP_SIGNALS)[number];

export const promptFor = (lab: string): string => `netl:${lab}> `;

/** Run the -i file like `netl run` (stop at its first failure); Ctrl-C stops the statement in flight. */
async function runFile(
  options: ReplRun,
  file: NonNullable<ReplRun["file"]>,
  queue: EntryQueue,
): Promise<{ failures: number; interrupted: boolean }> {
  let failures = 0;
  let interrupted = false;
  const unsubscribe = options.onSignal(() => {
    interrupted = true;
    if (queue.interrupt() === "again") options.io.err(STILL_ROLLING_BACK);
  });
  try {
    await queue.enqueue(
      async (signal) => {
        const origin = { name: file.source.name, firstLine: 1 };
        const r = await runStatements(
          options.driver,
          file.program.statements,
          file.source.text,
          origin,
          options.io,
          signal,
        );
        failures += r.failures;
      },
      (e) => {
        failures++;
        options.io.err(internalError(e));
      },
    );
  } finally {
    unsubscribe();
  }
  return { failures, interrupted };
}

export async function runRepl(options: ReplRun): Promise<number> {
  const queue = new EntryQueue();
  const hangup = new AbortController();
  let first: HangupSignal | undefined;
  // Subscribed until the lab is gone: a second signal must not kill netl halfway through the teardown.
  const offHangup = options.onHangup?.((signal) => {
    first ??= signal;
    queue.interrupt();
    hangup.abort();
  });
  try {
    const code = await replSession(options, queue, hangup.signal);
    // Left because of a signal: 128 + its number, as a shell tells it.
    return first === undefined ? code : 128 + constants.signals[first];
  } finally {
    offHangup?.();
  }
}

async function replSession(options: ReplRun, queue: EntryQueue, hangup: AbortSignal): Promise<number> {
  let failures = 0;
  let interrupted = false;
  if (options.file) {
    const ran = await runFile(options, options.file, queue);
    failures += ran.failures;
    // Without a terminal there is no prompt to come back to: a Ctrl-C in the file ends the run.
    interrupted = ran.interrupted && !options.terminal;
  }
  if (!interrupted && !hangup.aborted) {
    const loop = await replLoop({
      driver: options.driver,
      queue,
      io: options.io,
      input: options.input,
      output: options.output,
      terminal: options.terminal,
      prompt: promptFor(options.lab),
      sourceName: "<repl>",
      ...(options.historyFile !== undefined ? { historyFile: options.historyFile } : {}),
      onSignal: options.onSignal,
      stop: hangup,
    });
    failures += loop.failures;
    interrupted = loop.interrupted;
  }
  let warned = false;
  const wait = options.onSignal(() => {
    if (!warned) options.io.err(STILL_REMOVING);
    warned = true;
  });
  const teardownFailures = await leave(options.driver, options.lab, options.keep, options.io).finally(wait);
  if (interrupted || hangup.aborted) return EXIT.interrupted;
  if (teardownFailures > 0) return EXIT.failed;
  return failures > 0 && !options.terminal ? EXIT.failed : EXIT.ok;
}
