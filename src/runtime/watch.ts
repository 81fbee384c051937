// A long-running program whose output netl reads as it comes (a capture's tcpdump): started in a
// process group of its own (a Ctrl-C at the terminal is netl's to route), its standard output as lines
// or into a descriptor netl opened, and ready once standard error says so. It is ended by netl only.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { startFailure } from "./start-failure.js";

export interface WatchOptions {
  /** Standard output goes to this descriptor (a file netl opened) instead of `onLine`. */
  readonly stdoutFd?: number;
  readonly onLine?: (line: string) => void;
  /** The line of standard error that says the program is ready (tcpdump's `listening on …`). */
  readonly ready: RegExp;
  readonly readyTimeoutMs: number;
}

export interface Watched {
  readonly pid: number;
  /** Its exit status and what it wrote on standard error, once it has ended and its output is read. */
  readonly ended: Promise<{ readonly code: number; readonly stderr: string }>;
}

/** Resolves once the program is ready; rejects with what it said when it ends (or cannot start) before. */
export function watch(argv: readonly string[], options: WatchOptions): Promise<Watched> {
  const [file = "", ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ["ignore", options.stdoutFd ?? "pipe", "pipe"] });
    let stderr = "";
    let ready = false;
    let linesDone: Promise<void> = Promise.resolve();
    if (child.stdout) {
      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => options.onLine?.(line));
      linesDone = new Promise((done) => lines.once("close", done));
    }
    const timer = setTimeout(() => {
      if (ready) return;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, options.readyTimeoutMs);
    const exited = new Promise<number>((done) =>
      child.once("close", (code, signal) => done(code ?? (signal ? 128 : 1))),
    );
    const ended = exited.then(async (code) => {
      await linesDone;
      return { code, stderr };
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr += text;
      if (!ready && options.ready.test(stderr) && child.pid !== undefined) {
        ready = true;
        clearTimeout(timer);
        resolve({ pid: child.pid, ended });
      }
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(startFailure(argv, e) ?? e);
    });
    void exited.then(() => {
      clearTimeout(timer);
      if (!ready) reject(new Error(stderr.trim() || "it ended before it was ready"));
    });
  });
}
