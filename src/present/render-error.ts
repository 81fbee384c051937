// Errors for people: `file:line:col: error: message`, the source line with a caret under the problem,
// what the kernel said, and a hint. Every piece that may have come from outside (a file's text and name,
// a program's error) shows its control characters escaped: an error never writes to the terminal.
import type { Colors } from "picocolors/types.js";
import { showControls } from "../../grammar/control.js";
import type { FailedCommand, NetlError } from "../diagnostic.js";
import { AROUND } from "../words/around.js";
import type { Lang } from "../words/catalogue.js";
import { say } from "../words/catalogue.js";
import { PHRASES, reword } from "../words/phrases.js";
import { clipWords } from "./clip.js";

/**
 * Texts already cut into lines, by text: errors that point into one text share its lines, so printing
 * N errors of a file costs the file once, not N times.
 */
export type Lines = Map<string, readonly string[]>;

const linesOf = (text: string, cache: Lines): readonly string[] => {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const lines = text.split("\n");
  cache.set(text, lines);
  return lines;
};

/** Every error of a text, in turn, its lines cut once. */
export function renderErrors(errors: readonly NetlError[], sourceText: string, fileName: string, c: Colors): string[] {
  const cache: Lines = new Map();
  return errors.map((e) => renderError(e, sourceText, fileName, c, cache));
}

export function renderError(
  error: NetlError,
  sourceText: string | undefined,
  fileName: string,
  c: Colors,
  cache: Lines = new Map(),
  /** The reader's language: the sentences the catalogue knows (words/phrases.ts) are worded in it. */
  lang?: Lang,
): string {
  let source = sourceText;
  let file = fileName;
  const out: string[] = [];
  if (error.source) {
    source = error.source.text;
    file = error.source.name;
  }
  const shown = file ? show(file) : "";
  const where = error.span ? `${shown}:${error.span.line}:${error.span.col}: ` : file ? `${shown}: ` : "";
  // After a place, the compilers' form (`FILE:LINE:COL: error: MESSAGE`) that editors and CI logs pick up.
  const label = where ? `${c.bold(c.red(say(lang, PHRASES.errorLabel())))}` : "";
  out.push(`${c.bold(where)}${label}${c.red(showOutput(clipWords(reword(error.message, lang), lang)))}`);
  if (error.span && source !== undefined) {
    const text = linesOf(source, cache)[error.span.line - 1];
    if (text !== undefined) {
      const whole = text.replace(/\r$/, "");
      const at = Math.max(0, error.span.col - 1);
      const end = error.span.endLine === error.span.line ? error.span.endCol - 1 : whole.length;
      const { line, start, stop } = around(whole, at, Math.max(at + 1, Math.min(end, whole.length)));
      // Columns of the line as shown: an escaped character is wider than itself.
      const before = show(line.slice(0, start)).length;
      const width = Math.max(1, show(line.slice(start, stop)).length);
      out.push(`  ${show(line)}`);
      out.push(`  ${" ".repeat(before)}${c.red("^".repeat(width))}`);
    }
  }
  const nothing = say(lang, AROUND.words.nothing());
  if (error.failed) out.push(`  ${say(lang, PHRASES.kernelSaid())}${showOutput(error.failed.stderr) || nothing}`);
  out.push(...rollbackLines(error.rollbackFailures ?? [], c, lang));
  if (error.hint)
    out.push(`  ${c.cyan(say(lang, PHRASES.hintLabel()))}${showOutput(clipWords(reword(error.hint, lang), lang))}`);
  return out.join("\n");
}

const show = (text: string) => showControls(text, { oneLine: true });

/** The most of a line shown under an error: a line of megabytes is cut to the part around its caret. */
const EXCERPT = 160;

/** `line` cut to EXCERPT characters around [start, stop), `…` where it was cut; start and stop moved with it. */
function around(line: string, start: number, stop: number) {
  if (line.length <= EXCERPT) return { line, start, stop };
  const from = Math.max(0, start - EXCERPT / 4);
  const to = Math.min(line.length, from + EXCERPT);
  const head = from > 0 ? "…" : "";
  const cut = `${head}${line.slice(from, to)}${to < line.length ? "…" : ""}`;
  const at = start - from + head.length;
  return { line: cut, start: at, stop: Math.min(stop - from + head.length, cut.length) };
}
/** A program's own words: its lines kept, its control characters escaped. */
const showOutput = (text: string) => showControls(text);

/** What a rollback step not done left, and how to do it by hand (interpreter/ops/failures.ts's ACTION_WORDS, worded). */
const ACTION_SAID = {
  remove: ["leftBehind", "removeWith"],
  "put back": ["notPutBack", "putBackWith"],
  restore: ["notRestored", "restoreWith"],
} as const;

/** Each step a rollback could not do: the object in words, the exact command that would do it, the kernel's words. */
export function rollbackLines(failures: readonly FailedCommand[], c: Colors, lang?: Lang): string[] {
  if (failures.length === 0) return [];
  const steps = failures.length === 1 ? "1 step" : `${failures.length} steps`;
  // Each label as the catalogue words it (words/around.ts), the English the same as ever.
  const w = (english: string) => reword(english, lang);
  const out = [`  ${c.yellow(w(`the rollback failed at ${steps}:`))}`];
  for (const f of failures) {
    const command = show(f.argv.join(" "));
    if (f.object === undefined) out.push(`    ${c.yellow(w("failed:"))} ${command}`);
    else {
      const [label, verb] = ACTION_SAID[f.object.action];
      const said = (key: typeof label | typeof verb) => say(lang, AROUND.words[key]());
      out.push(`    ${c.yellow(said(label))} ${f.object.words}`, `      ${said(verb)} ${command}`);
    }
    out.push(`      ${w(`kernel said: ${showOutput(f.stderr) || w("(nothing)")}`)}`);
  }
  return out;
}
