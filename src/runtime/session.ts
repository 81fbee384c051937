// A Session is the engine of one live lab: it owns the lab's timeline (World, undo and redo), its lock
// and record, and the executor that changes the kernel. It is handed transitions, already checked by
// the interpreter, and carries each into the kernel all or nothing; it knows no statement and writes
// no words (the driver, src/driver/, does both).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fail, type NetlError, netlError, ok, type Result, type Span } from "../diagnostic.js";
import { hostStem } from "../interpreter/host-names.js";
import type { MachineFacts } from "../interpreter/machine.js";
import { failureText, nameFailures } from "../interpreter/ops/failures.js";
import { invertAll } from "../interpreter/ops/inverse.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import type { Query } from "../interpreter/plan.js";
import { teardownOps } from "../interpreter/teardown.js";
import { emptyTimeline, type Timeline, type Transition, undo } from "../interpreter/timeline.js";
import type { World } from "../interpreter/world.js";
import type { Answer } from "./answer.js";
import { type ApplyContext, applyAll, applyForce } from "./apply.js";
import { BatchPids, batchesPath } from "./batch-pids.js";
import { Captures } from "./captures.js";
import { recheckHostAddresses } from "./host-recheck.js";
import { acquireLock, logDir, pidAlive, readRecord } from "./lab-record.js";
import { endingLines, endProcessesIn } from "./lingering.js";
import { readMachine } from "./machine.js";
import { machineClaims, requireFreeOnMachine, stillHeld } from "./machine-claims.js";
import { answer } from "./queries.js";
import { applyFailure, requireNamespacesFree, rollbackHint } from "./refusals.js";
import { LabBook } from "./session-record.js";
import { namespaceName, type SessionOptions } from "./session-types.js";
import { SpawnedProcesses } from "./spawned.js";
import { Strays } from "./strays.js";

export { namespaceName, type SessionOptions } from "./session-types.js";

export class Session {
  #timeline: Timeline = emptyTimeline;
  /** What `spawn` started, and their logs. */
  readonly #procs: SpawnedProcesses;
  /** What `capture` started. */
  readonly #captures: Captures;
  /** The pids of its batches in flight, on disk for a `netl down` after a SIGKILL. */
  readonly #batches: BatchPids;
  readonly #book: LabBook;
  readonly nsName: NsName;
  /** The start of this lab's interface names on the machine. */
  readonly stem: string;

  private constructor(
    readonly options: SessionOptions,
    private readonly releaseLock: () => void,
  ) {
    this.nsName = namespaceName(options.prefix);
    this.stem = hostStem(options.lab, options.prefix);
    const strays = new Strays(this.nsName, {
      netnsDir: this.netnsDir,
      ...(options.sysNetDir ? { sysNetDir: options.sysNetDir } : {}),
    });
    this.#book = new LabBook(options, this.nsName, strays);
    this.#batches = new BatchPids(batchesPath(options.runDir, options.lab));
    this.#procs = new SpawnedProcesses(options.executor, logDir(options.runDir, options.lab));
    this.#captures = new Captures(options.executor, options.onCapture);
  }

  /** Lock the lab; refuse one that is already up (its record lists namespaces). */
  static open(options: SessionOptions): Result<Session> {
    const lock = acquireLock(options.runDir, options.lab);
    if (!lock.ok) return lock;
    const existing = readRecord(options.runDir, options.lab);
    const held = (existing?.hostInterfaces?.length ?? 0) + (existing?.moved?.length ?? 0);
    if (existing && existing.namespaces.length + held > 0) {
      lock.value();
      return fail(
        netlError(
          "usage",
          "lab-exists",
          `lab '${options.lab}' is already up (${existing.namespaces.length} namespace${existing.namespaces.length === 1 ? "" : "s"})`,
          {
            hint: `take it down first: netl down ${options.lab}`,
          },
        ),
      );
    }
    return ok(new Session(options, lock.value));
  }

