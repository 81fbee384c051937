// A file of the run directory replaced whole (the lab's record, its World, its live feed): written
// under a name of this process's own, never through a link, then renamed over the old one, so that a
// reader sees the old file or the new one, never half of either.
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from "node:fs";

/** The name a file is written under before it is renamed into place (lab-record.ts finds leftovers by it). */
export const tempPathFor = (path: string): string => `${path}.${process.pid}.tmp`;

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function openNew(tmp: string): number {
  try {
    return openSync(tmp, FLAGS, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    // Left by an earlier process of this pid (killed while it wrote): ours to replace.
    unlinkSync(tmp);
    return openSync(tmp, FLAGS, 0o644);
  }
}

/** Put `text` at `path` atomically (mode 0644); throws what the file system refused, leaving no temporary file. */
export function replaceFile(path: string, text: string): void {
  const tmp = tempPathFor(path);
  const fd = openNew(tmp);
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
