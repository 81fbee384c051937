// The statement driver: one live lab's statements go in here, from `netl run` and `netl test`, the
// REPL and the tutorial. It answers what needs no kernel (`help`, `history`, `explain`, `save`), runs
// `load` and `for` blocks, and hands every other statement through the interpreter to the Session
// (src/runtime/session.ts), which applies changes all or nothing and keeps the lab's record.
import type { Statement } from "../../grammar/ast.js";
import { ok, type Result } from "../diagnostic.js";
import type { Query } from "../interpreter/plan.js";
import { historyLines, type Timeline } from "../interpreter/timeline.js";
import type { World } from "../interpreter/world.js";
import type { Picture } from "../present/graph-model.js";
import type { Outcome } from "../present/outcome.js";
import { saveScript } from "../present/save.js";
import type { Answer } from "../runtime/answer.js";
import { type CaptureEvent, Captures } from "../runtime/captures.js";
import { saveFile } from "../runtime/files.js";
import type { LiveFeed } from "../runtime/live-feed.js";
import { Requirements } from "../runtime/requirements.js";
import { Session, type SessionOptions } from "../runtime/session.js";
import { writeWorld } from "../runtime/world-file.js";
import type { ServeAt } from "../serve/at.js";
import type { LivePage } from "../serve/page.js";
import { feedSource } from "../serve/sources.js";
import { load, loop } from "./blocks.js";
import { executeChanges, type Group, type ScriptItem } from "./changes.js";
import { labStatement } from "./lab.js";
import { closePage, type PageHold, servePage } from "./page.js";
import { canLend, execOnTerminal, shellOnTerminal, type Terminal } from "./terminal.js";

export type { Outcome } from "../present/outcome.js";
export type { ScriptItem } from "./changes.js";

export interface DriverOptions extends Omit<SessionOptions, "captures"> {
  /** Told each packet a capture sees, as it passes, and when a capture ends. */
  readonly onCapture?: (event: CaptureEvent) => void;
  /** Hand each kernel command to `onCommand` as it runs (`--explain`; `explain on|off` changes it). */
  readonly explain?: boolean;
  /** The lab's live feed (runtime/live-feed.ts): told every change, closed with the lab. */
  readonly feed?: LiveFeed<Picture>;
  /** A live page the front end serves (`--serve`): it follows this lab from the start, and outlives it. */
  readonly page?: LivePage;
  /** Where `serve` listens: 127.0.0.1 and a free port unless the front end was told otherwise. */
  readonly serveAt?: ServeAt;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

export class Driver {
  /** Whether kernel commands reach `onCommand`. */
  explain: boolean;
  /** The user's terminal, when the front end has one to lend (the REPL): `shell`, and `exec` as it comes. */
  terminal: Terminal | undefined;
  /** What the kernel and machine have (netem, nft), asked when first needed. */
  readonly #needs: Requirements;
  /** The World as last kept on disk for `netl attach`, `ls` and `show` (runtime/world-file.ts). */
  #kept: World;
  /** The live page, when one is served (`--serve`, or the `serve` statement). */
  readonly page: PageHold;

  private constructor(
    readonly session: Session,
    /** What `capture` started: ended at a Ctrl-C at the prompt, and before the lab is let go. */
    readonly captures: Captures,
    explain: boolean,
    readonly feed: LiveFeed<Picture> | undefined,
    page: Pick<DriverOptions, "page" | "serveAt">,
  ) {
    this.explain = explain;
    this.#needs = new Requirements(session.options.executor);
    this.#kept = session.world;
    this.page = { page: page.page, given: page.page !== undefined, at: page.serveAt };
    if (feed && page.page) page.page.follow(feedSource(feed));
  }

  /** Lock the lab and open its Session; refuse a lab that is already up. */
  static open(options: DriverOptions): Result<Driver> {
    return Driver.#opened(options, (o) => Session.open(o));
  }

  /** Take over a lab that is up and whose netl has ended, as `world` says it is (`netl attach`). */
  static attach(options: DriverOptions, world: World): Result<Driver> {
    return Driver.#opened(options, (o) => Session.attach(o, world));
  }

