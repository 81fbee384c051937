// Running a checked script statement by statement in a live Session, printing what each did.
import type { Program, Statement } from "../../grammar/ast.js";
import type { NetlError } from "../diagnostic.js";
import type { Planned } from "../interpreter/program.js";
import { graphText } from "../present/graph.js";
import { pingallLines } from "../present/pingall.js";
import { renderError } from "../present/render-error.js";
import { showNode, showWorld } from "../present/show.js";
import { whyLines } from "../present/why.js";
import type { Outcome, Session } from "../runtime/session.js";
import type { Io } from "./io.js";
import type { Source } from "./source.js";

export interface ScriptResult {
  /** The statement that failed (after being rolled back), if any; the script stops there. */
  readonly failed: boolean;
  /** Ctrl-C: the statement in flight was stopped (a change rolled back) and the script stopped there. */
  readonly interrupted: boolean;
  readonly expectsPassed: number;
  readonly expectsFailed: number;
}

const textOf = (source: Source, stmt: Statement) => source.text.slice(stmt.span.offset, stmt.span.endOffset);

export function printOutcome(outcome: Outcome, stmtText: string, session: Session, io: Io): void {
  const { c } = io;
  switch (outcome.kind) {
    case "change":
      for (const line of outcome.summary) io.out(line.startsWith("-") ? c.red(line) : c.green(line));
      return;
    case "ping":
      io.out(outcome.ok ? outcome.text : c.yellow(outcome.text));
      return;
    case "expect":
      io.out(
        outcome.passed
          ? `${c.green("✓")} ${stmtText}  (${outcome.text})`
          : `${c.red("✗")} ${stmtText}  (${outcome.text})`,
      );
      return;
    case "exec":
      if (outcome.output !== "") io.out(outcome.output.replace(/\n$/, ""));
      if (outcome.exitCode !== 0)
        io.out(c.yellow(`${stmtText.split(/\s+/).slice(0, 2).join(" ")}: exit status ${outcome.exitCode}`));
      return;
    case "show":
      io.out(
        outcome.node === undefined
          ? showWorld(session.world)
          : showNode(session.world, outcome.node, outcome.kernel ?? ""),
      );
      return;
    case "text":
      if (outcome.text !== "") io.out(outcome.text);
      return;
    case "graph":
      io.out(graphText(session.world));
      return;
    case "pingall":
      for (const line of pingallLines(outcome)) io.out(line);
      return;
    case "why":
      for (const line of whyLines(outcome.cause)) io.out(line);
      return;
    case "load":
      for (const inner of outcome.steps) printOutcome(inner.outcome, inner.text, session, io);
      return;
  }
}

/** Expects passed and failed in an outcome (a `load` may hold several). */
export function expectCounts(outcome: Outcome): { passed: number; failed: number } {
  if (outcome.kind === "expect") return { passed: outcome.passed ? 1 : 0, failed: outcome.passed ? 0 : 1 };
  if (outcome.kind !== "load") return { passed: 0, failed: 0 };
  return outcome.steps
    .map((s) => expectCounts(s.outcome))
    .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), {
      passed: 0,
      failed: 0,
    });
}

/** Where a script's outcomes and its refused statement go: text for people, or JSON lines (json-out.ts). */
export interface Printer {
  outcome(outcome: Outcome, stmt: Statement, text: string, session: Session): void;
  refused(error: NetlError, source: Source): void;
}

export const textPrinter = (io: Io): Printer => ({
  outcome: (outcome, _stmt, text, session) => printOutcome(outcome, text, session, io),
  refused: (error, source) => io.err(renderError(error, source.text, source.name, io.c)),
});

/** `interrupt` aborts the statement in flight (a change is rolled back, a command ended) and stops the script. */
export async function runScript(
  session: Session,
  program: Program,
  source: Source,
  io: Io,
  interrupt: AbortSignal,
  printer: Printer = textPrinter(io),
  planned: ReadonlyMap<Statement, Planned> = new Map(),
): Promise<ScriptResult> {
  let passed = 0;
  let failedExpects = 0;
  const statements = program.statements;
  const items = statements.map((s) => ({ stmt: s, text: textOf(source, s), planned: planned.get(s) }));
  const stopped = (failed: boolean): ScriptResult => ({
    failed: failed && !interrupt.aborted,
    interrupted: interrupt.aborted,
    expectsPassed: passed,
    expectsFailed: failedExpects,
  });
  const refused = (error: NetlError): ScriptResult => {
    printer.refused(error, source);
    return stopped(true);
  };
  let singly = 0; // statements to run one at a time after a group the kernel refused
  for (let i = 0; i < statements.length; i++) {
    const stmt = statements[i] as Statement;
    if (interrupt.aborted) return stopped(false);
    if (singly > 0) singly--;
    else {
      // Consecutive changes go into the kernel as one (a chain of 250 nodes: one batch per namespace).
      const group = await session.executeChanges(items, i, interrupt);
      if (!group.ok) return refused(group.error);
      group.value.outcomes.forEach((outcome, k) => {
        const item = items[i + k] as { stmt: Statement; text: string };
        printer.outcome(outcome, item.stmt, item.text, session);
      });
      if (group.value.outcomes.length > 0) {
        i += group.value.outcomes.length - 1;
        continue;
      }
      singly = Math.max(0, group.value.singly - 1);
    }
    const result = await session.execute(stmt, textOf(source, stmt), interrupt);
    if (!result.ok) return refused(result.error);
    const outcome = result.value;
    const counts = expectCounts(outcome);
    passed += counts.passed;
    failedExpects += counts.failed;
    printer.outcome(outcome, stmt, textOf(source, stmt), session);
  }
  return stopped(false);
}
