// One writer per lab: `RUN_DIR/LAB.lock` is held with flock(2), which the kernel gives to one open
// file at a time and takes back however its holder dies. Node has no flock: netl opens the file and
// runs `flock -n -x 3` (util-linux) with that descriptor as the child's fd 3, so the lock belongs to
// the open file they share and stays held by netl's descriptor (close-on-exec: no program netl starts
// keeps it) until netl exits. The pid and start time written into it are only for messages: whether
// a lab is held is asked of the lock itself, never of a pid that may have been reused.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { fail, netlError, ok, type Result } from "../diagnostic.js";

export const lockPath = (dir: string, lab: string) => join(dir, `${lab}.lock`);

/** A process's start time (clock ticks since boot, /proc/PID/stat's 22nd field): with the pid, who it is. */
export function startTime(pid: number | "self", proc = "/proc"): string | undefined {
  try {
    const stat = readFileSync(`${proc}/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

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
  return startTime(n) === start ? n : undefined;
}

function inUse(lab: string, path: string) {
  const pid = namedHolder(path);
  return fail(
    netlError("usage", "lab-in-use", `lab '${lab}' is in use by another netl${pid ? ` (pid ${pid})` : ""}`, {
      hint: "use another --lab name, or end that netl first",
    }),
  );
}

/** Take the lab's lock; the function returned releases it (the lock file goes with it). */
export function acquireLock(dir: string, lab: string): Result<() => void> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const path = lockPath(dir, lab);
  // A holder that releases removes the file: the one locked must still be the one at the path.
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
    } catch (e) {
      return fail(netlError("usage", "lab-lock", `cannot open the lock of lab '${lab}' (${path}): ${String(e)}`));
    }
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      return fail(netlError("usage", "lab-lock", `the lock of lab '${lab}' (${path}) is not a regular file`));
    }
    const r = spawnSync("flock", ["-n", "-x", "3"], { stdio: ["ignore", "ignore", "pipe", fd], encoding: "utf8" });
    if (r.status === 1) {
      closeSync(fd);
      return inUse(lab, path);
    }
    if (r.status !== 0) {
      closeSync(fd);
      const why = r.error ? String(r.error.message) : r.stderr.trim();
      return fail(
        netlError("usage", "lab-lock", `cannot lock lab '${lab}': flock failed: ${why}`, {
          hint: "netl locks a lab with flock(1), from util-linux",
        }),
      );
    }
    const held = fstatSync(fd);
    const now = lstatSync(path, { throwIfNoEntry: false });
    if (now === undefined || now.ino !== held.ino || now.dev !== held.dev) {
      closeSync(fd);
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
      closeSync(fd);
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
