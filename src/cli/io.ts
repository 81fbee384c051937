// The CLI's words on this process's streams. Colour is decided per stream: each stream that is not a
// terminal (or any, with NO_COLOR) gets its words without ANSI codes, so `netl run f 2>log` writes a
// plain log while the terminal still shows colour.
import pc from "picocolors";
import type { Io } from "../present/io.js";

export type { Io } from "../present/io.js";

/** An ANSI SGR sequence (ESC [ … m), the only kind picocolors writes. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

export const withoutColour = (text: string): string => text.replace(SGR, "");

export interface StreamFacts {
  readonly outTty: boolean;
  readonly errTty: boolean;
  readonly noColor: boolean;
}

/** Words on two streams, each coloured only where `facts` says it is a terminal. */
export function streamIo(facts: StreamFacts, write: { out: (text: string) => void; err: (text: string) => void }): Io {
  const outColour = facts.outTty && !facts.noColor;
  const errColour = facts.errTty && !facts.noColor;
  return {
    out: outColour ? write.out : (text) => write.out(withoutColour(text)),
    err: errColour ? write.err : (text) => write.err(withoutColour(text)),
    c: pc.createColors(outColour || errColour),
  };
}

export function processIo(): Io {
  return streamIo(
    {
      outTty: Boolean(process.stdout.isTTY),
      errTty: Boolean(process.stderr.isTTY),
      noColor: "NO_COLOR" in process.env,
    },
    { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
  );
}
