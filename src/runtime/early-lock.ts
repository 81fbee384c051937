// The lab's lock asked for before the script is read: `flock` started on a new lock file of this netl's
// own (lab-lock.ts's openNewLock) while netl reads and checks the script, so that opening the lab finds
// the lock taken instead of starting `flock` and waiting for it. Whether `flock` has taken it by then is
// read from the kernel's table of locks, without waiting (the file is this netl's alone: nobody else
// locks it); when it has not yet, opening the lab takes the lock as before, on a file of its own.
import { spawn } from "node:child_process";
import { closeSync, fstatSync, unlinkSync } from "node:fs";
import { holding, type LockOutcome } from "./flock.js";
import { flockListed, lockPath, openNewLock, ownLockPath } from "./lab-lock.js";

export class EarlyLock {
  readonly #fd: number;
  readonly #file: string;
  #settled = false;

  private constructor(fd: number, file: string) {
    this.#fd = fd;
    this.#file = file;
    // A netl that never opens the lab (its script refused) leaves no file: lab-lock.ts's own file goes.
    process.once("exit", () => this.#drop());
  }

  /** `flock` started on the lab's new lock file under `runDir`; undefined where that cannot be. */
  static start(runDir: string, lab: string): EarlyLock | undefined {
    const fd = openNewLock(runDir, lab);
    if (typeof fd !== "number") return undefined;
    try {
      const child = spawn("flock", ["-x", "-n", "3"], { stdio: ["ignore", "ignore", "ignore", fd] });
      child.on("error", () => {});
      child.unref();
    } catch {
      closeSync(fd);
      return undefined;
    }
    return new EarlyLock(fd, ownLockPath(lockPath(runDir, lab)));
  }

  /** The lock, when `flock` holds it on this file by now (acquireLock's `first`); else undefined, and the file let go. Once. */
  take(proc = "/proc"): LockOutcome | undefined {
    if (this.#settled) return undefined;
    if (flockListed(fstatSync(this.#fd), proc)) {
      this.#settled = true;
      return holding(this.#fd);
    }
    this.#drop();
    return undefined;
  }

  #drop(): void {
    if (this.#settled) return;
    this.#settled = true;
    closeSync(this.#fd);
    try {
      unlinkSync(this.#file);
    } catch {}
  }
}
