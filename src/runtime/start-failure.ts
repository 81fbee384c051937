// A program that could not be started at all (not found, not allowed, an argument list longer than
// Linux takes), said plainly: the executor rejects with it, and the CLI prints it as a user's error
// (exit 1), not as netl's own bug.

/** Linux's limit on one argument (MAX_ARG_STRLEN: 32 pages), its closing NUL included. */
export const MAX_ARGUMENT_BYTES = 131_072;

export class StartFailure extends Error {
  constructor(
    readonly argv: readonly string[],
    /** The errno's name, as node gives it (E2BIG, ENOENT, EACCES, …). */
    readonly code: string,
  ) {
    super(startFailureText(argv, code));
    this.name = "StartFailure";
  }
}

const bytes = (s: string) => Buffer.byteLength(s) + 1;

function startFailureText(argv: readonly string[], code: string): string {
  const program = argv[0] ?? "";
  switch (code) {
    case "E2BIG": {
      const longest = Math.max(0, ...argv.map(bytes));
      const total = argv.reduce((sum, a) => sum + bytes(a), 0);
      const why =
        longest > MAX_ARGUMENT_BYTES
          ? `one argument is ${longest.toLocaleString("en")} bytes, and Linux takes at most ${MAX_ARGUMENT_BYTES.toLocaleString("en")} in one`
          : `its arguments come to ${total.toLocaleString("en")} bytes, more than Linux takes with this environment`;
      return `cannot start ${program}: the argument list is too long (${why})`;
    }
    case "ENOENT":
      return `cannot start ${program}: not found (is it installed, and on PATH?)`;
    case "EACCES":
    case "EPERM":
      return `cannot start ${program}: not allowed (${code})`;
    default:
      return `cannot start ${program}: ${code}`;
  }
}

/** The StartFailure a spawn error stands for, when it is one (an errno from starting the program). */
export function startFailure(argv: readonly string[], e: unknown): StartFailure | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  const syscall = (e as { syscall?: unknown } | undefined)?.syscall;
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code)) return undefined;
  // node's own spawn errors carry syscall "spawn …"; execa's carry node's as their cause, or the code.
  if (typeof syscall === "string" && !syscall.startsWith("spawn")) return undefined;
  return new StartFailure(argv, code);
}
