// A lock that cannot be held twice: flock(2) on an open file, which the kernel drops when its holder
// dies, so a dead holder never blocks and a reused pid means nothing. Node has no flock, so `flock`
// (util-linux) takes it on netl's own descriptor, given to it as its fd 3: the lock belongs to the open
// file, which netl keeps open after flock exits, and is released when netl closes it (or exits).
// Shared: the machine's lock (machine-lock.ts) and any other lock that must be held once.
import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { closeSync, constants, fstatSync, openSync } from "node:fs";

export interface HeldLock {
  /** The descriptor the lock is on (open until release). */
  readonly fd: number;
  release(): void;
}

export type LockOutcome =
  | { readonly kind: "held"; readonly lock: HeldLock }
  /** Another holder kept it for the whole wait. */
  | { readonly kind: "busy" }
  /** The file cannot be opened, or there is no flock program: the reason, in words. */
  | { readonly kind: "unavailable"; readonly why: string };

export interface LockOptions {
  /** How long to wait for another holder; 0: do not wait. */
  readonly waitSeconds?: number;
  /** `flock` by default; tests name a missing one. */
  readonly program?: string;
  /** The file's mode when it is made (0600 by default). */
  readonly mode?: number;
}

/**
 * Open the lock file: never through a link, never blocking on something planted there (a FIFO), and
 * only a regular file.
 */
export function openLockFile(path: string, mode = 0o600): number | string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode);
  } catch (e) {
    return `cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  if (fstatSync(fd).isFile()) return fd;
  closeSync(fd);
  return `${path} is not a regular file`;
}

const argvFor = (options: LockOptions): string[] => {
  const wait = options.waitSeconds ?? 0;
  return wait > 0 ? ["-x", "-w", String(wait), "3"] : ["-x", "-n", "3"];
};

const childOptions = (fd: number): SpawnOptions => ({ stdio: ["ignore", "ignore", "pipe", fd] });

/** The lock now held on `fd` (by whichever process took it there: the lock is the open file's). */
export function holding(fd: number): LockOutcome {
  let open = true;
  return {
    kind: "held",
    lock: {
      fd,
      release: () => {
        if (open) closeSync(fd);
        open = false;
      },
    },
  };
}

/**
 * What a helper that took the lock on `fd` for netl answered (native/netns-del.pl, native/netns.pl):
 * `held`, `busy` or `error TEXT`. The descriptor is closed unless the lock is held on it.
 */
export function lockAnswer(line: string, fd: number): LockOutcome {
  if (line === "held") return holding(fd);
  closeSync(fd);
  return line === "busy" ? { kind: "busy" } : { kind: "unavailable", why: line.replace(/^error /, "") };
}

function outcome(fd: number, status: number | null, error: Error | undefined, stderr: string): LockOutcome {
  if (status === 0) return holding(fd);
  closeSync(fd);
  if (error !== undefined)
    return { kind: "unavailable", why: `flock: ${(error as NodeJS.ErrnoException).code ?? error}` };
  // flock's own status for "not taken in time" is 1.
  return status === 1
    ? { kind: "busy" }
    : { kind: "unavailable", why: `flock: ${stderr.trim() || `status ${status}`}` };
}

/** Take an exclusive lock on `path` (made 0600 if missing), waiting up to `waitSeconds` for another holder. */
export function flockFile(path: string, options: LockOptions = {}): Promise<LockOutcome> {
  const fd = openLockFile(path, options.mode);
  if (typeof fd === "string") return Promise.resolve({ kind: "unavailable", why: fd });
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(options.program ?? "flock", argvFor(options), childOptions(fd));
    } catch (e) {
      // Not even started (no process left to fork, a bad argument): the lock cannot be had, as below.
      resolve(outcome(fd, null, e as Error, ""));
      return;
    }
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (t: string) => {
      stderr += t;
    });
    let settled = false;
    const settle = (status: number | null, error?: Error) => {
      if (settled) return;
      settled = true;
      resolve(outcome(fd, status, error, stderr));
    };
    // A program that cannot start gives "error" (and perhaps "close" after it): the first one counts.
    child.once("error", (e) => settle(null, e));
    child.once("close", (status) => settle(status));
  });
}

/** The same, holding the event loop (for a command whose whole start is taking its lock). */
export function flockFileSync(path: string, options: LockOptions = {}): LockOutcome {
  const fd = openLockFile(path, options.mode);
  if (typeof fd === "string") return { kind: "unavailable", why: fd };
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync(options.program ?? "flock", argvFor(options), { ...childOptions(fd), encoding: "utf8" });
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return outcome(fd, r.status, r.error, String(r.stderr ?? ""));
}
