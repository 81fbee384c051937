// The CLI's words without stream objects, for `netl down LAB` (src/down.ts, run by runToExit): each line
// goes out with write(2) as it is said, so there is nothing to set up and nothing to flush at exit; a
// teardown is a benchmark target. Colour as processIo has it: on a terminal, never with NO_COLOR.
import { writeSync } from "node:fs";
import { isatty } from "node:tty";
import pc from "picocolors";
import type { Io } from "./io.js";

/**
 * `text` written to `fd` whole: a full non-blocking pipe is waited for; a reader gone (EPIPE) is not an
 * error (as under runProgram), and the rest is dropped.
 */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return;
      if (code !== "EAGAIN") throw e;
    }
  }
}

export function directIo(): Io {
  const enabled = isatty(1) && !("NO_COLOR" in process.env);
  return {
    out: (text) => writeAll(1, `${text}\n`),
    err: (text) => writeAll(2, `${text}\n`),
    c: pc.createColors(enabled),
  };
}
