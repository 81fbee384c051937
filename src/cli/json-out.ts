// `netl run --json` and `netl test --json`: JSON Lines on standard output, one object per line —
// each statement's outcome, notes, commands (--explain), errors, and a `result` per file (docs/JSON.md).
// Errors are also rendered as text on standard error, for the person watching.
import type { Statement } from "../../grammar/ast.js";
import type { NetlError } from "../diagnostic.js";
import type { Printer } from "../driver/script.js";
import type { Source } from "../driver/source.js";
import type { World } from "../interpreter/world.js";
import type { Io } from "../present/io.js";
import { errorJson, outcomeJson } from "../present/json.js";
import type { Outcome } from "../present/outcome.js";
import { renderError } from "../present/render-error.js";

export interface ExpectRecord {
  /** The line of the statement in the file: a `load` or a loop for the expects inside it. */
  readonly line: number;
  readonly statement: string;
  readonly passed: boolean;
  readonly text: string;
}

/** The expects of an outcome, in order (a `load` or a loop holds several). */
function expectsOf(outcome: Outcome, line: number, statement: string): ExpectRecord[] {
  if (outcome.kind === "expect") return [{ line, statement, passed: outcome.passed, text: outcome.text }];
  if (outcome.kind !== "load") return [];
  return outcome.steps.flatMap((s) => expectsOf(s.outcome, line, s.text));
}

export interface JsonOut {
  readonly printer: Printer;
  readonly expects: readonly ExpectRecord[];
  readonly line: (record: Record<string, unknown>) => void;
  readonly error: (e: NetlError, source?: Source) => void;
}

/** The JSON Lines of one file's run. */
export function jsonOut(file: string, io: Io): JsonOut {
  const expects: ExpectRecord[] = [];
  const line = (record: Record<string, unknown>) => io.out(JSON.stringify(record));
  const error = (e: NetlError, source?: Source) => {
    io.err(renderError(e, source?.text, source?.name ?? file, io.c));
    line(errorJson(e, file));
  };
  const printer: Printer = {
    outcome(outcome: Outcome, stmt: Statement, text: string, world: World) {
      const { kind, ...fields } = outcomeJson(outcome, world);
      line({ kind, file, line: stmt.span.line, statement: text, ...fields });
      expects.push(...expectsOf(outcome, stmt.span.line, text));
    },
    refused: error,
  };
  return { printer, expects, line, error };
}