  /**
   * Take over a lab that is up and whose netl has ended (`netl attach`), as `world` says it is: its
   * history starts here. Whatever the record lists beyond the World (a failed rollback's leftovers)
   * stays listed; the record names this netl from now on.
   */
  static attach(options: SessionOptions, world: World): Result<Session> {
    const lock = acquireLock(options.runDir, options.lab);
    if (!lock.ok) return lock;
    const record = readRecord(options.runDir, options.lab);
    const refuse = (code: string, message: string, hint: string) => {
      lock.value();
      return fail<Session>(netlError("usage", code, message, { hint }));
    };
    if (record === undefined)
      return refuse("no-lab", `no lab '${options.lab}' is up`, "netl ls lists the labs that are up");
    if (record.pid !== process.pid && pidAlive(record.pid))
      return refuse(
        "lab-in-use",
        `lab '${options.lab}' is in use by its netl (pid ${record.pid})`,
        "work in it there, or end that netl first",
      );
    const session = new Session(options, lock.value);
    session.#timeline = { ...emptyTimeline, world };
    const mine = new Set(session.namespaces);
    for (const ns of record.namespaces)
      if (!mine.has(ns) && existsSync(join(session.netnsDir, ns))) session.#book.strays.namespaces.add(ns);
    const ends = new Set(session.#book.claims(world).hostInterfaces);
    for (const name of record.hostInterfaces ?? []) if (!ends.has(name)) session.#book.strays.hostInterfaces.add(name);
    session.#book.writeFor(world);
    return ok(session);
  }

  get world(): World {
    return this.#timeline.world;
  }

  get timeline(): Timeline {
    return this.#timeline;
  }

  private get netnsDir(): string {
    return this.options.netnsDir ?? "/run/netns";
  }

  /** The machine as it is now, for a statement that touches it. */
  readMachine(): Promise<Result<MachineFacts>> {
    return readMachine(this.options.executor, this.stem);
  }

  /**
   * Carry transitions, one after another from this very timeline, into the kernel as one change; the
   * timeline moves to the last one's end only if the kernel took all of it. `span`: what errors point at.
   */
  async commit(transitions: readonly Transition[], span: Span, signal?: AbortSignal): Promise<Result<void>> {
    const last = transitions.at(-1);
    if (last === undefined) return ok(undefined);
    const applied = await this.apply(
      transitions.flatMap((tr) => tr.ops),
      span,
      last.next.world,
      signal,
    );
    if (!applied.ok) return applied;
    this.#timeline = last.next;
    this.#book.writeFor(this.world);
    return ok(undefined);
  }

  /** Return the kernel and the timeline to `start`, an earlier point of this timeline (part of a block went in). */
  async rollBackTo(start: Timeline): Promise<Partial<NetlError>> {
    const count = this.#timeline.done.size - start.done.size;
    const back = undo(this.#timeline, count);
    await this.endLingering(back.ops);
    const failures = await applyForce(back.ops, this.context());
    if (failures.length > 0) this.#book.strays.note([this.world, start.world], start.world);
    this.#timeline = start;
    this.#book.writeFor(this.world);
    if (failures.length === 0) return {};
    const steps = back.ops.length === 1 ? "1 step" : `${back.ops.length} steps`;
    return {
      rollbackFailures: nameFailures(failures, back.ops, this.nsName),
      hint: rollbackHint(this.options.lab, steps),
    };
  }

  /** Rewrite the history without touching the kernel: `t` must stand at this very World (a block folded into one step). */
  rewrite(t: Timeline): void {
    if (t.world !== this.world) throw new Error("Session.rewrite: a history that ends at another World");
    this.#timeline = t;
    this.#book.writeFor(this.world);
  }

  private context(signal?: AbortSignal): ApplyContext {
    return {
      executor: this.options.executor,
      nsName: this.nsName,
      ...(this.options.onCommand ? { onCommand: this.options.onCommand } : {}),
      procs: this.#procs,
      captures: this.#captures,
      batches: this.#batches,
      ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  /** Apply ops all or nothing, keeping the lab record a superset of what exists. */
  private async apply(ops: readonly Op[], span: Span, next: World, signal?: AbortSignal): Promise<Result<void>> {
    if (ops.length === 0) return ok(undefined);
    const creating = ops.flatMap((op) => (op.kind === "netns.add" ? [this.nsName(op.node)] : []));
    const owned = new Set(this.namespaces);
    const free0 = requireNamespacesFree(creating, owned, this.netnsDir, span);
    if (!free0.ok) return free0;
    const free = requireFreeOnMachine(ops, span, this.options.sysNetDir);
    if (!free.ok) return free;
    const clear = await recheckHostAddresses(ops, this.world, next, this.options.executor, this.stem, span);
    if (!clear.ok) return clear;
    const both = [this.world, next];
    this.#book.write([...new Set([...owned, ...creating])], machineClaims(both, this.nsName));
    // Spawned processes this change ends go as themselves (their proc.stop then finds them gone),
    // before anything else still running in a namespace the change deletes.
    await Promise.all(
      ops.flatMap((op) =>
        op.kind !== "proc.stop" ? [] : [op.capture ? this.#captures.stop(op.id) : this.#procs.stop(op.id)],
      ),
    );
    await this.endLingering(ops);
    const outcome = await applyAll(ops, this.context(signal));
    // The record written before covers what this change created until the caller moves the timeline
    // and writes it anew.
    if (outcome.ok) return ok(undefined);
    // What a failed rollback could not remove stays in the record, for `netl down` and teardown.
    if (outcome.rollbackFailures.length > 0) this.#book.strays.note(both, this.world);
    this.#book.writeFor(this.world);
    const rollbackFailures = nameFailures(outcome.rollbackFailures, invertAll(ops), this.nsName);
    return fail(applyFailure({ ...outcome, rollbackFailures }, span, this.options.lab));
  }

  /** End what still runs in the namespaces these ops delete (`exec A cmd &`), and tell onNote. */
  private async endLingering(ops: readonly Op[]): Promise<void> {
    const nodes = new Map(ops.flatMap((op) => (op.kind === "netns.del" ? [[this.nsName(op.node), op.node]] : [])));
    if (nodes.size === 0) return;
    const ending = await endProcessesIn([...nodes.keys()], { netnsDir: this.netnsDir });
    for (const line of endingLines(ending, (ns) => nodes.get(ns) ?? ns)) this.options.onNote?.(line);
  }

  /** Answer a query in the kernel; it changes nothing netl tracks. */
  ask(query: Query, signal?: AbortSignal): Promise<Answer> {
    return answer(query, this.options.executor, this.nsName, signal, this.#procs, this.#captures);
  }

  /** How many captures run now. */
  get capturing(): number {
    return this.#captures.running;
  }

  /** End the captures still running (a Ctrl-C with nothing else to stop); how many there were. */
  stopCaptures(): Promise<number> {
    return this.#captures.stopAll();
  }

  /**
   * Remove everything the lab owns: moved interfaces go home with their state before their
   * namespaces go, host ends are deleted by name. Returns the namespaces removed and any failure.
   */
  async teardown(): Promise<{ removed: string[]; failures: string[] }> {
    const mine = this.namespaces;
    const claims = this.#book.claims(this.world);
    const ops = teardownOps(this.world);
    // What `spawn` and `capture` started ends first, as itself; then anything else still running in the lab.
    await this.#procs.stopAll();
    await this.#captures.stopAll();
    await this.endLingering(ops);
    const failures = nameFailures(await applyForce(ops, this.context()), ops, this.nsName);
    // What a rollback failed to remove earlier goes too (by the names the record keeps).
    failures.push(...(await this.#book.strays.remove(this.options.executor, this.options.onNote)));
    this.#timeline = emptyTimeline;
    // Whatever would not go stays in the record, for `netl down` to try again: ask the machine, not the error text.
    const left = mine.filter((ns) => existsSync(join(this.netnsDir, ns)));
    this.#book.keepOrRemove(left, stillHeld(claims, this.netnsDir, this.options.sysNetDir));
    const removed = mine.filter((ns) => !left.includes(ns));
    return { removed, failures: failures.map(failureText) };
  }

  /** Release the lab: tear it down unless kept (then its record stays for `netl down`). */
  async close(keep: boolean): Promise<{ removed: string[]; failures: string[] }> {
    try {
      if (!keep) return await this.teardown();
      // A capture prints to this netl: it never outlives it, even in a lab kept up.
      await this.#captures.stopAll();
      this.#book.keepOrRemove(this.namespaces, this.#book.claims(this.world));
      return { removed: [], failures: [] };
    } finally {
      this.releaseLock();
    }
  }

  /** Kernel names of the namespaces the lab holds: the World's, and any a failed rollback left behind. */
  get namespaces(): string[] {
    return this.#book.namespaces(this.world);
  }
}
