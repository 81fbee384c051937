// Running a checked script (`netl run`, `netl test`) statement by statement in a live lab, its
// consecutive changes as one kernel change, printing what each did.
import type { Program, Statement } from "../../grammar/ast.js";
import type { NetlError } from "../diagnostic.js";
import type { Planned } from "../interpreter/program.js";
import type { World } from "../interpreter/world.js";
import type { Io } from "../present/io.js";
import type { Outcome } from "../present/outcome.js";
import { renderError } from "../present/render-error.js";
import type { Driver } from "./driver.js";
import { expectCounts, printOutcome } from "./print.js";
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

/** Where a script's outcomes and its refused statement go: text for people, or JSON lines (json-out.ts). */
export interface Printer {
  outcome(outcome: Outcome, stmt: Statement, text: string, world: World): void;
  refused(error: NetlError, source: Source): void;
  /** Writes what outcomes it holds back, if it holds any. */
  flush?(): void;
}

/**
 * Outcomes as text. Their lines are held until `flush` (after each group, each statement), then written
 * at once: a chain of 250 nodes prints 750 lines, one write each took milliseconds. A line on the other
 * stream writes them first, so the two stay in order on a terminal.
 */
export function textPrinter(io: Io): Printer {
  const held: string[] = [];
  const flush = () => {
    if (held.length === 0) return;
    io.out(held.join("\n"));
    held.length = 0;
  };
  const holding: Io = {
    ...io,
    out: (text) => held.push(text),
    err: (text) => {
      flush();
      io.err(text);
    },
  };
  return {
    outcome: (outcome, _stmt, text, world) => printOutcome(outcome, text, world, holding),
    refused: (error, source) => {
      flush();
      io.err(renderError(error, source.text, source.name, io.c));
    },
    flush,
  };
}

/** `interrupt` aborts the statement in flight (a change is rolled back, a command ended) and stops the script. */
export async function runScript(
  driver: Driver,
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
  // After a group the kernel refused at a known line: its statement, whose error is told once the
  // statements before it went in again (a group of their own). After a refusal that named no line (a
  // check, a helper that failed whole): where the statements holding it end, halved until found.
  let named: { index: number; error: NetlError } | undefined;
  let within = 0;
  for (let i = 0; i < statements.length; i++) {
    const stmt = statements[i] as Statement;
    if (interrupt.aborted) return stopped(false);
    if (named !== undefined && i === named.index) return refused(named.error);
    const max = Math.min(named ? named.index - i : Infinity, within > i ? Math.ceil((within - i) / 2) : Infinity);
    // Consecutive changes go into the kernel as one (a chain of 250 nodes: one batch per namespace).
    const group = await driver.executeChanges(items, i, interrupt, max);
    if (!group.ok) return refused(group.error);
    group.value.outcomes.forEach((outcome, k) => {
      const item = items[i + k] as { stmt: Statement; text: string };
      printer.outcome(outcome, item.stmt, item.text, driver.world);
    });
    printer.flush?.();
    if (group.value.outcomes.length > 0) {
      i += group.value.outcomes.length - 1;
      continue;
    }
    const r = group.value.refused;
    if (r !== undefined) {
      if (r.at !== undefined && r.error !== undefined) named = { index: i + r.at, error: r.error };
      else within = i + r.size;
      i--; // from the same statement again, in a smaller group
      continue;
    }
    const result = await driver.execute(stmt, textOf(source, stmt), interrupt);
    if (!result.ok) return refused(result.error);
    const outcome = result.value;
    const counts = expectCounts(outcome);
    passed += counts.passed;
    failedExpects += counts.failed;
    printer.outcome(outcome, stmt, textOf(source, stmt), driver.world);
    printer.flush?.();
  }
  return stopped(false);
}
