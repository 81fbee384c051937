// The lab's journal of namespaces made, `RUN_DIR/LAB.made`: one "NAME DEV INO BORN" line for each
// namespace, appended by native/netns.pl before its name holds it (with " FILE_DEV FILE_INO", the name's
// file, made in no folder first), or here after an `ip -batch` where Perl cannot run. The Session folds
// it into the lab record after every change and then removes it; `netl down` reads both, so a namespace
// made just before netl was killed is still known, by its identity, and so is the file it leaves at the
// name when killed before its mount.
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type FileId, identitiesNow, type NsId } from "./identity.js";
import { removeRunFile } from "./run-file.js";

export const journalPath = (runDir: string, lab: string) => join(runDir, `${lab}.made`);

const LINE = /^([A-Za-z][A-Za-z0-9_-]{0,127}) (\d+) (\d+)(?: (\d+)(?: (\d+) (\d+))?)?$/;
const MAX_BYTES = 1 << 22;

/** BORN (identity.ts) when the line has it: a journal of an older netl has not. */
const born = (text: string | undefined): { born?: number } => (text === undefined ? {} : { born: Number(text) });

/** The journal's lines; [] when there is none (or it is not a regular file). */
function journalLines(path: string): string[] {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return [];
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_BYTES) return [];
    const buf = Buffer.alloc(st.size);
    const n = st.size === 0 ? 0 : readSync(fd, buf, 0, st.size, 0);
    return buf.subarray(0, n).toString("utf8").split("\n");
  } finally {
    closeSync(fd);
  }
}

/**
 * Each name's last line: its namespace, and the file the maker gave the name where the line says one
 * (what the name holds when the maker was killed between its line and its mount; identity.ts, remainsAt).
 */
export function journalEntries(path: string): Map<string, { id: NsId; file?: FileId }> {
  const byName = new Map<string, { id: NsId; file?: FileId }>();
  for (const line of journalLines(path)) {
    const m = LINE.exec(line);
    const name = m?.[1];
    if (!m || !name) continue;
    const id = { name, dev: Number(m[2]), ino: Number(m[3]), ...born(m[4]) };
    byName.set(name, m[5] === undefined ? { id } : { id, file: { dev: Number(m[5]), ino: Number(m[6]) } });
  }
  return byName;
}

/** The namespaces the journal lists, the last line of a name winning; [] when there is none (or it is not a regular file). */
export function readJournal(path: string): NsId[] {
  return [...journalEntries(path).values()].map((e) => e.id);
}

/** The file each name was to hold, by its last line (a name whose last line gives none has no entry). */
export function journalFiles(path: string): Map<string, FileId> {
  return new Map([...journalEntries(path)].flatMap(([name, e]) => (e.file ? [[name, e.file] as const] : [])));
}

/** Append what is at each of `names` now (made by `ip -batch`, which keeps no journal). */
export function journalMade(path: string, names: readonly string[], netnsDir: string): void {
  if (names.length === 0) return;
  const now = identitiesNow(names, netnsDir);
  const lines = names.flatMap((n) => {
    const id = now.get(n);
    return id === undefined ? [] : [`${n} ${id.dev} ${id.ino} ${id.born}\n`];
  });
  if (lines.length === 0) return;
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  try {
    writeSync(fd, lines.join(""));
  } finally {
    closeSync(fd);
  }
}

export function removeJournal(path: string): void {
  removeRunFile(path);
}
