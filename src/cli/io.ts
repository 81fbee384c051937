// The CLI's words on this process's streams: colour only on a terminal, never with NO_COLOR.
import pc from "picocolors";
import type { Io } from "../present/io.js";

export type { Io } from "../present/io.js";

export function processIo(): Io {
  const enabled = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    c: pc.createColors(enabled),
  };
}
