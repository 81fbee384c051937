// Reading a netl script: a file, or `-` for standard input; and the lab name it implies.
import { basename } from "node:path";
import type { Program, Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../diagnostic.js";
import { checkProgram, type Planned } from "../interpreter/program.js";
import { emptyWorld } from "../interpreter/world.js";
import type { Io } from "../present/io.js";
import { renderError, renderErrors } from "../present/render-error.js";
import { loadFile } from "../runtime/files.js";
import { optimizeLater } from "../runtime/optimize-later.js";
import { readTextFile } from "../runtime/text-file.js";

export interface Source {
  /** As shown in messages: the path, or `-`. */
  readonly name: string;
  readonly text: string;
}

/** A script from a file, `-` (standard input) or a pipe, of at most MAX_FILE_BYTES (runtime/text-file.ts). */
export function readSource(path: string): Source | NetlError {
  const read = readTextFile(path, true);
  if (read.ok) return { name: path, text: read.text };
  return { phase: "usage", code: "bad-file", message: `cannot read ${path}: ${read.why}` };
}

/**
 * Lab name from a file name: `labs/two-hosts.netl` → `two-hosts`, made a lab name (runtime/lab-name.ts):
 * `../x y.netl` → `x_y`, `01-intro.netl` → `lab-01-intro`. One still too long is refused when the lab
 * opens, with a hint to name it with --lab.
 */
export function labNameFor(path: string): string {
  if (path === "-") return "stdin";
  const base = basename(path)
    .replace(/\.netl$/, "")
    .replace(/[^A-Za-z0-9_-]/g, "_");
  if (base === "" || /^_*$/.test(base)) return "lab";
  return /^[A-Za-z]/.test(base) ? base : `lab-${base}`;
}

/** The REPL's lab when neither a file nor --lab names one. */
export const DEFAULT_LAB = "netl";

/**
 * A lab's name when --lab does not give one: the file's (`netl` for the REPL without one), after `P-`
 * with --prefix P, so that a prefix alone gives a lab of its own (the REPL's is then P itself): the
 * same file runs twice side by side with two prefixes.
 */
export function defaultLab(file: string | undefined, prefix: string | undefined): string {
  if (file === undefined) return prefix ?? DEFAULT_LAB;
  return prefix ? `${prefix}-${labNameFor(file)}` : labNameFor(file);
}

/** A script that parsed and checked: its statements, and what checking each found (for `run`). */
export interface Loaded {
  readonly program: Program;
  readonly planned: ReadonlyMap<Statement, Planned>;
}

/** How a script is loaded for a lab. */
export interface LoadOptions {
  /** Where every error found is added too. */
  readonly found?: NetlError[];
  /** The lab's host-end names (host-names.ts), so `host:IF` names the end that `show` prints. */
  readonly stem?: string;
  /** Told the program once it parsed without error, before it is checked. */
  readonly parsed?: (program: Program) => void;
}

/** Parse and check a whole script against an empty lab; print every error (and add it to `found`); undefined if any. */
export function loadProgram(
  source: Source,
  io: Io,
  { found = [], stem, parsed }: LoadOptions = {},
): Loaded | undefined {
  optimizeLater();
  const { program, errors } = parse(source.text);
  if (errors.length === 0) parsed?.(program);
  const machine = stem === undefined ? {} : { machine: { stem } };
  const checked =
    errors.length === 0
      ? checkProgram(emptyWorld, program.statements, { source: source.text, loader: loadFile, ...machine })
      : undefined;
  const all = checked?.error ? [checked.error] : errors;
  for (const line of renderErrors(all, source.text, source.name, io.c)) io.err(line);
  found.push(...all);
  return all.length === 0 && checked ? { program, planned: checked.planned } : undefined;
}

/** Read, parse and check a script, printing any error (and adding it to `found`); undefined when it cannot run. */
export function readProgram(
  path: string,
  io: Io,
  options: LoadOptions = {},
): ({ source: Source } & Loaded) | undefined {
  const source = readSource(path);
  if ("code" in source) {
    io.err(renderError(source, undefined, "", io.c));
    options.found?.push(source);
    return undefined;
  }
  const loaded = loadProgram(source, io, options);
  return loaded ? { source, ...loaded } : undefined;
}
