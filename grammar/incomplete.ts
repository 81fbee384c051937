// For the REPL's multi-line input: does the text so far still need more lines?
// The lexer decides what is a string, a comment or an exec command, so this agrees with parse().
import { lexer, MAX_TEXT_CHARS, ShellCommand, StringLit } from "./tokens.js";

/** `{` minus `}` in a piece of text. */
function braces(text: string): number {
  let n = 0;
  for (const c of text) n += c === "{" ? 1 : c === "}" ? -1 : 0;
  return n;
}

/** The offset of the `"` that closes a string opened at `quote`, reading on past line ends; -1 if none. */
function closingQuote(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/**
 * True when the text ends inside a string that is not closed, or has more `{` than `}` outside strings,
 * comments and exec commands. Strings end on their line for the parser; here one still open at a line's
 * end goes on to the next `"`, so typing the closing quote always ends the input (parse() then reports it).
 */
export function isIncomplete(text: string): boolean {
  // Too long to lex: complete as it is, and parse() says why it is not read.
  if (text.length > MAX_TEXT_CHARS) return false;
  let depth = 0;
  let rest = text;
  for (;;) {
    const { tokens, errors } = lexer().tokenize(rest);
    // A `"` fails to lex only when no `"` closes it on its line: the first such one opens a string here.
    let quote = -1;
    for (const e of errors) {
      const i = rest.slice(e.offset, e.offset + e.length).indexOf('"');
      if (i >= 0) {
        quote = e.offset + i;
        break;
      }
    }
    const upTo = quote < 0 ? rest.length : quote;
    for (const t of tokens) {
      if (t.startOffset < upTo && t.tokenType !== StringLit && t.tokenType !== ShellCommand) depth += braces(t.image);
    }
    for (const e of errors) {
      if (e.offset < upTo) depth += braces(rest.slice(e.offset, Math.min(e.offset + e.length, upTo)));
    }
    if (quote < 0) return depth > 0;
    const close = closingQuote(rest, quote);
    if (close < 0) return true;
    // No exec command starts just after a string, so lexing the rest afresh loses nothing.
    rest = rest.slice(close + 1);
  }
}
