// The batches a lab's netl has running (`ip`, `tc`, and the Perl helpers), in `RUN_DIR/LAB.batches`:
// a batch runs in its own process group (a terminal's Ctrl-C must not cut it), so it outlives a netl
// that is SIGKILLed. `netl down` and `netl clean` wait for those to finish before removing the lab, so
// a pending `netns add` cannot bring a namespace back after the lab was removed. Each is kept as its
// pid and start time: a pid reused since by another program is never waited for.
import { readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { sameProcess, startTime } from "./proc-stat.js";
import { readRunFile, replaceFile } from "./run-file.js";

/** Far more than the batches one netl runs at a time take. */
const MAX_BATCHES_BYTES = 1 << 20;

export const batchesPath = (runDir: string, lab: string) => join(runDir, `${lab}.batches`);

/** Kept by the running netl: the file lists the pids of its batches in flight. */
export class BatchPids {
  /** pid → its start time (/proc/PID/stat), read as it starts. */
  readonly #pids = new Map<number, number | "?">();

  constructor(private readonly file: string) {}

  started(pid: number): void {
    this.#pids.set(pid, startTime(pid) ?? "?");
    this.#write();
  }

  /**
   * The file is rewritten when a batch starts, and removed when none is left; a pid that ended while
   * another batch runs stays listed until then (`netl down` waits only for pids still running ip or tc).
   */
  ended(pid: number): void {
    this.#pids.delete(pid);
    if (this.#pids.size === 0) this.#write();
  }

  #write(): void {
    try {
      if (this.#pids.size === 0) unlinkSync(this.file);
      else replaceFile(this.file, `${[...this.#pids].map(([pid, start]) => `${pid} ${start}`).join("\n")}\n`);
    } catch {
      // No run directory (tests with their own), or no file left to remove: nothing to leave for `netl down`.
    }
  }
}

/** The batches a dead netl left running: the very processes it listed (pid and start time), still ip, tc or perl, not exited. */
function stillRunning(file: string): number[] {
  const text = readRunFile(file, MAX_BATCHES_BYTES);
  if (text === undefined) return [];
  return text.split("\n").flatMap((line) => {
    const [pid = 0, start] = [Number(line.split(" ")[0]), line.split(" ")[1]];
    // A zombie has finished: its parent, the dead netl's heir, has not reaped it yet.
    if (!(pid > 1) || start === undefined || !sameProcess(pid, Number(start))) return [];
    try {
      return /^(ip|tc|perl)$/.test(readFileSync(`/proc/${pid}/comm`, "utf8").trim()) ? [pid] : [];
    } catch {
      return [];
    }
  });
}

/** Wait (up to `ms`) for the batches a dead netl left to finish; the pids still running after it. */
export async function awaitBatches(file: string, ms = 10_000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = stillRunning(file);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = stillRunning(file);
  }
  return left;
}