  static #opened(options: DriverOptions, open: (o: SessionOptions) => Result<Session>): Result<Driver> {
    const { explain, onCommand, feed, page, serveAt, onCapture, ...rest } = options;
    let driver: Driver | undefined;
    const captures = new Captures(rest.executor, onCapture);
    const opened = open({
      ...rest,
      captures,
      ...(feed ? { onWorld: (world: World) => feed.changed(world) } : {}),
      ...(onCommand
        ? {
            onCommand: (argv: readonly string[]) => {
              if (driver?.explain) onCommand(argv);
            },
          }
        : {}),
    });
    if (!opened.ok) return opened;
    driver = new Driver(opened.value, captures, explain ?? false, feed, {
      ...(page ? { page } : {}),
      ...(serveAt ? { serveAt } : {}),
    });
    return ok(driver);
  }

  /** Keep the World on disk when a statement changed it (once per statement or group, not per step of a loop). */
  #keep<T>(result: T): T {
    if (this.world !== this.#kept) {
      writeWorld(this.session.options.runDir, this.session.options.lab, this.world);
      this.#kept = this.world;
    }
    return result;
  }

  get world(): World {
    return this.session.world;
  }

  get timeline(): Timeline {
    return this.session.timeline;
  }

  /** Kernel names of the namespaces the lab holds: the World's, and any a failed rollback left behind. */
  get namespaces(): readonly string[] {
    return this.session.namespaces;
  }

  /** Run one statement; `text` is how it was written (for `history`). Aborting rolls a change back. */
  async execute(stmt: Statement, text: string, signal?: AbortSignal): Promise<Result<Outcome>> {
    return this.#keep(await this.#execute(stmt, text, signal));
  }

  #execute(stmt: Statement, text: string, signal?: AbortSignal): Promise<Result<Outcome>> | Result<Outcome> {
    switch (stmt.kind) {
      case "history":
        return ok({ kind: "text", text: historyLines(this.timeline).join("\n") });
      case "help":
        return ok(stmt.topic === undefined ? { kind: "help" } : { kind: "help", topic: stmt.topic.text });
      case "explain":
        this.explain = stmt.on;
        return ok({ kind: "text", text: `explain ${stmt.on ? "on: each ip command is printed as it runs" : "off"}` });
      case "save": {
        const saved = saveFile(stmt, saveScript(this.world, stmt.path));
        if (!saved.ok) return saved;
        const { nodes, links } = this.world;
        return ok({
          kind: "text",
          text: `saved ${count(nodes.size, "node")} and ${count(links.size, "link")} to ${stmt.path}`,
        });
      }
      case "serve":
        return servePage(this.page, stmt.on, this.feed, this.session.options.executor);
      case "load":
        return load(this.session, stmt, text, this.#lab, signal);
      case "for":
        return loop(this.session, stmt, text, this.#lab, signal);
      case "shell":
        return shellOnTerminal(this.session, this.terminal, stmt, text);
      default:
        return this.#lab(stmt, text, signal);
    }
  }

  readonly #lab = (stmt: Statement, text: string, signal?: AbortSignal): Promise<Result<Outcome>> =>
    stmt.kind === "exec" && this.terminal !== undefined && canLend(this.session)
      ? execOnTerminal(this.session, this.terminal, stmt, text)
      : labStatement(this.session, this.#needs, stmt, text, signal);

  /** A script's next statements from `from` (at most `max`) as one kernel change, where they allow it (changes.ts). */
  executeChanges(items: readonly ScriptItem[], from = 0, signal?: AbortSignal, max?: number): Promise<Result<Group>> {
    return executeChanges(this.session, this.#needs, items, from, signal, max).then((r) => this.#keep(r));
  }

  /** What the kernel must have for these statements (netem, nft), asked before a script runs any of them. */
  requireKernelFor(statements: readonly Statement[]): Promise<Result<void>> {
    return this.#needs.checkAll(statements);
  }

  ask(query: Query, signal?: AbortSignal): Promise<Answer> {
    return this.session.ask(query, signal);
  }

  /** How many captures run now. */
  get capturing(): number {
    return this.captures.running;
  }

  /** End the captures still running (a Ctrl-C at the prompt); how many there were. */
  stopCaptures(): Promise<number> {
    return this.captures.stopAll();
  }

  /** Release the lab: tear it down unless kept (then its record stays for `netl down`). */
  async close(keep: boolean): Promise<{ removed: string[]; failures: string[] }> {
    // A capture prints to this netl: it never outlives it, even in a lab kept up.
    await this.captures.stopAll();
    const closed = await this.session.close(keep);
    this.session.options.executor.release?.();
    this.feed?.close(keep && this.namespaces.length > 0);
    await closePage(this.page);
    return closed;
  }
}
