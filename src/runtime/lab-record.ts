// The lab record under /run/netl: what a lab owns in the kernel, written before every change,
// so that a crashed or killed netl leaves nothing `netl down` cannot remove. One writer per lab.

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import type { Origin } from "../interpreter/machine.js";
import { batchesPath } from "./batch-pids.js";

export interface LabRecord {
  readonly version: 1;
  readonly lab: string;
  readonly prefix?: string;
  /** The netl process that last wrote it. */
  readonly pid: number;
  readonly updated: string;
  /** Kernel names of the namespaces the lab owns (or is about to create). */
  readonly namespaces: readonly string[];
  /** Interfaces the lab made in the machine's own namespace (host ends of links), removed by these names. */
  readonly hostInterfaces?: readonly string[];
  /** Interfaces of the machine moved into the lab's namespaces, and what to give back when they return. */
  readonly moved?: readonly MovedRecord[];
}

export interface MovedRecord {
  readonly ifname: string;
  /** Kernel name of the namespace that holds it (or is about to). */
  readonly netns: string;
  readonly origin: Origin;
}

export const DEFAULT_RUN_DIR = "/run/netl";

const recordPath = (dir: string, lab: string) => join(dir, `${lab}.json`);
const lockPath = (dir: string, lab: string) => join(dir, `${lab}.lock`);

export function readRecord(dir: string, lab: string): LabRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(dir, lab), "utf8")) as LabRecord;
  } catch {
    return undefined;
  }
}

/** Atomic: a reader never sees half a record. */
export function writeRecord(dir: string, record: LabRecord): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const tmp = `${recordPath(dir, record.lab)}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o644);
  writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
  closeSync(fd);
  renameSync(tmp, recordPath(dir, record.lab));
}

/** Where the output of what the lab's `spawn` started goes: one `NODE.log` per node. */
export const logDir = (dir: string, lab: string) => join(dir, `${lab}.logs`);

/** The lab is gone: its record, and its logs with it. */
export function removeRecord(dir: string, lab: string): void {
  rmSync(recordPath(dir, lab), { force: true });
  // Looked for first: a recursive rm loads Node's rimraf, ~0.5 ms of every `netl down` for a lab with no logs.
  if (existsSync(logDir(dir, lab))) rmSync(logDir(dir, lab), { recursive: true, force: true });
  rmSync(batchesPath(dir, lab), { force: true });
  // The live page's feed (live-feed.ts), written where it is named.
  rmSync(join(dir, `${lab}.live`), { force: true });
}

export function listRecords(dir: string): LabRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => readRecord(dir, n.slice(0, -".json".length)))
    .filter((r): r is LabRecord => r !== undefined)
    .sort((a, b) => a.lab.localeCompare(b.lab));
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lab's lock (a file holding our pid); a lock whose owner is gone is taken over. */
export function acquireLock(dir: string, lab: string): Result<() => void> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const path = lockPath(dir, lab);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return ok(() => rmSync(path, { force: true }));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (Number.isFinite(owner) && owner !== process.pid && pidAlive(owner)) {
        return fail(
          netlError("usage", "lab-in-use", `lab '${lab}' is in use by another netl (pid ${owner})`, {
            hint: "use another --lab name, or end that netl first",
          }),
        );
      }
      rmSync(path, { force: true });
    }
  }
  return fail(netlError("usage", "lab-in-use", `could not lock lab '${lab}' (${path})`));
}
