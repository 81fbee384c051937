// Entries run strictly one after another, even when input arrives all at once (node:repl calls
// eval again before an async eval has finished). Ctrl-C aborts the entry in flight and drops the rest.

export type Work = (signal: AbortSignal) => Promise<void>;

export class EntryQueue {
  #tail: Promise<void> = Promise.resolve();
  #current: AbortController | undefined;
  /** Bumped by `interrupt`: work queued under an older generation is dropped. */
  #generation = 0;
  #pending = 0;
  /** The aborted entry whose repeated Ctrl-C has been answered once already. */
  #warned: AbortController | undefined;

  /** Resolves once `work` ran, or was dropped; never rejects (a bug in `work` is reported by `onBug`). */
  enqueue(work: Work, onBug: (e: unknown) => void): Promise<void> {
    const generation = this.#generation;
    this.#pending++;
    const run = async () => {
      if (generation !== this.#generation) return;
      const controller = new AbortController();
      this.#current = controller;
      try {
        await work(controller.signal);
      } catch (e) {
        onBug(e);
      } finally {
        this.#current = undefined;
      }
    };
    const done = this.#tail.then(run).finally(() => {
      this.#pending--;
    });
    this.#tail = done;
    return done;
  }

  /** Whether an entry is running now. */
  get busy(): boolean {
    return this.#current !== undefined;
  }

  /** Whether anything is running or waiting. */
  get pending(): boolean {
    return this.#pending > 0;
  }

  /**
   * Abort the entry in flight and drop what waits behind it. Returns `running` if an entry was
   * running, `again` the first time it had been aborted already (it is still rolling back: say so
   * once), `still` after that, `idle` when nothing runs.
   */
  interrupt(): "running" | "again" | "still" | "idle" {
    this.#generation++;
    const current = this.#current;
    if (current === undefined) return "idle";
    if (!current.signal.aborted) {
      current.abort();
      return "running";
    }
    if (this.#warned === current) return "still";
    this.#warned = current;
    return "again";
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
