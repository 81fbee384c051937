// How every netl program starts and ends (src/cli.ts's CLI, src/down.ts's `netl down LAB`): first the
// environment the bin changed is put back (runtime/node-env.ts); its result becomes the exit status; a
// reader that stops early (`netl plan FILE | head`) is not an error; a rejection is a programmer's bug,
// said plainly with its stack for the report.
import { restoreCarried } from "../runtime/node-env.js";

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
      process.stderr.write(
        `netl: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
