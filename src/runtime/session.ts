// A Session is the engine of one live lab: it owns the lab's timeline (World, undo and redo), its lock
// and record, and the executor that changes the kernel. It is handed transitions, already checked by
// the interpreter, and carries each into the kernel all or nothing; it knows no statement and writes
// no words (the driver, src/driver/, does both).
import { fail, type NetlError, ok, type Result, type Span } from "../diagnostic.js";
import { hostStem } from "../interpreter/host-names.js";
import { type MachineFacts, touchesMachine } from "../interpreter/machine.js";
import { nameFailures } from "../interpreter/ops/failures.js";
import { invertAll } from "../interpreter/ops/inverse.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import type { Query } from "../interpreter/plan.js";
import { emptyTimeline, type Timeline, type Transition, undo } from "../interpreter/timeline.js";
import type { World } from "../interpreter/world.js";
import type { Answer } from "./answer.js";
import { type ApplyContext, applyAll, applyForce } from "./apply.js";
import { BatchPids, batchesPath } from "./batch-pids.js";
import { endStarted } from "./captures.js";
import { recheckHostAddresses } from "./host-recheck.js";
import { machineLinks } from "./identity.js";
import { logDir } from "./lab-record.js";
import { readMachine } from "./machine.js";
import { machineClaims, requireFreeOnMachine } from "./machine-claims.js";
import { MachineLock } from "./machine-lock.js";
import { requireOwn } from "./own-check.js";
import { type Parts, partsOf } from "./parts.js";
import { answer } from "./queries.js";
import { type ReadBack, readBack } from "./read-back.js";
import { applyFailure, requireNamespacesFree, rollbackHint } from "./refusals.js";
import { type At, type Each, pointer } from "./refused-at.js";
import { attachLock, openLock } from "./session-open.js";
import { LabBook } from "./session-record.js";
import { tearDown } from "./session-teardown.js";
import { applyContext, namespaceName, type SessionOptions } from "./session-types.js";
import { SpawnedProcesses } from "./spawned.js";

export { namespaceName, type SessionOptions } from "./session-types.js";

export class Session {
  #timeline: Timeline = emptyTimeline;
  /** What `spawn` started, and their logs. */
  readonly #procs: SpawnedProcesses;
  /** The pids of its batches in flight, on disk for a `netl down` after a SIGKILL. */
  readonly #batches: BatchPids;
  readonly #book: LabBook;
  /** The machine-wide lock around every check and change of the machine's own namespace. */
  readonly #machine: MachineLock;
  readonly nsName: NsName;
  /** The start of this lab's interface names on the machine. */
  readonly stem: string;

