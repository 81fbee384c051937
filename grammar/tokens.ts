// netl's tokens: one ordered list, built into one lexer on first use.
// Order matters (the first pattern that matches wins); keywords defer to longer names via `longer_alt`.
import {
  type CustomPatternMatcherFunc,
  createToken,
  type IToken,
  type ITokenConfig,
  Lexer,
  type TokenType,
} from "chevrotain";
import { once } from "../src/once.js";

// Categories: abstract token types the grammar consumes so one CONSUME accepts several spellings.
/** Ends a statement: a newline, `;`, or the synthetic end of input the parser driver appends. */
export const StatementEnd = createToken({ name: "StatementEnd", pattern: Lexer.NA });
/** Either side of a link: `A` or `A:eth0`. */
export const EndRef = createToken({ name: "EndRef", pattern: Lexer.NA });
/** An IPv4 or IPv6 address, with or without `/len`; the visitor decides which form a place allows. */
export const Address = createToken({ name: "Address", pattern: Lexer.NA });
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
/** A link condition's word (`delay`, `loss`, `mtu`, …): each takes one value. */
export const ConditionWord = createToken({ name: "ConditionWord", pattern: Lexer.NA });

/**
 * A token that never spans lines. Said outright: left to chevrotain, the lexer works it out from each
 * pattern's regular expression at every start (docs/BENCHMARKS.md); a grammar test checks the answers agree.
 */
/**
 * The most characters netl lexes at once: a file's most (4 MiB); the REPL's lines have no other bound,
 * and a longer word overflows the stack of its token's regular expression.
 */
export const MAX_TEXT_CHARS = 4 * 1024 * 1024;

const oneLine = (config: ITokenConfig): TokenType => createToken({ ...config, line_breaks: false });

// What each pattern can start with (start_chars_hint), said for the same reason: chevrotain would read
// it from every regular expression at every start. The grammar test checks these too.
const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const startingWith = (chars: string): string[] => [...chars];

/** Never produced by the lexer: closes the last statement when the text has no final newline. */
export const EndOfInput = createToken({ name: "EndOfInput", pattern: Lexer.NA, categories: [StatementEnd] });

export const WhiteSpace = oneLine({
  name: "WhiteSpace",
  pattern: /[ \t\f\v\u00a0\ufeff]+/,
  start_chars_hint: startingWith(" \t\f\v\u00a0\ufeff"),
  group: Lexer.SKIPPED,
});
export const Comment = oneLine({
  name: "Comment",
  pattern: /#[^\r\n]*/,
  start_chars_hint: ["#"],
  group: Lexer.SKIPPED,
});
export const Newline = createToken({
  name: "Newline",
  pattern: /\n|\r\n/,
  start_chars_hint: ["\n", "\r"],
  line_breaks: true,
  categories: [StatementEnd],
});
export const Semicolon = oneLine({ name: "Semicolon", pattern: ";", categories: [StatementEnd] });
export const Comma = oneLine({ name: "Comma", pattern: "," });
/** `<->`: both ways, a link (`link A <-> B`) or both of its ends (`set A <-> B …`). */
export const BothWays = oneLine({ name: "BothWays", pattern: "<->" });
/** `->`: one way (`move eth5 -> A`, `block A -> B`, `set A -> B …`), not a link. After `<->` in the lexer's order. */
export const OneWay = oneLine({ name: "OneWay", pattern: "->" });
/** `..` of a loop's range: `for i in 1..4`. */
export const DotDot = oneLine({ name: "DotDot", pattern: ".." });

