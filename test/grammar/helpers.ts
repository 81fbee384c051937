// Shared by the grammar tests: compact spans, and ASTs compared without their spans.

import { parse } from "../../grammar/index.js";
import type { Span } from "../../src/diagnostic.js";

/** A span on one line: columns are 1-based with an exclusive end; `offset` is where `col` is. */
export function sp(line: number, col: number, endCol: number, offset: number): Span {
  return { line, col, endLine: line, endCol, offset, endOffset: offset + (endCol - col) };
}

/** The value without any `span` property, at any depth: for asserting structure alone. */
export function noSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(noSpans);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "span")
      .map(([k, v]) => [k, noSpans(v)]),
  );
}

/** The statements of a text that must parse cleanly, without spans. */
export function statementsOf(text: string): unknown[] {
  const { program, errors } = parse(text);
  if (errors.length > 0) throw new Error(`unexpected errors: ${errors.map((e) => e.message).join("; ")}`);
  return noSpans(program.statements) as unknown[];
}

/** The only statement of a text that must parse cleanly, with its spans. */
export function only(text: string) {
  const { program, errors } = parse(text);
  if (errors.length > 0 || program.statements.length !== 1) {
    throw new Error(`expected one clean statement: ${errors.map((e) => e.message).join("; ")}`);
  }
  return program.statements[0];
}

/** Errors as `line:col message`, the way a person reads them. */
export function errorsOf(text: string): string[] {
  return parse(text).errors.map((e) => `${e.span?.line}:${e.span?.col} ${e.message}`);
}
