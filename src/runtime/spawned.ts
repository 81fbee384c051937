// The processes `spawn` started: each under a supervisor of its own (supervisor.ts) that keeps every
// process of the service below it, its output going to the node's log under the lab's run directory
// (a 0700 folder, 0600 logs, each kept under a cap). Ending one ends all of it, and only a service
// this lab started (its supervisor known by pid and start time, never looked up by name). The lab
// record keeps them (records()), so `netl down` ends them after a crash too. Where Perl is missing,
// a service is its process group alone, as before.
import { chmodSync, lstatSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { FailedCommand } from "../diagnostic.js";
import type { World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { pidAlive, type ServiceRecord } from "./lab-record.js";
import { logTail } from "./logs.js";
import { sameProcess } from "./proc-stat.js";
import { endSupervised, type Supervised } from "./supervisor.js";

interface Running {
  readonly node: string;
  readonly command: string;
  /** The command's own process (a group leader): what `ps` shows. */
  readonly leader: number;
  /** Absent where the service runs unsupervised (its group alone). */
  readonly supervisor?: Supervised;
}

const GRACE_MS = 1000;

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {}
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The logs folder, 0700 (an older netl made it 0755): never a link, never someone else's. */
function logFolder(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const s = lstatSync(dir);
  if (!s.isDirectory() || s.uid !== (process.geteuid?.() ?? 0)) return `${dir} is not netl's own folder`;
  if ((s.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
  return undefined;
}

export class SpawnedProcesses {
  readonly #running = new Map<number, Running>();

  constructor(
    private readonly executor: Executor,
    /** `RUN_DIR/LAB.logs`: one `NODE.log` per node. */
    readonly logDir: string,
    /** Told when a service starts or ends, for the lab record. */
    private readonly onChange?: () => void,
  ) {}

  logFile(node: string): string {
    return join(this.logDir, `${node}.log`);
  }

  async start(ns: string, id: number, node: string, command: string): Promise<FailedCommand | undefined> {
    const argv = ["ip", "netns", "exec", ns, "sh", "-c", command];
    const { supervise, background } = this.executor;
    if (supervise === undefined && background === undefined)
      return { argv, stderr: "this executor cannot start processes" };
    try {
      const bad = logFolder(this.logDir);
      if (bad !== undefined) return { argv, stderr: bad };
      if (supervise !== undefined) {
        const s = await supervise.call(this.executor, argv, this.logFile(node));
        this.#running.set(id, { node, command, leader: s.leader, supervisor: s });
      } else if (background !== undefined) {
        const pid = await background.call(this.executor, argv, this.logFile(node));
        this.#running.set(id, { node, command, leader: pid });
      }
      this.onChange?.();
      return undefined;
    } catch (e) {
      return { argv, stderr: e instanceof Error ? e.message : String(e) };
    }
  }

  /** End spawn `id` and everything it left. One that has ended is done. */
  async stop(id: number): Promise<undefined> {
    const p = this.#running.get(id);
    this.#running.delete(id);
    if (p === undefined) return undefined;
    if (p.supervisor !== undefined) await endSupervised(p.supervisor);
    else if (pidAlive(p.leader)) {
      signalGroup(p.leader, "SIGTERM");
      for (let waited = 0; waited < GRACE_MS && pidAlive(p.leader); waited += 50) await sleep(50);
      if (pidAlive(p.leader)) signalGroup(p.leader, "SIGKILL");
    }
    this.onChange?.();
    return undefined;
  }

  /**
   * pid and whether it still runs, for `ps`: a supervised service runs while anything of it does (its
   * leader may have exited, leaving others).
   */
  status(id: number): { pid: number; running: boolean } | undefined {
    const p = this.#running.get(id);
    if (p === undefined) return undefined;
    const running = p.supervisor ? sameProcess(p.supervisor.pid, p.supervisor.start) : pidAlive(p.leader);
    return { pid: p.leader, running };
  }

  /** The last lines of a node's log. */
  logs(node: string): string {
    return logTail(node, this.logFile(node));
  }

  /** The supervised services, for the lab record. */
  records(): ServiceRecord[] {
    return [...this.#running].flatMap(([id, p]) =>
      p.supervisor
        ? [{ node: p.node, id, pid: p.supervisor.pid, start: p.supervisor.start, leader: p.supervisor.leader }]
        : [],
    );
  }

  /**
   * The services a lab's record lists, taken over with the lab (`netl attach`): `ps` shows them, and
   * undo and teardown end them, each only while its supervisor is the very process recorded.
   */
  adopt(services: readonly ServiceRecord[], world: World): void {
    const commands = new Map(
      [...world.nodes.values()].flatMap((n) => (n.processes ?? []).map((p) => [p.id, p.command])),
    );
    for (const s of services) {
      const command = commands.get(s.id);
      if (command === undefined) continue;
      const supervisor = { pid: s.pid, start: s.start, leader: s.leader ?? s.pid };
      this.#running.set(s.id, { node: s.node, command, leader: supervisor.leader, supervisor });
    }
  }

  /** Every process still known, ended. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#running.keys()].map((id) => this.stop(id)));
  }
}

/**
 * `netl down` and `netl clean`: end the services a lab record lists, each only while its supervisor
 * is the very process recorded. One line per service ended.
 */
export async function endRecordedServices(services: readonly ServiceRecord[]): Promise<string[]> {
  const ended = await Promise.all(services.map(async (s) => ((await endSupervised(s)) ? s : undefined)));
  return ended.flatMap((s) => (s ? [`ended spawn #${s.id} in ${s.node} (supervisor pid ${s.pid})`] : []));
}
