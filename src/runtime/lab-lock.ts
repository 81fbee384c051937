// One writer per lab: `RUN_DIR/LAB.lock` is held with flock(2) (flock.ts), which the kernel gives to
// one open file at a time and takes back however its holder dies. The pid and start time written into it are only for messages: whether
// a lab is held is asked of the lock itself, never of a pid that may have been reused.
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import { flockFileSync, type LockOutcome, openLockFile } from "./flock.js";
import { startTime } from "./proc-stat.js";
import { makeFolder } from "./run-dir.js";

export const lockPath = (dir: string, lab: string) => join(dir, `${lab}.lock`);

/** The holder the lock file names, if that very process (pid and start time) still runs. */
export function namedHolder(path: string): number | undefined {
  let text: string;
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      text = readFileSync(fd, "utf8").slice(0, 100);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const [pid, start] = text.trim().split(" ");
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || start === undefined) return undefined;
  return startTime(n) === Number(start) ? n : undefined;
}

function inUse(lab: string, path: string) {
  const pid = namedHolder(path);
  return fail(
    netlError("usage", "lab-in-use", `lab '${lab}' is in use by another netl${pid ? ` (pid ${pid})` : ""}`, {
      hint: "use another --lab name, or end that netl first",
    }),
  );
}

/**
 * A new lock file appears at `path` already held: it is made under a name of this netl's own, locked,
 * then linked into place (which fails if the path exists: "exists", and that file is locked as it is).
 * A netl that fails in between leaves nothing: its own name goes whatever happens.
 */
function lockNew(path: string, first?: LockOutcome): LockOutcome | "exists" {
  const own = ownLockPath(path);
  if (first === undefined)
    try {
      unlinkSync(own);
    } catch {}
  try {
    const taken = first ?? flockFileSync(own, { mode: 0o644 });
    if (taken.kind !== "held") return taken;
    try {
      linkSync(own, path);
      return taken;
    } catch (e) {
      taken.lock.release();
      const code = (e as NodeJS.ErrnoException).code;
      return code === "EEXIST" ? "exists" : { kind: "unavailable", why: `cannot make ${path}: ${code ?? e}` };
    }
  } finally {
    try {
      unlinkSync(own);
    } catch {}
  }
}

/** Where this netl makes a new lock file before linking it into place. */
const ownLockPath = (path: string) => `${path}.${process.pid}.new`;

/**
 * The lab's new lock file, made afresh and open (not locked yet), for a process that takes the lock on
 * it for netl (runtime/netns-del.ts); its outcome goes to acquireLock as `first`. Or why it cannot be.
 */
export function openNewLock(dir: string, lab: string): number | string {
  const made = makeFolder(dir, 0o755);
  if (made !== undefined) return `cannot use ${dir}: ${made}`;
  const own = ownLockPath(lockPath(dir, lab));
  try {
    unlinkSync(own);
  } catch {}
  return openLockFile(own, 0o644);
}

/** openNewLock's file let go of unused (the lab is not opened after all): nothing is left in `dir`. */
export function dropNewLock(dir: string, lab: string): void {
  try {
    unlinkSync(ownLockPath(lockPath(dir, lab)));
  } catch {}
}

/**
 * Take the lab's lock; the function returned releases it (the lock file goes with it). `first`: the
 * lock already taken on openNewLock's file, tried first.
 */
export function acquireLock(dir: string, lab: string, first?: LockOutcome): Result<() => void> {
  const made = makeFolder(dir, 0o755);
  if (made !== undefined)
    return fail(
      netlError("usage", "run-dir", `cannot use the run directory ${dir}: ${made}`, {
        hint: "NETL_RUN_DIR names the folder netl keeps its labs in (/run/netl when unset): a folder, or one netl can make",
      }),
    );
  const path = lockPath(dir, lab);
  // A holder that releases removes the file: the one locked must still be the one at the path.
  for (let attempt = 0; attempt < 5; attempt++) {
    const made = lockNew(path, attempt === 0 && first?.kind === "held" ? first : undefined);
    const taken = made === "exists" ? flockFileSync(path, { mode: 0o644 }) : made;
    if (taken.kind === "busy") return inUse(lab, path);
    if (taken.kind === "unavailable")
      return fail(
        netlError("usage", "lab-lock", `cannot lock lab '${lab}': ${taken.why}`, {
          hint: "netl locks a lab with flock(1), from util-linux",
        }),
      );
    const { fd } = taken.lock;
    const held = fstatSync(fd);
    const now = lstatSync(path, { throwIfNoEntry: false });
    if (now === undefined || now.ino !== held.ino || now.dev !== held.dev) {
      taken.lock.release();
      continue;
    }
    ftruncateSync(fd, 0);
    writeSync(fd, `${process.pid} ${startTime("self") ?? "?"}\n`, 0);
    return ok(() => {
      // Removed while still held: whoever opens the path next makes a new file, and whoever had
      // opened this one finds, once it gets the lock, that it is no longer the lab's.
      try {
        unlinkSync(path);
      } catch {}
      taken.lock.release();
    });
  }
  return inUse(lab, path);
}

/** Whether a netl holds the lab now, read from the kernel's table of locks (nothing is taken to find out). */
export function lockHeld(dir: string, lab: string, proc = "/proc"): boolean {
  const st = lstatSync(lockPath(dir, lab), { throwIfNoEntry: false });
  if (st === undefined || !st.isFile()) return false;
  let table: string;
  try {
    table = readFileSync(`${proc}/locks`, "utf8");
  } catch {
    return false;
  }
  // `1: FLOCK  ADVISORY  WRITE 1234 00:1a:5678 0 EOF`: the device as hex major:minor, then the inode.
  const major = Math.floor(st.dev / 256) & 0xfff;
  const minor = (st.dev & 0xff) | (Math.floor(st.dev / 4096) & ~0xff);
  const id = `${major.toString(16).padStart(2, "0")}:${minor.toString(16).padStart(2, "0")}:${st.ino}`;
  return table.split("\n").some((line) => / FLOCK /.test(line) && !line.includes("->") && line.includes(` ${id} `));
}
