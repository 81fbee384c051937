// How every netl program ends (src/cli.ts's CLI, src/down.ts's `netl down LAB`): its result becomes the
// exit status; a reader that stops early (`netl plan FILE | head`) is not an error; a rejection is a
// programmer's bug, said plainly with its stack for the report.
export function runProgram(program: () => Promise<number>): void {
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
