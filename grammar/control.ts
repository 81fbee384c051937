// Text that reaches a terminal is data: netl source holds no control characters (a terminal would
// show a line other than the one netl runs), and what netl prints that came from outside shows them
// escaped. `\r\n` line ends are read as `\n`; a lone `\r` is refused (it ends a line for some readers
// and not for others). Used by parse() and by anything that reads netl source or quotes outside text.
import { type NetlError, netlError, type Span } from "../src/diagnostic.js";

/**
 * C0 controls but tab and newline, DEL, C1 controls, the line and paragraph separators, and the
 * bidirectional overrides and isolates (they reorder what a terminal or an editor shows).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's work
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMES: Readonly<Record<number, string>> = {
  0: "NUL",
  7: "BEL",
  8: "backspace",
  11: "vertical tab",
  12: "form feed",
  13: "carriage return",
  27: "ESC",
  127: "DEL",
  155: "CSI",
  8238: "right-to-left override",
};

const code = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/** `U+001B (ESC)`: a control character as a person can read it. */
export function controlName(char: string): string {
  const c = char.codePointAt(0) ?? 0;
  const name = NAMES[c];
  return name === undefined ? code(c) : `${code(c)} (${name})`;
}

/** One control character found in source text, with where it is (line and column 1-based, as every span). */
export interface ControlFound {
  readonly char: string;
  readonly span: Span;
}

/** The control characters of `text` that netl refuses, at most `limit` of them, in order. */
export function findControls(text: string, limit = Number.POSITIVE_INFINITY): ControlFound[] {
  const out: ControlFound[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  for (const m of text.matchAll(CONTROL)) {
    const at = m.index ?? 0;
    // A carriage return that ends a line before its newline is a line end, not a control.
    if (m[0] === "\r" && text[at + 1] === "\n") continue;
    for (let i = text.indexOf("\n", counted); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = at;
    const col = at - lineStart + 1;
    out.push({ char: m[0], span: { line, col, endLine: line, endCol: col + 1, offset: at, endOffset: at + 1 } });
    if (out.length >= limit) break;
  }
  return out;
}

/** Positioned errors for the control characters of netl source (the first few: a binary file has thousands). */
export function controlErrors(text: string, limit = 5): NetlError[] {
  return findControls(text, limit).map(({ char, span }) =>
    char === "\r"
      ? netlError("lex", "lone-carriage-return", "a carriage return without a newline after it", {
          span,
          hint: "lines end with \\n or \\r\\n; a lone \\r shows the text otherwise than netl reads it",
        })
      : netlError("lex", "control-character", `control character ${controlName(char)} in netl source`, {
          span,
          hint:
            char === "\u0000"
              ? "netl reads text: this looks like a binary file, not a netl script"
              : "netl source is plain text: remove it (tabs and line ends are fine)",
        }),
  );
}

/** `\x1b`, `\u202e`: how a control character is shown. */
const escaped = (char: string): string => {
  const c = char.codePointAt(0) ?? 0;
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
};

/**
 * Text from outside (a file, a log, a program's error) as it may reach the terminal: every control
 * character escaped, tabs kept, newlines kept unless `oneLine`, `\r` before `\n` dropped.
 */
export function showControls(text: string, options: { readonly oneLine?: boolean } = {}): string {
  const lineEnds = options.oneLine ? text.replace(/\r?\n/g, "\\n") : text.replace(/\r\n/g, "\n");
  return lineEnds.replace(CONTROL, escaped);
}
