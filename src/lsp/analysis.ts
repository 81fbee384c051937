// What the language server knows of one document, all from the same code as `netl check`: the parse,
// the check (loops expanded, `load` read as check reads it), the lab the script builds up to a line,
// and where each node is named. Pure apart from the loader it is handed (`load` reads a file).
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { lexer } from "../../grammar/tokens.js";
import type { NetlError, Span } from "../diagnostic.js";
import { checkProgram } from "../interpreter/program.js";
import type { Loader } from "../interpreter/step.js";
import { emptyWorld, type World } from "../interpreter/world.js";

/** One place in the text: 0-based line and character, as LSP counts them; `end` exclusive. */
export interface Place {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Place;
  readonly end: Place;
}

export interface Problem {
  readonly range: Range;
  readonly message: string;
  readonly code: string;
  readonly phase: string;
}

export interface Word {
  readonly text: string;
  readonly range: Range;
  /** The chevrotain token's name: Identifier, IfRef, a keyword's (Link, Delay…). */
  readonly kind: string;
}

export interface Analysis {
  readonly text: string;
  readonly statements: readonly Statement[];
  readonly problems: readonly Problem[];
  /** Every word of the document, loop bodies included (their words are read in place). */
  readonly words: readonly Word[];
}

/** A span (1-based line and column) as an LSP range. */
export const rangeOf = (span: Span): Range => ({
  start: { line: span.line - 1, character: span.col - 1 },
  end: { line: span.endLine - 1, character: Math.max(span.endCol - 1, span.col) },
});

/** The words of `text`, placed as if it started at `at` (0-based offset, line, column). */
function wordsOf(text: string, at = { line: 0, character: 0 }): Word[] {
  const { tokens } = lexer().tokenize(text);
  return tokens.flatMap((t): Word[] => {
    const line = (t.startLine ?? 1) - 1 + at.line;
    const character = (t.startColumn ?? 1) - 1 + ((t.startLine ?? 1) === 1 ? at.character : 0);
    if (t.tokenType.name === "ForBody")
      // The body's words, after its `{`.
      return wordsOf(t.image.slice(1, -1), { line, character: character + 1 });
    if (t.tokenType.name === "ShellCommand" || /^\s/.test(t.image)) return [];
    const endLine = line + (t.image.split("\n").length - 1);
    return [
      {
        text: t.image,
        kind: t.tokenType.name,
        range: { start: { line, character }, end: { line: endLine, character: character + t.image.length } },
      },
    ];
  });
}

/** Where an error shows in the document: a `load`ed file's error on the `load` that read it. */
function problemOf(error: NetlError, statements: readonly Statement[]): Problem {
  const load = error.source ? statements.find((s) => s.kind === "load" && s.path === error.source?.name) : undefined;
  const where = load ? `${error.source?.name}:${error.span?.line ?? 1}:${error.span?.col ?? 1}: ` : "";
  const span = load?.span ?? error.span;
  const range = span ? rangeOf(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    range,
    message: `${where}${error.message}${error.hint ? `\nhint: ${error.hint}` : ""}`,
    code: error.code,
    phase: error.phase,
  };
}

export function analyze(text: string, loader: Loader): Analysis {
  const { program, errors } = parse(text);
  const checked =
    errors.length === 0 ? checkProgram(emptyWorld, program.statements, { source: text, loader }) : undefined;
  const found = checked?.error ? [checked.error] : errors;
  return {
    text,
    statements: program.statements,
    problems: found.map((e) => problemOf(e, program.statements)),
    words: wordsOf(text),
  };
}

/** The lab as the statements that end before `line` (0-based) leave it; checking stops at an error. */
export function worldBefore(analysis: Analysis, line: number, loader: Loader): World {
  const before = analysis.statements.filter((s) => s.span.endLine - 1 < line);
  return checkProgram(emptyWorld, before, { source: analysis.text, loader }).world;
}

/** The word at a place, if any. */
export function wordAt(analysis: Analysis, at: Place): Word | undefined {
  return analysis.words.find(
    (w) =>
      w.range.start.line === at.line &&
      w.range.start.character <= at.character &&
      at.character <= w.range.end.character,
  );
}