  private constructor(
    readonly options: SessionOptions,
    private readonly releaseLock: () => void,
  ) {
    this.nsName = namespaceName(options.prefix);
    this.stem = hostStem(options.lab, options.prefix);
    this.#book = new LabBook(options, this.nsName, this.netnsDir, () => this.#procs.records());
    this.#batches = new BatchPids(batchesPath(options.runDir, options.lab));
    this.#procs = new SpawnedProcesses(options.executor, logDir(options.runDir, options.lab), () =>
      this.#book.refresh(),
    );
    let told = false;
    this.#machine = new MachineLock(options.machineLock, undefined, (why) => {
      if (!told) options.onNote?.(why);
      told = true;
    });
  }

  /** Lock the lab; refuse a name that is not a lab name, and a lab that is already up. */
  static open(options: SessionOptions): Result<Session> {
    const lock = openLock(options);
    return lock.ok ? ok(new Session(options, lock.value)) : lock;
  }

  /**
   * Take over a lab that is up and whose netl has ended (`netl attach`), as `world` says it is: its
   * history starts here. What the record lists beyond the World (a failed rollback's leftovers) stays
   * listed, by the identities the record gives; the record names this netl from now on.
   */
  static attach(options: SessionOptions, world: World): Result<Session> {
    const opened = attachLock(options);
    if (!opened.ok) return opened;
    const session = new Session(options, opened.value.release);
    session.#timeline = { ...emptyTimeline, world };
    session.#book.seed(opened.value.record, world);
    session.#procs.adopt(opened.value.record.services ?? [], world);
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

  /** The machine as it is now, for a statement that touches it; `detail`: the interface a move takes, in full. */
  readMachine(detail?: string): Promise<Result<MachineFacts>> {
    return readMachine(this.options.executor, this.stem, detail);
  }

  /**
   * Run `fn` (a statement's read of the machine, its check and its commit) under the machine-wide lock:
   * no other netl changes the machine in between. Refused when another keeps the lock too long.
   */
  withMachine<T>(span: Span, fn: () => Promise<Result<T>>): Promise<Result<T>> {
    return this.#machine.around(span, fn);
  }

  /**
   * Carry transitions, one after another from this very timeline, into the kernel as one change; the
   * timeline moves to the last one's end only if the kernel took all of it. `span`: what errors point at;
   * `each` (a script's group): a refused line's own statement instead, told to `each.refused`.
   */
  async commit(changes: readonly Transition[], span: Span, signal?: AbortSignal, each?: Each): Promise<Result<void>> {
    const last = changes.at(-1);
    if (last === undefined) return ok(undefined);
    const at = each && pointer(changes, each);
    const applied = await this.apply(partsOf(changes), span, last.next.world, signal, at);
    if (!applied.ok) return applied;
    this.#timeline = last.next;
    this.#book.writeFor(this.world);
    this.options.onWorld?.(this.world);
    return ok(undefined);
  }

  /** Return the kernel and the timeline to `start`, an earlier point of this timeline (part of a block went in). */
  async rollBackTo(start: Timeline): Promise<Partial<NetlError>> {
    const count = this.#timeline.done.size - start.done.size;
    const back = undo(this.#timeline, count);
    await this.endLingering(back.ops);
    const force = () => applyForce(back.steps ?? [back.ops], this.context());
    const failures = back.ops.some(touchesMachine) ? await this.#machine.whileHeld(force) : await force();
    const worlds = [start.world, this.world];
    this.#timeline = start;
    const read = failures.length > 0 ? await this.readBack(worlds) : undefined;
    this.#book.writeFor(this.world);
    this.options.onWorld?.(this.world);
    if (read === undefined) return {};
    const steps = back.ops.length === 1 ? "1 step" : `${back.ops.length} steps`;
    return {
      rollbackFailures: nameFailures(failures, back.ops, this.nsName),
      hint: rollbackHint(this.options.lab, steps, read),
    };
  }

  /**
   * After a rollback the kernel refused in part: the kernel read back, and unless it is as `worlds[0]`
   * (where the rollback was going) after all, the model made to say what it holds, its history cleared
   * (its steps no longer fit the kernel). What the model still lacks stays in the record as strays.
   */
  private async readBack(worlds: readonly World[]): Promise<ReadBack> {
    const read = await readBack(this.options.executor, this.nsName, worlds);
    if (read.world !== undefined) this.#timeline = { ...emptyTimeline, world: read.world };
    this.#book.strays.note(worlds, this.world);
    return read;
  }

  /** Rewrite the history without touching the kernel: `t` must stand at this very World (a block folded into one step). */
  rewrite(t: Timeline): void {
    if (t.world !== this.world) throw new Error("Session.rewrite: a history that ends at another World");
    this.#timeline = t;
    this.#book.writeFor(this.world);
  }

  private context(signal?: AbortSignal): ApplyContext {
    return applyContext(this.options, this.nsName, this.#procs, this.#batches, this.#book.journal, signal);
  }

  /**
   * Apply ops all or nothing, each object the change works on checked to be the lab's own first. The
   * record lists what exists before, and the journal each namespace made, as soon as it exists.
   */
  private async apply(parts: Parts, span: Span, next: World, signal?: AbortSignal, at?: At): Promise<Result<void>> {
    const ops = parts.flat();
    if (ops.length === 0) return ok(undefined);
    const creating = ops.flatMap((op) => (op.kind === "netns.add" ? [this.nsName(op.node)] : []));
    const owned = this.namespaces;
    const free0 = requireNamespacesFree(creating, new Set(owned), this.netnsDir, span);
    if (!free0.ok) return free0;
    const change = () => this.change(parts, span, next, owned, signal, at);
    // The machine's own namespace: its check and its change under the machine-wide lock.
    return ops.some(touchesMachine) ? this.#machine.around(span, change) : change();
  }

  private async change(
    parts: Parts,
    span: Span,
    next: World,
    owned: readonly string[],
    signal?: AbortSignal,
    at?: At,
  ): Promise<Result<void>> {
    const ops = parts.flat();
    // The machine's interfaces by identity, read when the change works on the machine at all.
    const machine = ops.some(touchesMachine) ? await machineLinks(this.options.executor) : undefined;
    const taken = machine && ((name: string) => machine.has(name));
    const free = requireFreeOnMachine(ops, span, this.options.sysNetDir, taken);
    if (!free.ok) return free;
    const book = this.#book;
    const hostEnds = new Set(book.claims(this.world).hostInterfaces);
    const lab = this.options.lab;
    const own = requireOwn(
      ops,
      {
        lab,
        nsName: this.nsName,
        netnsDir: this.netnsDir,
        namespaces: owned,
        ns: (n) => book.ns(n),
        hostEnds,
        hostEnd: (n) => book.hostEnd(n),
        machine,
      },
      span,
    );
    if (!own.ok) return own;
    const clear = await recheckHostAddresses(ops, this.world, next, this.options.executor, this.stem, span);
    if (!clear.ok) return clear;
    book.learnMoved(ops, machine);
    const both = [this.world, next];
    book.write(owned, machineClaims(both, this.nsName));
    await endStarted(ops, this.#procs, this.options.captures);
    await this.endLingering(ops);
    const outcome = await applyAll(parts, this.context(signal));
    book.absorb();
    await book.learnHostEnds(ops, this.options.executor);
    // The caller moves the timeline and writes the record anew.
    if (outcome.ok) return ok(undefined);
    // What a failed rollback left: the model says it, or the record keeps it, for `netl down` and teardown.
    const read = outcome.rollbackFailures.length > 0 ? await this.readBack(both) : undefined;
    book.writeFor(this.world);
    const rollbackFailures = nameFailures(outcome.rollbackFailures, invertAll(ops), this.nsName);
    const its = rollbackFailures.length === 0 ? at?.(outcome) : undefined;
    const rolledBack = its?.rolledBack ?? outcome.rolledBack;
    return fail(applyFailure({ ...outcome, rollbackFailures, rolledBack }, its?.span ?? span, lab, read));
  }

  /** End what still runs in the namespaces these ops delete (`exec A cmd &`), and tell onNote. */
  private endLingering(ops: readonly Op[]): Promise<void> {
    return this.#book.endLingering(ops, this.options.onNote);
  }

  /** Answer a query in the kernel; it changes nothing netl tracks. */
  ask(query: Query, signal?: AbortSignal): Promise<Answer> {
    return answer(query, this.options.executor, this.nsName, signal, this.#procs, this.options.captures);
  }

  /**
   * Remove everything the lab made and still has by identity: moved interfaces go home with their
   * state before their namespaces go. Returns the namespaces removed and any failure.
   */
  async teardown(): Promise<{ removed: string[]; failures: string[] }> {
    // What `spawn` started ends first, as itself; then anything else still running in the lab.
    await this.#procs.stopAll();
    const world = this.world;
    this.#timeline = emptyTimeline;
    this.options.onWorld?.(this.world);
    const down = () =>
      tearDown(world, {
        lab: this.options.lab,
        book: this.#book,
        apply: this.context(),
        netnsDir: this.netnsDir,
        sysNetDir: this.options.sysNetDir,
        onNote: this.options.onNote,
        endLingering: (ops) => this.endLingering(ops),
      });
    // The machine's own namespace (host ends, interfaces going home) changes under the machine-wide lock.
    const claims = this.#book.claims(world);
    return claims.hostInterfaces.length + claims.moved.length > 0 ? this.#machine.whileHeld(down) : down();
  }

  /** Release the lab: tear it down unless kept (then its record stays for `netl down`). */
  async close(keep: boolean): Promise<{ removed: string[]; failures: string[] }> {
    try {
      if (!keep) return await this.teardown();
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
