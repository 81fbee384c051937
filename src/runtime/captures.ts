// What `capture` started: tcpdump in a node's namespace, each packet handed on as it passes (read into
// a packet by capture-lines.ts), or written into a pcap file netl opened safely. Ended by its count,
// by netl (undo, `del`, Ctrl-C at the prompt, teardown, netl leaving), never left running.
import { closeSync } from "node:fs";
import type { FailedCommand } from "../diagnostic.js";
import { tcpdumpArgv } from "../interpreter/capture.js";
import type { CaptureSpec, Op } from "../interpreter/ops/types.js";
import { type Packet, parsePacketLine } from "./capture-lines.js";
import type { Executor } from "./executor.js";
import { pidAlive } from "./lab-record.js";
import { openToWrite } from "./safe-open.js";
import type { SpawnedProcesses } from "./spawned.js";

export type CaptureEvent =
  | {
      readonly kind: "packet";
      readonly id: number;
      readonly node: string;
      /** The interface it passed (the one captured, or with `capture A` the one tcpdump names). */
      readonly ifname: string;
      /** Seconds since the capture's first packet. */
      readonly elapsed: number;
      readonly packet: Packet;
    }
  | {
      readonly kind: "end";
      readonly id: number;
      readonly node: string;
      readonly ifname: string;
      /** Packets seen (or, to a file, written). */
      readonly packets: number;
      readonly file?: string;
    };

interface Running {
  readonly pid: number;
  readonly ended: Promise<unknown>;
  /** When its last line came: a capture busy printing is let finish the packets already seen. */
  readonly last: () => number;
}

const GRACE_MS = 1000;
/** tcpdump stops at SIGINT without printing what it has read and not yet shown: wait for a quiet moment first. */
const DRAIN_MS = 100;
const DRAIN_AT_MOST_MS = 1000;
const READY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CAPTURED = /(\d+) packets? captured/;

export class Captures {
  readonly #running = new Map<number, Running>();

  constructor(
    private readonly executor: Executor,
    private readonly onEvent: ((e: CaptureEvent) => void) | undefined,
  ) {}

  /** How many run now. */
  get running(): number {
    return this.#running.size;
  }

  has(id: number): boolean {
    return this.#running.has(id);
  }

  /** Start tcpdump in `ns` and wait until it listens, so that what comes next is seen. */
  async start(ns: string, id: number, node: string, spec: CaptureSpec): Promise<FailedCommand | undefined> {
    const argv = ["ip", "netns", "exec", ns, ...tcpdumpArgv(spec, spec.file === undefined ? undefined : "-")];
    if (this.executor.watch === undefined) return { argv, stderr: "this executor cannot start a capture" };
    let fd: number | undefined;
    if (spec.file !== undefined) {
      const opened = openToWrite(spec.file);
      if (!opened.ok) return { argv, stderr: `cannot write ${spec.file}: ${opened.why}` };
      fd = opened.fd;
    }
    const ifname = spec.ifname ?? "any";
    let first: number | undefined;
    let packets = 0;
    let last = Date.now();
    const onLine = (line: string) => {
      last = Date.now();
      const read = parsePacketLine(line);
      if (read === undefined) return;
      packets++;
      first ??= read.at;
      const at = read.ifname ?? ifname;
      this.onEvent?.({ kind: "packet", id, node, ifname: at, elapsed: read.at - first, packet: read.packet });
    };
    try {
      const w = await this.executor.watch(argv, {
        ...(fd === undefined ? { onLine } : { stdoutFd: fd }),
        ready: /listening on/,
        readyTimeoutMs: READY_MS,
      });
      const ended = w.ended.then(({ stderr }) => {
        this.#running.delete(id);
        const counted = fd === undefined ? packets : Number(CAPTURED.exec(stderr)?.[1] ?? 0);
        this.onEvent?.({ kind: "end", id, node, ifname, packets: counted, ...(spec.file ? { file: spec.file } : {}) });
      });
      this.#running.set(id, { pid: w.pid, ended, last: () => last });
      return undefined;
    } catch (e) {
      return { argv, stderr: e instanceof Error ? e.message : String(e) };
    } finally {
      // tcpdump has the file open for itself now (or never will).
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** End capture `id` (SIGINT, as Ctrl-C would: tcpdump says what it saw), then SIGKILL after a grace period. */
  async stop(id: number): Promise<undefined> {
    const c = this.#running.get(id);
    if (c === undefined) return undefined;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-c.pid, s);
      } catch {}
    };
    for (const start = Date.now(); Date.now() - c.last() < DRAIN_MS && Date.now() - start < DRAIN_AT_MOST_MS; )
      await sleep(DRAIN_MS / 4);
    signal("SIGINT");
    const ended = await Promise.race([c.ended.then(() => true), sleep(GRACE_MS).then(() => false)]);
    if (!ended && pidAlive(c.pid)) signal("SIGKILL");
    await c.ended;
    return undefined;
  }

  /** pid and whether it runs, for `ps`. */
  status(id: number): { pid: number; running: boolean } | undefined {
    const c = this.#running.get(id);
    return c === undefined ? undefined : { pid: c.pid, running: pidAlive(c.pid) };
  }

  /** End every capture still running; how many there were. */
  async stopAll(): Promise<number> {
    const ids = [...this.#running.keys()];
    await Promise.all(ids.map((id) => this.stop(id)));
    return ids.length;
  }
}

/**
 * Before a change runs: what it ends of `spawn` and `capture` goes as itself (its proc.stop then finds
 * it gone), before anything else still running in a namespace the change deletes.
 */
export async function endStarted(ops: readonly Op[], procs: SpawnedProcesses, captures?: Captures): Promise<void> {
  await Promise.all(
    ops.flatMap((op) => (op.kind !== "proc.stop" ? [] : [op.capture ? captures?.stop(op.id) : procs.stop(op.id)])),
  );
}
