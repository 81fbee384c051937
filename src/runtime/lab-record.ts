// The lab record under the run directory (/run/netl): what a lab made in the kernel, each with its
// identity, so that a crashed or killed netl leaves nothing `netl down` cannot remove, and `netl down`
// removes nothing else. Records are read only from the run directory, by a lab name (never a path),
// only as regular files (never through a symlink), and only when they are exactly a record
// (record-schema.ts): anything else is reported by name and skipped.
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { batchesPath } from "./batch-pids.js";
import { isLabName } from "./lab-name.js";
import { journalPath } from "./netns-journal.js";
import { checkRecord } from "./record-schema.js";
import type { LabRecord } from "./record-types.js";
import { makeFolder } from "./run-dir.js";
import { removeRunFile, replaceFile } from "./run-file.js";

export { acquireLock, lockHeld } from "./lab-lock.js";
export type { LabRecord, MovedRecord, ServiceRecord } from "./record-types.js";

export const DEFAULT_RUN_DIR = "/run/netl";

/** More than any record of a lab could hold (a chain of 250 namespaces is ~25 KB). */
const MAX_RECORD_BYTES = 8 << 20;

const recordPath = (dir: string, lab: string) => join(dir, `${lab}.json`);

export type RecordRead =
  | { readonly kind: "absent" }
  | { readonly kind: "ok"; readonly record: LabRecord }
  /** `file`: its name under the run directory; `problem`: what is wrong with it, in words. */
  | { readonly kind: "invalid"; readonly file: string; readonly problem: string };

/** A regular file's text, never read through a symlink; undefined when absent; else what is wrong with it. */
function readRegular(path: string): { text: string } | { problem: string } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return { problem: code === "ELOOP" ? "it is a symbolic link" : `it cannot be read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: "it is not a regular file" };
    if (st.size > MAX_RECORD_BYTES) return { problem: `it is too large (${st.size} bytes)` };
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { text: buf.subarray(0, got).toString("utf8") };
  } finally {
    closeSync(fd);
  }
}

/** Lab `lab`'s record as it is on disk. */
export function readRecordFile(dir: string, lab: string): RecordRead {
  const file = `${lab}.json`;
  if (!isLabName(lab)) return { kind: "invalid", file, problem: "its name is not a lab name" };
  const read = readRegular(recordPath(dir, lab));
  if (read === undefined) return { kind: "absent" };
  if ("problem" in read) return { kind: "invalid", file, ...read };
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return { kind: "invalid", file, problem: "it is not JSON (cut short?)" };
  }
  const checked = checkRecord(value, lab);
  return "record" in checked ? { kind: "ok", record: checked.record } : { kind: "invalid", file, ...checked };
}

/** The record when there is a valid one. */
export function readRecord(dir: string, lab: string): LabRecord | undefined {
  const r = readRecordFile(dir, lab);
  return r.kind === "ok" ? r.record : undefined;
}

/** Atomic: a reader never sees half a record. The temporary file is made new, never followed. */
export function writeRecord(dir: string, record: LabRecord): void {
  makeFolder(dir, 0o755);
  replaceFile(recordPath(dir, record.lab), `${JSON.stringify(record, null, 2)}\n`);
}

/** Where the output of what the lab's `spawn` started goes: one `NODE.log` per node. */
export const logDir = (dir: string, lab: string) => join(dir, `${lab}.logs`);

/** A lab's file being written (run-file.ts's replaceFile): its record, World, batches or live feed. */
const TEMP = /^(.+)\.(?:json|world|batches|live)\.\d+\.tmp$/;
/** A lock being made (lab-lock.ts's lockNew), and the pid of the netl making it. */
const HALF_LOCK = /^(.+)\.lock\.(\d+)\.new$/;
/** What a netl writes as it opens a lab, before the lab's record: its lock and its live feed. */
const OPENED = /^(.+)\.(lock|live)$/;

/**
 * Temporary files a killed netl left, by lab: `LAB.json.PID.tmp`, `LAB.lock.PID.new` of a pid gone, and
 * a lab's live feed without a record (killed as it opened the lab). A lock without a record names its
 * lab with no file of its own: releasing the lock removes it, and whether it is held is asked first.
 */
export function tempFiles(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  const all = new Set(names);
  const add = (lab: string | undefined, name?: string) => {
    if (lab !== undefined && isLabName(lab)) out.set(lab, [...(out.get(lab) ?? []), ...(name ? [name] : [])]);
  };
  for (const name of names) {
    add(TEMP.exec(name)?.[1], name);
    const half = HALF_LOCK.exec(name);
    if (half && !pidAlive(Number(half[2]))) add(half[1], name);
    const opened = OPENED.exec(name);
    if (opened && !all.has(`${opened[1]}.json`)) add(opened[1], opened[2] === "live" ? name : undefined);
  }
  return out;
}

/** The lab's leftover temporary files, removed: call with its lock held (no writer of it runs). Their names. */
export function removeTemps(dir: string, lab: string): string[] {
  const names = tempFiles(dir).get(lab) ?? [];
  for (const name of names) removeRunFile(join(dir, name));
  return names;
}

/** Where the lab's World is kept for `netl attach`, `ls` and `show` (world-file.ts). */
export const worldPath = (dir: string, lab: string) => join(dir, `${lab}.world`);

/** The lab is gone: its record, journal, World, logs and leftover temporary files with it. */
export function removeRecord(dir: string, lab: string): void {
  removeRunFile(recordPath(dir, lab));
  removeRunFile(journalPath(dir, lab));
  removeRunFile(worldPath(dir, lab));
  // Looked for first: a recursive rm loads Node's rimraf, which `netl down` of a lab with no logs need not pay.
  if (existsSync(logDir(dir, lab))) rmSync(logDir(dir, lab), { recursive: true, force: true });
  removeRunFile(batchesPath(dir, lab));
  // The live page's feed (live-feed.ts), written where it is named.
  removeRunFile(join(dir, `${lab}.live`));
}

export interface Listing {
  readonly records: LabRecord[];
  /** Record files that are not records, each with why. */
  readonly invalid: { readonly file: string; readonly problem: string }[];
}

/** Every `*.json` under the run directory, as records or as what is wrong with them. */
export function listRecords(dir: string): Listing {
  const listing: Listing = { records: [], invalid: [] };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return listing;
  }
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const r = readRecordFile(dir, name.slice(0, -".json".length));
    if (r.kind === "ok") listing.records.push(r.record);
    else if (r.kind === "invalid") listing.invalid.push({ file: r.file, problem: r.problem });
  }
  listing.records.sort((a, b) => a.lab.localeCompare(b.lab));
  return listing;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
