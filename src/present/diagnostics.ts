// `netl check --json`: each error as a diagnostic for editors and CI, one JSON array on standard output
// (docs/JSON.md). Positions are 1-based, the end exclusive, as in the text form `file:line:col: error: …`.
import type { NetlError } from "../diagnostic.js";
import { clipWords } from "./clip.js";

export interface DiagnosticJson {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly end: { readonly line: number; readonly column: number } | null;
  readonly severity: "error";
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

/**
 * Where an error is: a `load`ed file by its own name; an error inside a loop has the lines and columns
 * of the file the loop is written in (grammar/loops.ts places it there) under the name `loop (i = …)`.
 */
const fileOf = (e: NetlError, file: string): string =>
  e.source === undefined || e.source.name.startsWith("loop (") ? file : e.source.name;

export function diagnosticJson(e: NetlError, file: string): DiagnosticJson {
  return {
    file: fileOf(e, file),
    line: e.span?.line ?? null,
    column: e.span?.col ?? null,
    end: e.span ? { line: e.span.endLine, column: e.span.endCol } : null,
    severity: "error",
    code: e.code,
    message: clipWords(e.message),
    hint: e.hint === undefined ? null : clipWords(e.hint),
  };
}
