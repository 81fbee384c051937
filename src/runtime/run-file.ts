// A lab's files under the run directory (the record, its World, its live feed, the batches in flight):
// written under a name of this process's own, never through a link, then renamed over the old one, so
// that a reader sees the old file or the new one, never half of either; read only as a regular file,
// never through a link, never waiting on a FIFO, and bounded, so that what is planted at one of these
// names can neither be written through nor stall `ls` or `down`.
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { readSafely } from "./safe-write.js";

/** The name a file is written under before it is renamed into place (lab-record.ts finds leftovers by it). */
export const tempPathFor = (path: string): string => `${path}.${process.pid}.tmp`;

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function openNew(tmp: string, mode: number): number {
  try {
    return openSync(tmp, FLAGS, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    // Left by an earlier process of this pid (killed while it wrote), or planted: replaced, not followed.
    unlinkSync(tmp);
    return openSync(tmp, FLAGS, mode);
  }
}

/** Put `text` at `path` atomically; throws what the file system refused, leaving no temporary file. */
export function replaceFile(path: string, text: string, mode = 0o644): void {
  const tmp = tempPathFor(path);
  const fd = openNew(tmp, mode);
  try {
    try {
      const bytes = Buffer.from(text);
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}

/** The text of the regular file at `path`, if it is one of at most `maxBytes`; undefined otherwise. */
export const readRunFile = (path: string, maxBytes: number): string | undefined => readSafely(path, maxBytes, true);

/**
 * Remove a lab's file, if it is there (a link is removed, never followed). Not rmSync: its first call
 * loads Node's rimraf, milliseconds at the end of every `netl run`.
 */
export function removeRunFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
