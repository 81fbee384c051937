// One entry typed at the REPL or the tutorial (a line, a multi-line block, or the REPL's -i file):
// parse it, check it against the lab as it is, then run its statements in order, printing what each did.
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../diagnostic.js";
import { step } from "../interpreter/step.js";
import type { World } from "../interpreter/world.js";
import type { Io } from "../present/io.js";
import type { Outcome } from "../present/outcome.js";
import { renderError } from "../present/render-error.js";
import { say } from "../words/catalogue.js";
import { OUTCOME } from "../words/outcome.js";
import type { Driver } from "./driver.js";
import { expectCounts, printOutcome } from "./print.js";

/** Where an entry's text came from: a name for messages and the number of its first line. */
export interface Origin {
  readonly name: string;
  readonly firstLine: number;
}

export interface EntryResult {
  /** Statements that failed (a syntax, check or kernel error; a failed `expect`). */
  readonly failures: number;
}

/** One statement as it ran, for a front end that follows what was done (the tutorial's checks). */
export interface StatementRun {
  readonly stmt: Statement;
  readonly text: string;
  /** The lab before the statement ran. */
  readonly before: World;
  /** What it gave, or undefined when it failed (its error was printed). */
  readonly outcome: Outcome | undefined;
}

export type Observer = (run: StatementRun) => void;

/** A programmer bug while running an entry: reported plainly, and the REPL goes on. */
export const internalError = (e: unknown): string =>
  `netl: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;

/** An error rendered at its line in the whole input, not just in this entry. */
export function renderAt(error: NetlError, text: string, origin: Origin, io: Io): string {
  const shift = origin.firstLine - 1;
  if (shift === 0 || error.source || !error.span)
    return renderError(error, text, origin.name, io.c, undefined, io.lang);
  const span = { ...error.span, line: error.span.line + shift, endLine: error.span.endLine + shift };
  return renderError({ ...error, span }, "\n".repeat(shift) + text, origin.name, io.c, undefined, io.lang);
}

/** Run statements already parsed and checked, stopping at the first that fails (it was rolled back). */
export async function runStatements(
  driver: Driver,
  statements: readonly Statement[],
  text: string,
  origin: Origin,
  io: Io,
  signal: AbortSignal,
  observe?: Observer,
): Promise<EntryResult> {
  let failures = 0;
  for (const stmt of statements) {
    if (signal.aborted) break;
    const stmtText = text.slice(stmt.span.offset, stmt.span.endOffset);
    const before = driver.world;
    const result = await driver.execute(stmt, stmtText, signal);
    observe?.({ stmt, text: stmtText, before, outcome: result.ok ? result.value : undefined });
    if (!result.ok) {
      io.err(renderAt(result.error, text, origin, io));
      return { failures: failures + 1 };
    }
    printOutcome(result.value, stmtText, driver.world, io);
    if (result.value.kind === "exec" && signal.aborted) {
      io.out(io.c.dim(say(io.lang, OUTCOME.interruptedExec())));
    }
    failures += expectCounts(result.value).failed;
  }
  return { failures };
}

/** The first check error of the statements in turn, from the lab's timeline (so `undo` counts). */
function firstProblem(driver: Driver, statements: readonly Statement[], text: string): NetlError | undefined {
  let timeline = driver.timeline;
  for (const stmt of statements) {
    const r = step(timeline, stmt, text.slice(stmt.span.offset, stmt.span.endOffset));
    if (!r.ok) return r.error;
    if (r.value.kind === "transition") timeline = r.value.transition.next;
  }
  return undefined;
}

/** Parse and check the whole entry first: a mistake anywhere in it runs nothing. */
export async function runEntry(
  driver: Driver,
  text: string,
  origin: Origin,
  io: Io,
  signal: AbortSignal,
  observe?: Observer,
): Promise<EntryResult> {
  const { program, errors } = parse(text);
  if (errors.length > 0) {
    for (const e of errors) io.err(renderAt(e, text, origin, io));
    return { failures: errors.length };
  }
  const problem = firstProblem(driver, program.statements, text);
  if (problem) {
    io.err(renderAt(problem, text, origin, io));
    return { failures: 1 };
  }
  return runStatements(driver, program.statements, text, origin, io, signal, observe);
}
