// The processes `spawn` started: each in its own process group inside its node's namespace, its output
// appended to the node's log under the lab's run directory. Ending one ends its whole group, and only
// a group this session started (its pid is remembered from the start, never looked up by name).
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FailedCommand } from "../diagnostic.js";
import type { Executor } from "./executor.js";
import { pidAlive } from "./lab-record.js";

interface Running {
  readonly pid: number;
  readonly node: string;
  readonly command: string;
}

const GRACE_MS = 1000;
const LOG_LINES = 40;

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {}
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SpawnedProcesses {
  readonly #running = new Map<number, Running>();

  constructor(
    private readonly executor: Executor,
    /** `RUN_DIR/LAB.logs`: one `NODE.log` per node. */
    readonly logDir: string,
  ) {}

  logFile(node: string): string {
    return join(this.logDir, `${node}.log`);
  }

  async start(ns: string, id: number, node: string, command: string): Promise<FailedCommand | undefined> {
    const argv = ["ip", "netns", "exec", ns, "sh", "-c", command];
    if (this.executor.background === undefined) return { argv, stderr: "this executor cannot start processes" };
    try {
      mkdirSync(this.logDir, { recursive: true });
      const pid = await this.executor.background(argv, this.logFile(node));
      this.#running.set(id, { pid, node, command });
      return undefined;
    } catch (e) {
      return { argv, stderr: e instanceof Error ? e.message : String(e) };
    }
  }

  /** End spawn `id`'s process group: SIGTERM, then SIGKILL after a grace period. One that has exited is done. */
  async stop(id: number): Promise<undefined> {
    const p = this.#running.get(id);
    this.#running.delete(id);
    if (p === undefined || !pidAlive(p.pid)) return undefined;
    signalGroup(p.pid, "SIGTERM");
    for (let waited = 0; waited < GRACE_MS && pidAlive(p.pid); waited += 50) await sleep(50);
    if (pidAlive(p.pid)) signalGroup(p.pid, "SIGKILL");
    return undefined;
  }

  /** pid and whether it still runs, for `ps`. */
  status(id: number): { pid: number; running: boolean } | undefined {
    const p = this.#running.get(id);
    return p === undefined ? undefined : { pid: p.pid, running: pidAlive(p.pid) };
  }

  /** The last lines of a node's log. */
  logs(node: string): string {
    let text: string;
    try {
      text = readFileSync(this.logFile(node), "utf8");
    } catch {
      return `${node} has no log yet: nothing spawned there has printed anything`;
    }
    const lines = text.trimEnd().split("\n");
    if (text.trim() === "") return `${node}'s log is empty`;
    const shown = lines.slice(-LOG_LINES);
    const more = lines.length - shown.length;
    return [...(more > 0 ? [`… ${more} earlier lines in ${this.logFile(node)}`] : []), ...shown].join("\n");
  }

  /** Every process still known, ended. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#running.keys()].map((id) => this.stop(id)));
  }
}
