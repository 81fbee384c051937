// The machine's own namespace is one resource shared by every lab: a change to it (a host link, a
// move, a route on the machine, their undo) is checked and made under one machine-wide lock, so two
// netl never both find a subnet free and both take it. An flock (flock.ts): a dead holder drops it.
// Held by one Session at a time, and again by the same Session freely (the driver holds it around a
// statement's read, check and commit; the commit takes it once more around its re-check and its change).
import { fail, netlError, ok, type Result, type Span } from "../diagnostic.js";
import { flockFile, type HeldLock, type LockOptions } from "./flock.js";

/** In /run, not in the run directory: every lab on the machine shares it, whatever --lab or NETL_RUN_DIR say. */
export const MACHINE_LOCK = "/run/netl-machine.lock";
const WAIT_SECONDS = 30;

export class MachineLock {
  #depth = 0;
  #held: HeldLock | undefined;

  constructor(
    private readonly path: string = MACHINE_LOCK,
    private readonly options: LockOptions = { waitSeconds: WAIT_SECONDS },
    /** Told once when the machine is changed without the lock (no flock program, /run not writable). */
    private readonly onUnlocked?: (why: string) => void,
  ) {}

  /** Whether this Session holds the lock now. */
  get held(): boolean {
    return this.#held !== undefined;
  }

  /** Run `fn` holding the machine's lock; refused when another netl keeps it past the wait. */
  async around<T>(span: Span | undefined, fn: () => Promise<Result<T>>): Promise<Result<T>> {
    if (this.#depth === 0) {
      const taken = await flockFile(this.path, this.options);
      if (taken.kind === "busy")
        return fail(
          netlError("kernel", "machine-busy", "another netl has been changing the machine's network too long", {
            ...(span ? { span } : {}),
            hint: `nothing was changed; try again (the lock is ${this.path})`,
          }),
        );
      if (taken.kind === "held") this.#held = taken.lock;
      else this.onUnlocked?.(`the machine's network is changed without its lock: ${taken.why}`);
    }
    this.#depth++;
    try {
      return await fn();
    } finally {
      this.#depth--;
      if (this.#depth === 0) {
        this.#held?.release();
        this.#held = undefined;
      }
    }
  }

  /** The same for work that cannot be refused (a rollback, a teardown): run it, locked when the lock can be had. */
  async whileHeld<T>(fn: () => Promise<T>): Promise<T> {
    const r = await this.around(undefined, async () => ok(await fn()));
    return r.ok ? r.value : fn();
  }
}
