// A Session owns one live lab: its World, its lock and record, and the executor that changes
// the kernel. Statements go in one at a time; each change is applied all-or-nothing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Statement } from "../../grammar/ast.js";
import { fail, type NetlError, netlError, ok, type Result } from "../diagnostic.js";
import { evaluate } from "../interpreter/index.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { Change, Query } from "../interpreter/plan.js";
import { emptyWorld, type World } from "../interpreter/world.js";
import { type ApplyContext, applyAll, applyForce } from "./apply.js";
import type { Executor } from "./executor.js";
import { acquireLock, type LabRecord, readRecord, removeRecord, writeRecord } from "./lab-record.js";
import { execIn, ping, showKernel } from "./queries.js";

export interface SessionOptions {
  readonly lab: string;
  readonly prefix?: string;
  readonly executor: Executor;
  readonly runDir: string;
  /** Where `ip netns` keeps its names; read to refuse names taken outside this lab. */
  readonly netnsDir?: string;
  /** Called with every kernel command just before it runs (--explain). */
  readonly onCommand?: (argv: readonly string[]) => void;
}

export type Outcome =
  | { readonly kind: "change"; readonly summary: readonly string[] }
  | { readonly kind: "ping"; readonly ok: boolean; readonly text: string }
  | { readonly kind: "expect"; readonly passed: boolean; readonly text: string }
  | { readonly kind: "exec"; readonly exitCode: number; readonly output: string }
  | { readonly kind: "show"; readonly node?: string; readonly kernel?: string };

export const namespaceName =
  (prefix: string | undefined): NsName =>
  (node) =>
    prefix ? `${prefix}-${node}` : node;

export class Session {
  #world: World = emptyWorld;
  readonly nsName: NsName;
  readonly #ctx: ApplyContext;

  private constructor(
    readonly options: SessionOptions,
    private readonly releaseLock: () => void,
  ) {
    this.nsName = namespaceName(options.prefix);
    this.#ctx = { executor: options.executor, nsName: this.nsName, onCommand: (argv) => options.onCommand?.(argv) };
  }

  /** Lock the lab; refuse one that is already up (its record lists namespaces). */
  static open(options: SessionOptions): Result<Session> {
    const lock = acquireLock(options.runDir, options.lab);
    if (!lock.ok) return lock;
    const existing = readRecord(options.runDir, options.lab);
    if (existing && existing.namespaces.length > 0) {
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
    return this.#world;
  }

  async execute(stmt: Statement): Promise<Result<Outcome>> {
    const plan = evaluate(this.#world, stmt);
    if (!plan.ok) return plan;
    if (plan.value.kind === "change") {
      const applied = await this.apply(plan.value.change, stmt);
      return applied.ok ? ok({ kind: "change", summary: plan.value.change.summary }) : applied;
    }
    return ok(await this.ask(plan.value.query));
  }

  /** Apply a change to the kernel, all or nothing, keeping the lab record a superset of what exists. */
  async apply(change: Change, stmt: Statement): Promise<Result<void>> {
    const creating = change.ops.flatMap((op) => (op.kind === "netns.add" ? [this.nsName(op.node)] : []));
    const owned = new Set(this.ownedNamespaces(this.#world));
    const netnsDir = this.options.netnsDir ?? "/run/netns";
    const taken = creating.find((ns) => !owned.has(ns) && existsSync(join(netnsDir, ns)));
    if (taken !== undefined) {
      return fail(
        netlError(
          "check",
          "namespace-exists",
          `namespace '${taken}' already exists on this machine and is not this lab's`,
          {
            span: stmt.span,
            hint: "pick another node name, or run with --prefix to keep this lab's names apart",
          },
        ),
      );
    }
    this.writeRecord([...new Set([...owned, ...creating])]);
    const outcome = await applyAll(change.ops, this.#ctx);
    if (outcome.ok) this.#world = change.after;
    this.writeRecord(this.ownedNamespaces(this.#world));
    if (outcome.ok) return ok(undefined);
    const steps = outcome.rolledBack === 1 ? "1 step" : `${outcome.rolledBack} steps`;
    const error: NetlError = netlError(
      "kernel",
      "kernel-refused",
      `the kernel refused: ${outcome.failed.argv.join(" ")}`,
      {
        span: stmt.span,
        failed: outcome.failed,
        rollbackFailures: outcome.rollbackFailures,
        hint:
          outcome.rollbackFailures.length === 0
            ? `nothing was changed (${steps} rolled back)`
            : `rolling back ${steps} failed in part; the lab record still lists every namespace, so 'netl down ${this.options.lab}' removes them`,
      },
    );
    return fail(error);
  }

  async ask(query: Query): Promise<Outcome> {
    const exec = this.options.executor;
    switch (query.kind) {
      case "ping":
        return { kind: "ping", ...(await ping(exec, this.nsName(query.from), query)) };
      case "expect-ping": {
        const r = await ping(exec, this.nsName(query.ping.from), query.ping);
        return { kind: "expect", passed: r.ok !== query.negated, text: r.text };
      }
      case "exec":
        return { kind: "exec", ...(await execIn(exec, this.nsName(query.node), query.command)) };
      case "show":
        if (query.node === undefined) return { kind: "show" };
        return { kind: "show", node: query.node, kernel: await showKernel(exec, this.nsName(query.node)) };
    }
  }

  /** Remove everything the lab owns; returns the namespaces removed and any failure. */
  async teardown(): Promise<{ removed: string[]; failures: string[] }> {
    const nodes = [...this.#world.nodes.keys()];
    const failures = await applyForce(
      nodes.map((node) => ({ kind: "netns.del" as const, node })),
      this.#ctx,
    );
    this.#world = emptyWorld;
    // A namespace that would not go stays in the record, for `netl down` to try again.
    if (failures.length === 0) removeRecord(this.options.runDir, this.options.lab);
    else this.writeRecord(failures.map((f) => f.argv[f.argv.length - 1] ?? ""));
    return { removed: nodes.map(this.nsName), failures: failures.map((f) => `${f.argv.join(" ")}: ${f.stderr}`) };
  }

  /** Release the lab: tear it down unless kept (then its record stays for `netl down`). */
  async close(keep: boolean): Promise<{ removed: string[]; failures: string[] }> {
    try {
      if (keep) return { removed: [], failures: [] };
      return await this.teardown();
    } finally {
      if (keep && this.#world.nodes.size === 0) removeRecord(this.options.runDir, this.options.lab);
      this.releaseLock();
    }
  }

  private ownedNamespaces(world: World): string[] {
    return [...world.nodes.keys()].map(this.nsName);
  }

  private writeRecord(namespaces: readonly string[]): void {
    const record: LabRecord = {
      version: 1,
      lab: this.options.lab,
      ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      pid: process.pid,
      updated: new Date().toISOString(),
      namespaces,
    };
    writeRecord(this.options.runDir, record);
  }
}
