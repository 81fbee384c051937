// A Session owns one live lab: its timeline (World, undo and redo), its lock and record, and the
// executor that changes the kernel. Statements go in one at a time; each change is all-or-nothing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FileStmt, ForStmt, Statement } from "../../grammar/ast.js";
import { type Expanded, expandFor, placeIn } from "../../grammar/loops.js";
import { fail, type NetlError, netlError, ok, type Result, type Span } from "../diagnostic.js";
import { hostStem } from "../interpreter/host-names.js";
import { isEvaluable } from "../interpreter/index.js";
import { type MachineFacts, needsMachine } from "../interpreter/machine.js";
import { failureText, nameFailures } from "../interpreter/ops/failures.js";
import { invertAll } from "../interpreter/ops/inverse.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import type { Query } from "../interpreter/plan.js";
import type { Planned } from "../interpreter/program.js";
import { notInLoop, step } from "../interpreter/step.js";
import { teardownOps } from "../interpreter/teardown.js";
import { emptyTimeline, historyLines, record, type Timeline, type Transition, undo } from "../interpreter/timeline.js";
import type { World } from "../interpreter/world.js";
import { helpText } from "../present/help.js";
import { type ApplyContext, applyAll, applyForce } from "./apply.js";
import { BatchPids, batchesPath } from "./batch-pids.js";
import { loadFile, saveFile } from "./files.js";
import { recheckHostAddresses } from "./host-recheck.js";
import { acquireLock, type LabRecord, logDir, readRecord, removeRecord, writeRecord } from "./lab-record.js";
import { endingLines, endProcessesIn } from "./lingering.js";
import { readMachine } from "./machine.js";
import { type MachineClaims, machineClaims, requireFreeOnMachine, stillHeld } from "./machine-claims.js";
import { answer } from "./queries.js";
import { applyFailure, requireNamespacesFree, rollbackHint } from "./refusals.js";
import { Requirements } from "./requirements.js";
import { namespaceName, type Outcome, type SessionOptions } from "./session-types.js";
import { SpawnedProcesses } from "./spawned.js";
import { Strays } from "./strays.js";

export { namespaceName, type Outcome, type SessionOptions } from "./session-types.js";

/** Statements a script may run together in one kernel change (see `executeChanges`). */
const GROUPABLE: ReadonlySet<string> = new Set(["ns", "router", "switch", "link", "addr", "route", "route-auto"]);

export class Session {
  #timeline: Timeline = emptyTimeline;
  /** What the kernel and machine have (netem, nft), asked when first needed. */
  readonly #needs: Requirements;
  /** What `spawn` started, and their logs. */
  readonly #procs: SpawnedProcesses;
  /** The pids of its batches in flight, on disk for a `netl down` after a SIGKILL. */
  readonly #batches: BatchPids;
  readonly #strays: Strays;
  /** What the lab record on disk holds (namespaces and claims), as last written by this session. */
  #recorded: string | undefined;
  /** Whether kernel commands are printed as they run. */
  explain: boolean;
  readonly nsName: NsName;
  /** The start of this lab's interface names on the machine. */
  readonly stem: string;

