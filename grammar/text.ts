// What netl takes as source text: one rule, in one place, for every way text comes in (a script
// for run/check/plan, a loaded file, the REPL). No control character but tab and the line end: a NUL
// says the file is not text at all, and the others (ESC, a lone carriage return…) hide what a line
// says from the person reading it. A carriage return before a newline is a line end (files written
// on Windows).
import { type NetlError, netlError } from "../src/diagnostic.js";
import { spanAt } from "./spans.js";

/** C0 and C1 control characters and DEL, but tab and newline. */
const CONTROL = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]";

/** The first character netl does not take in source text, and where it is; undefined for text netl takes. */
export function controlCharacter(text: string): { readonly offset: number; readonly code: number } | undefined {
  // One scan of the text, linear: no slower for a big file than reading it.
  const control = new RegExp(CONTROL, "g");
  for (let m = control.exec(text); m !== null; m = control.exec(text)) {
    const code = text.charCodeAt(m.index);
    if (code === 0x0d && text.charCodeAt(m.index + 1) === 0x0a) continue;
    return { offset: m.index, code };
  }
  return undefined;
}

/** The text with each control character shown as U+FFFD, one column each: safe to print, carets still line up. */
export const printable = (text: string): string => text.replace(new RegExp(CONTROL, "g"), "\ufffd");

const NAMES: Readonly<Record<number, string>> = { 0: "NUL", 13: "carriage return", 27: "ESC", 127: "DEL" };

/** `U+001B (ESC)`. */
const named = (code: number): string => {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[code];
  return name === undefined ? hex : `${hex} (${name})`;
};

/** The positioned error for text with a character netl does not take; undefined for text it takes. */
export function textError(text: string): NetlError | undefined {
  const found = controlCharacter(text);
  if (found === undefined) return undefined;
  return netlError("lex", "control-character", `a control character ${named(found.code)} is in the text`, {
    span: spanAt(text, found.offset, 1),
    hint:
      found.code === 0
        ? "netl reads text: this looks like a binary file, not a netl script"
        : "netl source holds no control characters but tab: remove it",
  });
}
