// Where the CLI's words go, and how they look: colour only on a terminal, never with NO_COLOR.
import pc from "picocolors";
import type { Colors } from "picocolors/types.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly c: Colors;
}

export function processIo(): Io {
  const enabled = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    c: pc.createColors(enabled),
  };
}

/** A command line as a person would paste it into a shell. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
