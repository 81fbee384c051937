// Batch processes started before their input is known: while netl still parses and checks a script,
// perl starts and compiles its helper (and node forks a process that is still small) on the other CPU,
// so a change's stages find their process running. Each waits on its standard input and does nothing
// before it reads a line; one that no change takes reads end-of-file when netl ends, and ends too.
import { type ChildProcess, spawn } from "node:child_process";

/** Where a stream or child is held open or let go (net.Socket and ChildProcess both have these). */
interface Refable {
  ref?(): void;
  unref?(): void;
}

const key = (argv: readonly string[]) => argv.join("\0");
// A child's pipes are net.Sockets, which a Readable's or Writable's type does not say.
const streams = (child: ChildProcess) =>
  [child, child.stdin, child.stdout, child.stderr] as unknown as readonly (Refable | null)[];

export class Prestarted {
  readonly #waiting = new Map<string, ChildProcess[]>();
  /** Children that failed to start or ended before any input: never handed out. */
  readonly #gone = new WeakSet<ChildProcess>();

  /**
   * Start `argv` now, in its own process group as every batch (executor.ts), for a later `take`; `withFd`:
   * a descriptor it gets as its fd 3, and its environment (prestart-build.ts). The child, if it started.
   */
  start(argv: readonly string[], withFd?: { fd3: number; env: NodeJS.ProcessEnv }): ChildProcess | undefined {
    const [file = "", ...args] = argv;
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        detached: true,
        stdio: ["pipe", "pipe", "pipe", ...(withFd ? [withFd.fd3] : [])],
        ...(withFd ? { env: withFd.env } : {}),
      });
    } catch {
      return undefined; // the batch starts it again when it is needed, and says why it cannot
    }
    child.on("error", () => this.#gone.add(child));
    child.once("exit", () => this.#gone.add(child));
    child.stdin?.on("error", () => {});
    // Waiting, it keeps netl from ending no more than a process netl never started.
    for (const s of streams(child)) s?.unref?.();
    const list = this.#waiting.get(key(argv)) ?? [];
    list.push(child);
    this.#waiting.set(key(argv), list);
    return child;
  }

  /** A child started with exactly `argv` and still waiting for its input, now the caller's; or undefined. */
  take(argv: readonly string[]): ChildProcess | undefined {
    const list = this.#waiting.get(key(argv));
    while (list !== undefined && list.length > 0) {
      const child = list.shift() as ChildProcess;
      if (this.#gone.has(child) || child.exitCode !== null || child.signalCode !== null) continue;
      for (const s of streams(child)) s?.ref?.();
      return child;
    }
    return undefined;
  }

  /** End the children no change took: each reads end-of-file, having done nothing. */
  close(): void {
    for (const list of this.#waiting.values()) for (const child of list) child.stdin?.end();
    this.#waiting.clear();
  }
}
