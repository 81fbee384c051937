// Reading a netl file, bounded: a script may name any path in `load`, and netl runs as root, so a
// file is read only if it is a regular file of at most MAX_FILE_BYTES (said in README): `/dev/zero`
// would grow without end, a FIFO would wait forever, a folder is no file. A script given on the
// command line (`netl run`, `check`, `plan`) may also come through a pipe (`-`, `<(…)`), read up to
// that size and no further.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** The most a netl file may hold. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_WORDS = "4 MiB";

export type TextFile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly why: string };

const refused = (why: string): TextFile => ({ ok: false, why });

function errorWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES") return "permission denied";
  if (code === "ENXIO") return "it is a FIFO or socket with no one at the other end";
  return String(code ?? e);
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "it is a folder";
  if (st.isCharacterDevice()) return "it is a device, not a regular file";
  if (st.isBlockDevice()) return "it is a disk, not a regular file";
  if (st.isFIFO()) return "it is a FIFO, not a regular file";
  if (st.isSocket()) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

const tooBig = (size?: number): string =>
  `it is larger than ${MAX_FILE_WORDS}${size === undefined ? "" : ` (${size} bytes)`}, the most a netl file may hold`;

/** Up to MAX_FILE_BYTES + 1 bytes from fd; waits on a non-blocking pipe rather than spinning. */
function readBounded(fd: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, MAX_FILE_BYTES + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > MAX_FILE_BYTES) return undefined;
  }
}

/**
 * A netl file's text. `pipes`: the command line's script, which may also be standard input (`-`) or
 * a pipe; otherwise (`load`) a regular file only, refused at once as anything else, without waiting.
 */
export function readTextFile(path: string, pipes: boolean): TextFile {
  const stdin = pipes && path === "-";
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO for `load` does not wait for a writer.
    fd = stdin ? 0 : openSync(path, constants.O_RDONLY | constants.O_NOCTTY | (pipes ? 0 : constants.O_NONBLOCK));
  } catch (e) {
    return refused(errorWords(e));
  }
  try {
    const st = fstatSync(fd);
    const pipe = st.isFIFO() || st.isSocket();
    if (st.isDirectory() || !(st.isFile() || (pipes && pipe) || stdin)) return refused(kindOf(st));
    if (st.isFile() && st.size > MAX_FILE_BYTES) return refused(tooBig(st.size));
    const bytes = readBounded(fd);
    return bytes === undefined ? refused(tooBig()) : { ok: true, text: bytes.toString("utf8") };
  } catch (e) {
    return refused(errorWords(e));
  } finally {
    if (!stdin) closeSync(fd);
  }
}