const H = "[0-9A-Fa-f]{1,4}";
const V4 = "\\d{1,3}(?:\\.\\d{1,3}){3}";
// Only `::` or all eight groups make IPv6, so `A:eth0` and `ab:cd` stay interface refs.
// The lookahead keeps `A::eth0` from lexing as the address `A::e` followed by a name. Around `::` are at
// most seven groups: bounded, so `a:a:a:…` is not scanned to its end from each of its groups (quadratic).
const IPV6 = new RegExp(
  `(?:(?:${H}:){7}${H}|(?:${H}:){6}${V4}|(?:${H}(?::${H}){0,6})?::(?:(?:${H}:){0,6}(?:${V4}|${H}))?)(?:/\\d*)?(?![\\w:.@-])`,
);
export const IPv6 = oneLine({
  name: "IPv6",
  pattern: IPV6,
  start_chars_hint: startingWith(`${DIGITS}ABCDEFabcdef:`),
  categories: [Address],
});
// Octets and prefix lengths are checked by the visitor, so `10.0.0.300` is one token with a clear error.
export const IPv4 = oneLine({
  name: "IPv4",
  pattern: /\d+\.\d+\.\d+\.\d+(?:\/\d*)?/,
  start_chars_hint: startingWith(DIGITS),
  categories: [Address],
});
// A `-` that starts `->` ends a name, so `move eth5->A` reads as it looks.
export const IfRef = oneLine({
  name: "IfRef",
  pattern: /[A-Za-z](?:[A-Za-z0-9_]|-(?!>))*:(?:[A-Za-z0-9_.@]|-(?!>))+/,
  start_chars_hint: startingWith(LETTERS),
  categories: [EndRef],
});
export const Identifier = oneLine({
  name: "Identifier",
  pattern: /[A-Za-z](?:[A-Za-z0-9_]|-(?!>))*/,
  start_chars_hint: startingWith(LETTERS),
  categories: [EndRef],
});
/**
 * A number with a unit, a fraction or a sign: `50ms`, `1.5%`, `10mbit`, `-5ms`, `0.5`. Any unit lexes,
 * so the visitor can say which units a condition takes. Before Integer, which takes the plain rest.
 */
export const Quantity = oneLine({
  name: "Quantity",
  pattern: /-?\d+(?:\.\d+)?(?:%|[A-Za-z]+)|-?\d+\.\d+(?![.\d])|-\d+/,
  start_chars_hint: startingWith(`-${DIGITS}`),
});
export const Integer = oneLine({ name: "Integer", pattern: /\d+/, start_chars_hint: startingWith(DIGITS) });
export const StringLit = oneLine({ name: "String", pattern: /"(?:[^"\\\r\n]|\\.)*"/, start_chars_hint: ['"'] });

const keyword = (word: string, category?: TokenType): TokenType =>
  oneLine({
    name: word[0]?.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    start_chars_hint: [word.slice(0, 1)],
    longer_alt: [IfRef, Identifier],
    categories: category ? [Keyword, category] : [Keyword],
  });

export const Ns = keyword("ns");
export const Router = keyword("router");
export const Del = keyword("del");
export const Link = keyword("link");
export const Unlink = keyword("unlink");
export const Addr = keyword("addr");
export const Route = keyword("route");
export const Default = keyword("default");
export const Via = keyword("via");
export const Ping = keyword("ping");
export const Count = keyword("count");
export const Exec = keyword("exec");
export const Show = keyword("show");
/** `shell A`: the user's shell in A, on the terminal (the REPL). */
export const Shell = keyword("shell");
export const Expect = keyword("expect");
export const No = keyword("no");
export const Switch = keyword("switch");
export const Move = keyword("move");
export const Force = keyword("force");
export const Auto = keyword("auto");
export const Pingall = keyword("pingall");
export const Why = keyword("why");
export const Graph = keyword("graph");
// Loops.
export const For = keyword("for");
export const In = keyword("in");
// Services and firewalls inside nodes.
export const Spawn = keyword("spawn");
export const Logs = keyword("logs");
/** `capture A:eth0 …`: packets on an interface, live or to a file (tcpdump in the node). */
export const Capture = keyword("capture");
export const Ps = keyword("ps");
export const Block = keyword("block");
export const Allow = keyword("allow");
export const Unblock = keyword("unblock");
export const Tcp = keyword("tcp");
export const Udp = keyword("udp");
export const Any = keyword("any");
// Not `Set`, which would shadow the global in this module.
export const SetWord = keyword("set");
export const Clear = keyword("clear");
export const Up = keyword("up");
export const Down = keyword("down");
// Link conditions (conditions.ts in the interpreter says what each means).
export const Delay = keyword("delay", ConditionWord);
export const Jitter = keyword("jitter", ConditionWord);
export const Loss = keyword("loss", ConditionWord);
export const Rate = keyword("rate", ConditionWord);
export const Corrupt = keyword("corrupt", ConditionWord);
export const Duplicate = keyword("duplicate", ConditionWord);
export const Reorder = keyword("reorder", ConditionWord);
export const Limit = keyword("limit", ConditionWord);
export const Mtu = keyword("mtu", ConditionWord);
// Statements about the session: history, files, the REPL's settings. `on`/`off` stay names.
export const Undo = keyword("undo");
export const Redo = keyword("redo");
export const History = keyword("history");
export const Reset = keyword("reset");
export const Save = keyword("save");
export const Load = keyword("load");
export const Explain = keyword("explain");
export const Serve = keyword("serve");
export const Help = keyword("help");