  private constructor(
    readonly options: SessionOptions,
    private readonly releaseLock: () => void,
  ) {
    this.nsName = namespaceName(options.prefix);
    this.stem = hostStem(options.lab, options.prefix);
    this.#strays = new Strays(this.nsName, {
      netnsDir: options.netnsDir ?? "/run/netns",
      ...(options.sysNetDir ? { sysNetDir: options.sysNetDir } : {}),
    });
    this.explain = options.explain ?? false;
    this.#needs = new Requirements(options.executor);
    this.#batches = new BatchPids(batchesPath(options.runDir, options.lab));
    this.#procs = new SpawnedProcesses(options.executor, logDir(options.runDir, options.lab));
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
          `lab '${options.lab}' is already up (${existing.namespaces.length} namespaces)`,
          {
            hint: `take it down first: netl down ${options.lab}`,
          },
        ),
      );
    }
    return ok(new Session(options, lock.value));
  }

  get world(): World {
    return this.#timeline.world;
  }

  get timeline(): Timeline {
    return this.#timeline;
  }

  /** Run one statement; `text` is how it was written (for `history`). Aborting rolls a change back. */
  async execute(stmt: Statement, text: string, signal?: AbortSignal): Promise<Result<Outcome>> {
    switch (stmt.kind) {
      case "history":
        return ok({ kind: "text", text: historyLines(this.#timeline).join("\n") });
      case "help":
        return ok({ kind: "text", text: helpText(stmt.topic?.text) });
      case "explain":
        this.explain = stmt.on;
        return ok({ kind: "text", text: `explain ${stmt.on ? "on: each ip command is printed as it runs" : "off"}` });
      case "save":
        return saveFile(this.world, stmt);
      case "load":
        return this.load(stmt, text, signal);
      case "for":
        return this.loop(stmt, text, signal);
      default:
        return this.lab(stmt, text, signal);
    }
  }

  /**
   * A script's next statements as one kernel change, where they allow it: consecutive changes that
   * need no reading of the machine are planned through the timeline (each stays its own undo step)
   * and applied together — one creation batch and one batch per namespace for the lot, the lab record
   * written once before and once after. `outcomes` holds one per statement that went in (none: run
   * the next statement with `execute`). If anything refuses the group it is rolled back whole and
   * `singly` says how many statements to run one at a time, so the error names the statement at
   * fault; an interrupt or a failed rollback is reported as is.
   */
  async executeChanges(
    items: readonly { readonly stmt: Statement; readonly text: string; readonly planned?: Planned | undefined }[],
    from = 0,
    signal?: AbortSignal,
  ): Promise<Result<{ outcomes: Outcome[]; singly: number }>> {
    let t = this.#timeline;
    const transitions: Transition[] = [];
    for (let i = from; i < items.length; i++) {
      const { stmt, text, planned } = items[i] as (typeof items)[number];
      if (!GROUPABLE.has(stmt.kind) || needsMachine(stmt)) break;
      // Needs netem or nft not known to be there yet: it runs alone, so a refusal names it.
      if (!this.#needs.known(stmt)) break;
      // Checked from this very timeline (the script's check, program.ts): stepping it again would give
      // the same transition (these statements read nothing of the machine), so it is taken as it is.
      const tr = planned?.before === t ? planned.transition : this.stepped(t, stmt, text);
      if (tr === undefined) break;
      transitions.push(tr);
      t = tr.next;
    }
    const first = items[from]?.stmt;
    const last = items[from + transitions.length - 1]?.stmt;
    if (transitions.length < 2 || first === undefined || last === undefined) return ok({ outcomes: [], singly: 0 });
    // Errors point at the whole group: an interrupt names the lines that were going in together.
    const span = {
      ...first.span,
      endLine: last.span.endLine,
      endCol: last.span.endCol,
      endOffset: last.span.endOffset,
    };
    const applied = await this.apply(
      transitions.flatMap((tr) => tr.ops),
      span,
      t.world,
      signal,
    );
    if (!applied.ok) {
      if (applied.error.code === "interrupted" || (applied.error.rollbackFailures?.length ?? 0) > 0) return applied;
      return ok({ outcomes: [], singly: transitions.length });
    }
    this.#timeline = t;
    this.writeRecord(this.ownedNamespaces());
    return ok({ outcomes: transitions.map((tr) => ({ kind: "change", summary: tr.summary })), singly: 0 });
  }

  /** A groupable statement stepped from `t`: its transition, or undefined when it is refused or moves nothing. */
  private stepped(t: Timeline, stmt: Statement, text: string): Transition | undefined {
    const next = step(t, stmt, text, undefined, { stem: this.stem });
    return next.ok && next.value.kind === "transition" ? next.value.transition : undefined;
  }

  /** The machine as it is now, for a statement that touches it; else only this lab's name stem. */
  private async machine(stmt: Statement): Promise<Result<MachineFacts>> {
    return needsMachine(stmt) ? readMachine(this.options.executor, this.stem) : ok({ stem: this.stem });
  }

  /** What the kernel must have for these statements (netem, nft), asked before a script runs any of them. */
  requireKernelFor(statements: readonly Statement[]): Promise<Result<void>> {
    return this.#needs.checkAll(statements);
  }

  private async lab(stmt: Statement, text: string, signal?: AbortSignal): Promise<Result<Outcome>> {
    const needs = await this.#needs.check(stmt);
    if (!needs.ok) return needs;
    const machine = await this.machine(stmt);
    if (!machine.ok) return { ...machine, error: { ...machine.error, span: stmt.span } };
    const next = step(this.#timeline, stmt, text, undefined, machine.value);
    if (!next.ok) return next;
    if (next.value.kind === "query") return ok(await this.ask(next.value.query, signal));
    if (next.value.kind === "none") return ok({ kind: "text", text: "" });
    return this.move(next.value.transition, stmt, signal);
  }

  /** `load "FILE"`: its statements run here in order; the changes become one undo step, or none on failure. */
  private async load(stmt: FileStmt, text: string, signal?: AbortSignal): Promise<Result<Outcome>> {
    const file = loadFile(stmt);
    if (!file.ok) return file;
    const source = { name: stmt.path, text: file.value.text };
    return this.runBlock(
      file.value.statements.map((inner) => ({ stmt: inner, source })),
      text,
      signal,
    );
  }

  /** `for i in 1..N { … }`: the iterations' statements run here in order, as one undo step. */
  private async loop(stmt: ForStmt, text: string, signal?: AbortSignal): Promise<Result<Outcome>> {
    const expanded = expandFor(stmt);
    if (!expanded.ok) return expanded;
    const bad = expanded.value.find((e) => !isEvaluable(e.stmt));
    if (bad !== undefined) return fail(placeIn(notInLoop(bad.stmt, bad.source), bad));
    return this.runBlock(expanded.value, text, signal);
  }

  /** Statements run one by one (queries answered), their changes folded into one undo step; all taken back on a failure. */
  private async runBlock(
    items: readonly {
      readonly stmt: Statement;
      readonly source: { name: string; text: string };
      readonly at?: Expanded["at"];
    }[],
    text: string,
    signal?: AbortSignal,
  ): Promise<Result<Outcome>> {
    const start = this.#timeline;
    const changes = [];
    const steps: { text: string; outcome: Outcome }[] = [];
    for (const item of items) {
      const { stmt: inner, source } = item;
      const innerText = source.text.slice(inner.span.offset, inner.span.endOffset);
      const before = this.#timeline;
      const r = await this.lab(inner, innerText, signal);
      if (!r.ok) {
        const undone = await this.takeBack(start);
        const error = r.error.source ? r.error : { ...r.error, source };
        const placed = item.at && !r.error.source ? placeIn(error, { ...item, at: item.at }) : error;
        return fail({ ...placed, ...undone });
      }
      steps.push({ text: innerText, outcome: r.value });
      if (this.#timeline !== before) changes.push(this.#timeline.done.peek()?.change);
    }
    // The block's changes, folded into one undo step.
    const made = changes.filter((c) => c !== undefined);
    const combined = {
      before: start.world,
      after: this.world,
      ops: made.flatMap((c) => c.ops),
      summary: made.flatMap((c) => c.summary),
    };
    this.#timeline = made.length > 0 ? record(start, combined, text).next : start;
    this.writeRecord(this.ownedNamespaces());
    return ok({ kind: "load", steps });
  }

  /** Return the kernel and the timeline to `start` after part of a `load` went in. */
  private async takeBack(start: Timeline): Promise<Partial<NetlError>> {
    const count = this.#timeline.done.size - start.done.size;
    const back = undo(this.#timeline, count);
    await this.endLingering(back.ops);
    const failures = await applyForce(back.ops, this.context());
    if (failures.length > 0) this.#strays.note([this.world, start.world], start.world);
    this.#timeline = start;
    this.writeRecord(this.ownedNamespaces());
    if (failures.length === 0) return {};
    const steps = back.ops.length === 1 ? "1 step" : `${back.ops.length} steps`;
    return {
      rollbackFailures: nameFailures(failures, back.ops, this.nsName),
      hint: rollbackHint(this.options.lab, steps),
    };
  }

  /** Carry a transition into the kernel; the timeline moves only if the kernel took all of it. */
  private async move(tr: Transition, stmt: Statement, signal?: AbortSignal): Promise<Result<Outcome>> {
    const applied = await this.apply(tr.ops, stmt.span, tr.next.world, signal);
    if (!applied.ok) return applied;
    this.#timeline = tr.next;
    this.writeRecord(this.ownedNamespaces());
    return ok({ kind: "change", summary: tr.summary });
  }

  private context(signal?: AbortSignal): ApplyContext {
    return {
      executor: this.options.executor,
      nsName: this.nsName,
      onCommand: (argv) => {
        if (this.explain) this.options.onCommand?.(argv);
      },
      procs: this.#procs,
      batches: this.#batches,
      ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  /** Apply ops all or nothing, keeping the lab record a superset of what exists. */
  private async apply(ops: readonly Op[], span: Span, next: World, signal?: AbortSignal): Promise<Result<void>> {
    if (ops.length === 0) return ok(undefined);
    const creating = ops.flatMap((op) => (op.kind === "netns.add" ? [this.nsName(op.node)] : []));
    const owned = new Set(this.ownedNamespaces());
    const free0 = requireNamespacesFree(creating, owned, this.options.netnsDir ?? "/run/netns", span);
    if (!free0.ok) return free0;
    const free = requireFreeOnMachine(ops, span, this.options.sysNetDir);
    if (!free.ok) return free;
    const clear = await recheckHostAddresses(ops, this.world, next, this.options.executor, this.stem, span);
    if (!clear.ok) return clear;
    const both = [this.world, next];
    this.writeRecord([...new Set([...owned, ...creating])], machineClaims(both, this.nsName));
    // Spawned processes this change ends go as themselves (their proc.stop then finds them gone),
    // before anything else still running in a namespace the change deletes.
    await Promise.all(ops.flatMap((op) => (op.kind === "proc.stop" ? [this.#procs.stop(op.id)] : [])));
    await this.endLingering(ops);
    const outcome = await applyAll(ops, this.context(signal));
    // The record written before covers what this change created until the caller moves the timeline
    // and writes it anew.
    if (outcome.ok) return ok(undefined);
    // What a failed rollback could not remove stays in the record, for `netl down` and teardown.
    if (outcome.rollbackFailures.length > 0) this.#strays.note(both, this.world);
    this.writeRecord(this.ownedNamespaces());
    const rollbackFailures = nameFailures(outcome.rollbackFailures, invertAll(ops), this.nsName);
    return fail(applyFailure({ ...outcome, rollbackFailures }, span, this.options.lab));
  }

  /** End what still runs in the namespaces these ops delete (`exec A cmd &`), and say so. */
  private async endLingering(ops: readonly Op[]): Promise<void> {
    const nodes = new Map(ops.flatMap((op) => (op.kind === "netns.del" ? [[this.nsName(op.node), op.node]] : [])));
    if (nodes.size === 0) return;
    const ending = await endProcessesIn([...nodes.keys()], { netnsDir: this.options.netnsDir ?? "/run/netns" });
    for (const line of endingLines(ending, (ns) => nodes.get(ns) ?? ns)) this.options.onNote?.(line);
  }

  ask(query: Query, signal?: AbortSignal): Promise<Outcome> {
    return answer(query, this.options.executor, this.nsName, signal, this.#procs);
  }

  /**
   * Remove everything the lab owns: moved interfaces go home with their state before their
   * namespaces go, host ends are deleted by name. Returns the namespaces removed and any failure.
   */
  async teardown(): Promise<{ removed: string[]; failures: string[] }> {
    const mine = this.ownedNamespaces();
    const claims = this.claims();
    const ops = teardownOps(this.world);
    // What `spawn` started ends first, as itself; then anything else still running in the lab.
    await this.#procs.stopAll();
    await this.endLingering(ops);
    const failures = nameFailures(await applyForce(ops, this.context()), ops, this.nsName);
    // What a rollback failed to remove earlier goes too (by the names the record keeps).
    failures.push(...(await this.#strays.remove(this.options.executor, this.options.onNote)));
    this.#timeline = emptyTimeline;
    // Whatever would not go stays in the record, for `netl down` to try again: ask the machine, not the error text.
    const netnsDir = this.options.netnsDir ?? "/run/netns";
    const left = mine.filter((ns) => existsSync(join(netnsDir, ns)));
    const held = stillHeld(claims, netnsDir, this.options.sysNetDir);
    if (left.length + held.hostInterfaces.length + held.moved.length === 0)
      removeRecord(this.options.runDir, this.options.lab);
    else this.writeRecord(left, held);
    const removed = mine.filter((ns) => !left.includes(ns));
    return { removed, failures: failures.map(failureText) };
  }

  /** Release the lab: tear it down unless kept (then its record stays for `netl down`). */
  async close(keep: boolean): Promise<{ removed: string[]; failures: string[] }> {
    try {
      if (keep) {
        const held = this.claims();
        if (this.ownedNamespaces().length + held.hostInterfaces.length + held.moved.length === 0)
          removeRecord(this.options.runDir, this.options.lab);
        else this.writeRecord(this.ownedNamespaces());
        return { removed: [], failures: [] };
      }
      return await this.teardown();
    } finally {
      this.releaseLock();
    }
  }

  /** Kernel names of the namespaces the lab holds: the World's, and any a failed rollback left behind. */
  get namespaces(): readonly string[] {
    return this.ownedNamespaces();
  }

  /** The World's namespaces, and any a failed rollback left behind. */
  private ownedNamespaces(): string[] {
    return [...new Set([...[...this.world.nodes.keys()].map(this.nsName), ...this.#strays.namespaces])];
  }

  /** What the lab holds on the machine: what the World says, and host ends a failed rollback left behind. */
  private claims(): MachineClaims {
    const { hostInterfaces, moved } = machineClaims([this.world], this.nsName);
    return { hostInterfaces: [...new Set([...hostInterfaces, ...this.#strays.hostInterfaces])], moved };
  }

  /** `claims`: what the lab holds on the machine; by default, `claims()`. */
  /** Write the lab record, unless it would say what it says already (a link between two nodes changes none of it). */
  private writeRecord(namespaces: readonly string[], claims?: MachineClaims): void {
    const { hostInterfaces, moved } = claims ?? this.claims();
    const held = {
      namespaces,
      ...(hostInterfaces.length > 0 ? { hostInterfaces } : {}),
      ...(moved.length > 0 ? { moved } : {}),
    };
    const said = JSON.stringify(held);
    if (said === this.#recorded) return;
    const record: LabRecord = {
      version: 1,
      lab: this.options.lab,
      ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      pid: process.pid,
      updated: new Date().toISOString(),
      ...held,
    };
    writeRecord(this.options.runDir, record);
    this.#recorded = said;
  }
}
