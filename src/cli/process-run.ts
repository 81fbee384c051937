// How every netl program starts and ends (src/cli.ts's CLI, src/down.ts's `netl down LAB`): first the
// environment the bin changed is put back (runtime/node-env.ts); its result becomes the exit status; a
// reader that stops early (`netl plan FILE | head`) is not an error; a rejection is a programmer's bug,
// said plainly with its stack for the report.
import { writeSync } from "node:fs";
import { restoreCarried } from "../runtime/node-env.js";

const internalError = (e: unknown) =>
  `netl: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;

export function runProgram(program: () => Promise<number>): void {
  restoreCarried();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  program().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(internalError(e));
      process.exitCode = 70;
    },
  );
}

/**
 * runProgram for `netl down LAB` (part of every teardown, a benchmark target), whose words go out with
 * cli/direct-io.ts: no stream is ever made, and the process exits as soon as the program ends, with
 * nothing left to flush (~2 ms of a teardown, measured).
 */
export function runToExit(program: () => Promise<number>): void {
  restoreCarried();
  program().then(
    (code) => process.exit(code),
    (e: unknown) => {
      try {
        writeSync(2, internalError(e));
      } catch {}
      process.exit(70);
    },
  );
}
