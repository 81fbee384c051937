// Source spans from chevrotain tokens (1-based inclusive columns, inclusive end offsets) in netl's
// convention: 1-based columns with an exclusive end, 0-based offsets with an exclusive end.
import type { IToken } from "chevrotain";
import type { Span } from "../src/diagnostic.js";

/** Tokens inserted by error recovery have NaN positions (langium takes the same care). */
export const isReal = (t: IToken | undefined): t is IToken => t !== undefined && Number.isFinite(t.startOffset);

/**
 * A whole number as a small integer. chevrotain's token positions are stored as doubles (its EOF token
 * has NaN ones); copied as they are, every span would hold six boxed numbers, which a plan of many
 * statements pays for in garbage collection. Anything else (NaN) stays as it is.
 */
const int = (n: number): number => ((n | 0) === n ? n | 0 : n);

/**
 * From `first` to `last`. A recovered (positionless) end falls back to the other one, and when both
 * are recovered to `anchor`, a real token before them.
 */
export function tokenSpan(first: IToken, last: IToken, anchor?: IToken): Span {
  const a = isReal(first) ? first : isReal(last) ? last : anchor;
  const b = isReal(last) ? last : a;
  if (!a || !b) return { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 };
  return {
    line: int(a.startLine ?? 1),
    col: int(a.startColumn ?? 1),
    endLine: int(b.endLine ?? b.startLine ?? 1),
    endCol: int((b.endColumn ?? b.startColumn ?? 0) + 1),
    offset: int(a.startOffset),
    endOffset: int((b.endOffset ?? b.startOffset) + 1),
  };
}

/** Zero width, just after `t`: where "end of line" is reported. */
export function afterToken(t: IToken): Span {
  const s = tokenSpan(t, t);
  return {
    line: s.endLine,
    col: s.endCol,
    endLine: s.endLine,
    endCol: s.endCol,
    offset: s.endOffset,
    endOffset: s.endOffset,
  };
}

/** A span inside one single-line token, by character positions relative to its start. */
export function subSpan(t: IToken, from: number, to: number): Span {
  const s = tokenSpan(t, t);
  return { ...s, col: s.col + from, endCol: s.col + to, offset: s.offset + from, endOffset: s.offset + to };
}

/** Line and column of an offset, counting `\n`, `\r\n` and `\r` as the lexer does. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

export function spanAt(text: string, offset: number, length: number): Span {
  const { line, col } = positionAt(text, offset);
  return { line, col, endLine: line, endCol: col + length, offset, endOffset: offset + length };
}
