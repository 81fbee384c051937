// The grammar stage: text → Program plus every lexing, syntax and address error, as values.
// The parser runs once per statement (the tokens up to a newline or `;`), so a bad line never hides the next.
import {
  createTokenInstance,
  EOF,
  type ILexingError,
  type IRecognitionException,
  type IToken,
  tokenMatcher,
} from "chevrotain";
import { type NetlError, netlError } from "../src/diagnostic.js";
import type { Program, Statement } from "./ast.js";
import { controlErrors } from "./control.js";
import { plainStatement } from "./fast.js";
import type { StatementCstNode } from "./generated/cst.js";
import { habitHint } from "./habits.js";
import { badCharacter, HINT_SEPARATOR } from "./messages.js";
import { parser } from "./parser.js";
import { afterToken, isReal, spanAt, tokenSpan } from "./spans.js";
import { EndOfInput, lexer, MAX_TEXT_CHARS, Semicolon, StatementEnd } from "./tokens.js";
import { toStatement } from "./visitor.js";

export type { LabStatement, Program, SessionStatement, Statement } from "./ast.js";
export { controlErrors, findControls, showControls } from "./control.js";
export { isIncomplete } from "./incomplete.js";
export { KEYWORDS, MAX_TEXT_CHARS } from "./tokens.js";

function lexError(text: string, e: ILexingError): NetlError {
  const { code, message, hint } = badCharacter(text, e.offset);
  const span =
    e.line !== undefined && e.column !== undefined
      ? {
          line: e.line,
          col: e.column,
          endLine: e.line,
          endCol: e.column + e.length,
          offset: e.offset,
          endOffset: e.offset + e.length,
        }
      : spanAt(text, e.offset, e.length);
  return netlError("lex", code, message, hint ? { span, hint } : { span });
}

/** One error and the offset of what triggered it: a syntax error "at end of line" was triggered by the statement's end token. */
interface Found {
  readonly error: NetlError;
  readonly at: number;
}

const found = (error: NetlError): Found => ({ error, at: error.span?.offset ?? 0 });

/** A chevrotain exception in people's words; "end of line" is placed just after the statement's last token. */
function syntaxError(e: IRecognitionException, statement: readonly IToken[]): Found {
  const cut = e.message.indexOf(HINT_SEPARATOR);
  const message = cut < 0 ? e.message : e.message.slice(0, cut);
  const t = e.token;
  // A statement that starts with no keyword may be a habit of another tool (habits.ts).
  const habit = t === statement[0] ? habitHint(statement) : undefined;
  const hint = habit ?? (cut < 0 ? undefined : e.message.slice(cut + HINT_SEPARATOR.length));
  // A statement's end token is its last, so "found end of line" points just after the one before it.
  const atEnd = !isReal(t) || t.tokenType === EOF || (tokenMatcher(t, StatementEnd) && t.tokenType !== Semicolon);
  const last = statement[statement.length - 2];
  const span = atEnd && last ? afterToken(last) : tokenSpan(t, t, statement[0]);
  const at = isReal(t) && t.tokenType !== EndOfInput ? t.startOffset : Number.POSITIVE_INFINITY;
  return { error: netlError("parse", "syntax", message, hint ? { span, hint } : { span }), at };
}

/** The tokens of each statement, each ending with its end token (a synthetic one at the end of the text). */
export function statementsOf(tokens: readonly IToken[]): IToken[][] {
  const out: IToken[][] = [];
  let current: IToken[] = [];
  for (const t of tokens) {
    current.push(t);
    if (tokenMatcher(t, StatementEnd)) {
      out.push(current);
      current = [];
    }
  }
  const last = current[current.length - 1];
  if (last) {
    const line = last.endLine ?? 1;
    const col = (last.endColumn ?? 0) + 1;
    const offset = (last.endOffset ?? last.startOffset) + 1;
    current.push(createTokenInstance(EndOfInput, "", offset, offset, line, line, col, col));
    out.push(current);
  }
  return out;
}

const byPosition = (a: NetlError, b: NetlError): number => (a.span?.offset ?? 0) - (b.span?.offset ?? 0);

/** Parse one statement's tokens: its AST, or what is wrong with it. */
function parseStatement(tokens: IToken[]): { statement?: Statement; found: Found[] } {
  const plain = plainStatement(tokens);
  if (plain !== undefined) return { statement: plain, found: [] };
  return parsedStatement(tokens);
}

/** The same through the parser and the visitor: every form, and every error. */
export function parsedStatement(tokens: IToken[]): { statement?: Statement; found: Found[] } {
  const p = parser();
  p.input = tokens;
  const cst = p.statement() as StatementCstNode;
  if (p.errors.length > 0) return { found: p.errors.map((e) => syntaxError(e, tokens)) };
  const built = toStatement(cst, tokens[0] as IToken);
  return built.errors.length > 0 ? { found: built.errors.map(found) } : { statement: built.statement, found: [] };
}

export function parse(text: string): { program: Program; errors: NetlError[] } {
  // A longer word overflows the stack of its token's regular expression: refused before it is lexed.
  if (text.length > MAX_TEXT_CHARS) return { program: { statements: [] }, errors: [tooLong()] };
  // Text a terminal would show otherwise than netl reads it is refused whole, before anything is read.
  const controls = controlErrors(text);
  if (controls.length > 0) return { program: { statements: [] }, errors: controls };
  const lexed = lexer().tokenize(text);
  const lexErrors = lexed.errors.map((e) => found(lexError(text, e)));
  const statements: Statement[] = [];
  const errors: NetlError[] = [];
  let nextLexError = 0;
  for (const tokens of statementsOf(lexed.tokens)) {
    const end = tokens[tokens.length - 1] as IToken;
    const endOffset = end.tokenType === EndOfInput ? Number.POSITIVE_INFINITY : end.startOffset;
    // Lexing errors before this statement's end token belong to it (none sits inside one).
    const problems: Found[] = [];
    while ((lexErrors[nextLexError]?.at ?? Number.POSITIVE_INFINITY) < endOffset) {
      problems.push(lexErrors[nextLexError++] as Found);
    }
    if (tokens.length > 1) {
      const parsed = parseStatement(tokens);
      problems.push(...parsed.found);
      if (parsed.statement && problems.length === 0) statements.push(parsed.statement);
    }
    // One error per statement, the one triggered first: a syntax error at a token after a bad
    // character (or at the end of the line) is most likely that character's consequence.
    const first = problems.sort((a, b) => a.at - b.at)[0];
    if (first) errors.push(first.error);
  }
  // Bad characters after the last token: one statement's worth, so one error.
  const trailing = lexErrors[nextLexError];
  if (trailing) errors.push(trailing.error);
  return { program: { statements }, errors: errors.sort(byPosition) };
}

/** A text longer than MAX_TEXT_CHARS, pointed at its first character. */
const tooLong = (): NetlError =>
  netlError("lex", "text-too-long", "this text is longer than 4 MiB, the most netl reads at once", {
    span: { line: 1, col: 1, endLine: 1, endCol: 2, offset: 0, endOffset: 1 },
  });
