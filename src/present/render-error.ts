// Errors for people: `file:line:col: message`, the source line with a caret under the problem,
// what the kernel said, and a hint.
import type { Colors } from "picocolors/types.js";
import { printable } from "../../grammar/text.js";
import type { FailedCommand, NetlError } from "../diagnostic.js";
import { ACTION_WORDS } from "../interpreter/ops/failures.js";

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
): string {
  let source = sourceText;
  let file = fileName;
  const out: string[] = [];
  if (error.source) {
    source = error.source.text;
    file = error.source.name;
  }
  const where = error.span ? `${file}:${error.span.line}:${error.span.col}: ` : file ? `${file}: ` : "";
  out.push(`${c.bold(where)}${c.red(error.message)}`);
  if (error.span && source !== undefined) {
    const text = linesOf(source, cache)[error.span.line - 1];
    if (text !== undefined) {
      // What came from a file is shown, never obeyed: a control character is one column of U+FFFD.
      const line = printable(text.replace(/\r$/, ""));
      const start = Math.max(0, error.span.col - 1);
      const end = error.span.endLine === error.span.line ? error.span.endCol - 1 : line.length;
      const width = Math.max(1, Math.min(end, line.length) - start);
      out.push(`  ${line}`);
      out.push(`  ${" ".repeat(start)}${c.red("^".repeat(width))}`);
    }
  }
  if (error.failed) out.push(`  kernel said: ${error.failed.stderr || "(nothing)"}`);
  out.push(...rollbackLines(error.rollbackFailures ?? [], c));
  if (error.hint) out.push(`  ${c.cyan("hint:")} ${error.hint}`);
  return out.join("\n");
}

/** Each step a rollback could not do: the object in words, the exact command that would do it, the kernel's words. */
export function rollbackLines(failures: readonly FailedCommand[], c: Colors): string[] {
  if (failures.length === 0) return [];
  const steps = failures.length === 1 ? "1 step" : `${failures.length} steps`;
  const out = [`  ${c.yellow(`the rollback failed at ${steps}:`)}`];
  for (const f of failures) {
    const command = f.argv.join(" ");
    if (f.object === undefined) out.push(`    ${c.yellow("failed:")} ${command}`);
    else {
      const [label, verb] = ACTION_WORDS[f.object.action];
      out.push(`    ${c.yellow(`${label}:`)} ${f.object.words}`, `      ${verb}: ${command}`);
    }
    out.push(`      kernel said: ${f.stderr || "(nothing)"}`);
  }
  return out;
}
