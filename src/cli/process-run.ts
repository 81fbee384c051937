// How netl's program starts and ends (src/cli/main.ts's `start`): first the
// environment the bin changed is put back (runtime/node-env.ts); its result becomes the exit status; a
// reader that stops early (`netl plan FILE | head`) is not an error (a live lab's command is told, as
// of a signal, and puts its lab right first: cli/signals.ts); a program that could not be started
// (not found, an argument list longer than Linux takes) is said plainly, exit 1; any other rejection is
// a programmer's bug, said with its stack for the report.

import { EXIT } from "../driver/exit.js";
import { OUTPUT_GONE } from "../present/interrupt.js";
import { restoreCarried } from "../runtime/node-env.js";
import { StartFailure } from "../runtime/start-failure.js";
import { endByHangup, terminalFds } from "./signals.js";

const INTERNAL = 70;

/** What a rejection says, and the exit status it gives. */
export function failure(e: unknown): { text: string; code: number } {
  if (e instanceof StartFailure) return { text: `netl: ${e.message}\n`, code: EXIT.failed };
  const what = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { text: `netl: internal error (please report): ${what}\n`, code: INTERNAL };
}

export function runProgram(program: () => Promise<number>): void {
  restoreCarried();
  // The terminals netl started on: one closed under it ends netl with 129, as SIGHUP (cli/signals.ts).
  const terminals = terminalFds();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE" && e.code !== "EIO") throw e;
      // A live lab's command listens (cli/signals.ts): the reader's going stops it like a signal, and
      // it puts its lab right before it ends. Any other command simply ends.
      if (process.listenerCount(OUTPUT_GONE) > 0) (process as NodeJS.EventEmitter).emit(OUTPUT_GONE);
      else if (!endByHangup(terminals)) process.exit(process.exitCode ?? 0);
    });
  }
  // Once nothing is left to run, ends at once: the teardown of node's environment and heap that a
  // natural exit does takes milliseconds of every command (docs/BENCHMARKS.md).
  process.once("beforeExit", () => process.exit());
  program().then(
    (code) => {
      if (!endByHangup(terminals)) process.exitCode = code;
    },
    (e: unknown) => {
      const { text, code } = failure(e);
      process.stderr.write(text);
      process.exitCode = code;
    },
  );
}
