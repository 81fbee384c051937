// A lab's files under the run directory besides its record (lab-record.ts): the World, the live feed,
// the batches in flight. As the record: written by a new file renamed into place, never through a
// link; read only as a regular file, never through a link, never waiting on a FIFO, and bounded, so
// that what is planted at one of these names can neither be written through nor stall `ls` or `down`.
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from "node:fs";

/** The text of the regular file at `path`, if it is one of at most `maxBytes`; undefined otherwise. */
export function readRunFile(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    let got = 0;
    for (let n = 1; n > 0 && got < st.size; got += n) n = readSync(fd, buf, got, st.size - got, got);
    return buf.subarray(0, got).toString("utf8");
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Atomic: a reader sees the old file or the new one. The temporary file is made new, never followed. */
export function writeRunFile(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  let fd: number;
  try {
    fd = openSync(tmp, flags, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    // Left by an earlier process of this pid (killed while it wrote), or planted: replaced, not followed.
    unlinkSync(tmp);
    fd = openSync(tmp, flags, mode);
  }
  try {
    writeSync(fd, text);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
