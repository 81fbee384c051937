// The wording of lexing and syntax errors: what was expected, in words a person uses, never token names.
// chevrotain lets a message provider return only a string, so a hint rides after the first newline.
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType, tokenMatcher } from "chevrotain";
import { nearest } from "../src/suggest.js";
import * as T from "./tokens.js";

export const NAME_HINT = "names use letters, digits, '_' and '-', and start with a letter";
/** Separates a message from its hint in the strings chevrotain carries; no token image holds a newline. */
export const HINT_SEPARATOR = "\n";

const withHint = (message: string, hint?: string): string => (hint ? message + HINT_SEPARATOR + hint : message);

/** `a`, `a or b`, `a, b or c`. */
function either(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "something else";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** What a token type means where the grammar wants it; the rule tells which kind of address. */
function describe(type: TokenType, rule: string): string {
  switch (type) {
    case T.Identifier:
      return "a node name";
    case T.EndRef:
      return rule === "addrStmt" ? "an interface such as A:eth0" : "a node name or an interface such as A:eth0";
    case T.Address:
      if (rule === "target") return "an address such as 10.0.0.2";
      if (rule === "destination") return "a prefix such as 10.1.0.0/16";
      return "an address with a prefix such as 10.0.0.0/24";
    case T.Integer:
      return rule === "pingStmt" ? "a count such as 3" : "a number";
    case T.StringLit:
      return rule === "fileStmt" ? 'a file name in quotes, such as "lab.netl"' : "a string in quotes";
    case T.StatementEnd:
      return "end of line";
    case T.BothWays:
      return "'<->'";
    case T.OneWay:
      return "'->'";
    case T.Comma:
      return "','";
    case T.ConditionWord:
      return "a condition such as delay 20ms";
    default:
      return `'${type.name.toLowerCase()}'`;
  }
}

/** How the offending token reads in "found …". */
export function found(token: IToken): string {
  if (token.tokenType === T.Semicolon) return "';'";
  if (tokenMatcher(token, T.StatementEnd) || token.tokenType === EOF) return "end of line";
  const image = token.image.length > 30 ? `${token.image.slice(0, 29)}…` : token.image;
  return `'${image}'`;
}

function statementStart(keywords: readonly TokenType[], actual: IToken): string {
  const words = keywords.map((k) => k.name.toLowerCase());
  if (actual.tokenType !== T.Identifier) return `expected a statement, found ${found(actual)}`;
  const guess = nearest(actual.image, words);
  return withHint(
    `unknown statement '${actual.image}'`,
    guess ? `did you mean '${guess}'?` : `statements start with ${either(words)}`,
  );
}

const OPTIONAL_AFTER = new Map<TokenType, string>([
  [T.Undo, "a count such as 3"],
  [T.Redo, "a count such as 3"],
  [T.Help, "a topic such as 'link'"],
]);

/** What follows each condition word, in words. */
const VALUE_OF: Readonly<Record<string, string>> = {
  delay: "a duration such as 20ms",
  jitter: "a duration such as 5ms",
  loss: "a percentage such as 1%",
  corrupt: "a percentage such as 0.1%",
  duplicate: "a percentage such as 1%",
  reorder: "a percentage such as 25%",
  rate: "a rate such as 10mbit",
  limit: "a number of packets such as 1000",
  mtu: "a number of bytes such as 1400",
};

function expected(types: readonly TokenType[], actual: IToken, previous: IToken, rule: string): string {
  if (types.includes(T.ShellCommand)) return `expected a command after 'exec ${previous.image}'`;
  const value = rule === "condition" ? VALUE_OF[previous.image] : undefined;
  if (value !== undefined) return `expected ${value}, found ${found(actual)}`;
  // `on` and `off` are names to the lexer (nodes may be called that), so "a node name" would mislead.
  if (rule === "explainStmt") return `expected 'on' or 'off', found ${found(actual)}`;
  if (rule === "statement" && types.every((t) => t.CATEGORIES?.includes(T.Keyword))) {
    return statementStart(types, actual);
  }
  // What an optional word after `undo`, `redo` or `help` could have been, when the line goes on.
  const optional = OPTIONAL_AFTER.get(previous.tokenType);
  if (optional && types.length === 1 && types[0] === T.StatementEnd)
    return `expected ${optional} or end of line, found ${found(actual)}`;
  const wantsName = types.some((t) => t === T.Identifier || t === T.EndRef);
  if (wantsName && tokenMatcher(actual, T.Keyword)) return `'${actual.image}' is a keyword, not a node name`;
  // An optional comma between names is noise next to "a node name".
  const shown = types.length > 1 ? types.filter((t) => t !== T.Comma) : types;
  const words = [...new Set(shown.map((t) => describe(t, rule)))];
  const message = `expected ${either(words)}, found ${found(actual)}`;
  const numberLike = actual.tokenType === T.Integer || actual.tokenType === T.Quantity;
  return withHint(message, wantsName && numberLike ? NAME_HINT : undefined);
}

const firstTokens = (paths: readonly (readonly TokenType[])[]): TokenType[] =>
  paths.flatMap((p) => (p[0] ? [p[0]] : []));

export const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected: type, actual, previous, ruleName }) =>
    expected([type], actual, previous, ruleName),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `expected end of line, found ${found(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, previous, ruleName }) =>
    expected(firstTokens(expectedPathsPerAlt.flat()), actual[0] ?? previous, previous, ruleName),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, previous, ruleName }) =>
    expected(firstTokens(expectedIterationPaths), actual[0] ?? previous, previous, ruleName),
};

export interface BadCharacter {
  readonly code: "bad-character" | "unclosed-string";
  readonly message: string;
  readonly hint?: string;
}

/**
 * A character no token starts with; the hint helps when it sits inside what looks like a name, or
 * opens a string with the wrong quote. A `"` fails only when its line has no closing one.
 */
export function badCharacter(text: string, offset: number): BadCharacter {
  const char = String.fromCodePoint(text.codePointAt(offset) ?? 0xfffd);
  if (char === '"') {
    return {
      code: "unclosed-string",
      message: "unclosed string",
      hint: `a string ends with '"' on the line where it starts`,
    };
  }
  if (char === "{" || char === "}")
    return {
      code: "bad-character",
      message: `unexpected character '${char}'`,
      hint: "{expr} is filled in only inside a loop: for i in 1..4 { ns h{i} }; a loop's { needs its closing }",
    };
  const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? char : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
  const message = `unexpected character '${shown}'`;
  const nameLike = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_-]/u.test(c);
  if (char === "'" && !nameLike(text[offset - 1])) {
    return { code: "bad-character", message, hint: `strings are written in double quotes, such as "lab.netl"` };
  }
  const inName = nameLike(text[offset - 1]) || nameLike(text[offset + char.length]) || /\p{L}/u.test(char);
  return { code: "bad-character", message, ...(inName ? { hint: NAME_HINT } : {}) };
}