// biome-ignore format: the conditions (first: `delay` before `del`), the lab's keywords, then the session's
const keywordTokens = [
  Delay, Jitter, Loss, Rate, Corrupt, Duplicate, Reorder, Limit, Mtu,
  Ns, Router, Switch, Del, Link, Unlink, SetWord, Clear, Up, Down, Move, Force, Addr, Route, Auto, Default, Via,
  Pingall, Ping, Count, Why, Graph, Exec, Show, Shell, Expect, No,
  Spawn, Logs, Ps, Capture, Unblock, Block, Allow, Tcp, Udp, Any, For, In,
  Undo, Redo, History, Reset, Save, Load, Explain, Serve, Help,
];

/** Every keyword, for did-you-mean and REPL completion. */
export const KEYWORDS: readonly string[] = keywordTokens.map((t) => t.name.toLowerCase());

// The shell command of `exec A …` (and `spawn A …`): everything after the node name up to the end of the line,
// `;`, `|` and `#` included. Whether we are there depends on the two tokens before, which a regex
// cannot see, hence a custom pattern. It stops at the last non-blank so the image needs no trim.
const isBlank = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const matchShellCommand: CustomPatternMatcherFunc = (text: string, offset: number, tokens: IToken[]) => {
  const n = tokens.length;
  const keyword = tokens[n - 2]?.tokenType;
  if (n < 2 || tokens[n - 1]?.tokenType !== Identifier || (keyword !== Exec && keyword !== Spawn)) return null;
  if (isBlank(text[offset])) return null;
  let end = offset;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  while (end > offset && isBlank(text[end - 1])) end--;
  return end > offset ? [text.slice(offset, end)] : null;
};
// Any non-blank character may start a command; listing them keeps the lexer's first-char
// optimisation on (a custom pattern without a hint turns it off for every token). Above U+00FF the
// lexer files characters in buckets of 255 (chevrotain's charCodeToOptimizedIndex), so one
// character per bucket says the same as all of them, for a fraction of the start-up time.
// Once a bucket has its character, the scan goes on from the bucket's last one (c < 256: each its own).
const nonBlankStarts: number[] = [];
for (let c = 0; c < 0x10000; c++) {
  if (/\s/.test(String.fromCharCode(c))) continue;
  nonBlankStarts.push(c);
  if (c >= 256) c = Math.min(0xffff, 255 * Math.floor(c / 255) + 254);
}
// A loop's body: `{` to its matching `}` (lines included), after `for VAR in A..B`. The body is
// text: each iteration's `{expr}` are filled in and that text parsed (grammar/loops.ts).
const matchForBody: CustomPatternMatcherFunc = (text: string, offset: number, tokens: IToken[]) => {
  const n = tokens.length;
  if (text[offset] !== "{" || n < 6 || tokens[n - 6]?.tokenType !== For || tokens[n - 2]?.tokenType !== DotDot)
    return null;
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return [text.slice(offset, i + 1)];
  }
  return null;
};
export const ForBody = createToken({
  name: "ForBody",
  pattern: matchForBody,
  line_breaks: true,
  start_chars_hint: ["{"],
});

export const ShellCommand = createToken({
  name: "ShellCommand",
  pattern: matchShellCommand,
  line_breaks: false,
  start_chars_hint: nonBlankStarts,
});

/** The lexer's order; categories and EndOfInput are listed so the parser knows them. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  ShellCommand,
  ForBody,
  Comment,
  Newline,
  Semicolon,
  Comma,
  BothWays,
  OneWay,
  DotDot,
  IPv6,
  IPv4,
  IfRef,
  ...keywordTokens,
  Identifier,
  Quantity,
  Integer,
  StringLit,
  StatementEnd,
  EndOfInput,
  EndRef,
  Address,
  Keyword,
  ConditionWord,
];

/** Lexer options; its definitions are validated once by the grammar tests, not at every start-up. */
export const LEXER_OPTIONS = { ensureOptimizations: true, positionTracking: "full" } as const;

/** Built on first use: commands that never parse (`down`, `ls`) do not pay for building it. */
export const lexer = once(() => new Lexer(allTokens, { ...LEXER_OPTIONS, skipValidations: true }));
