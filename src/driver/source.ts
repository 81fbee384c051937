// Reading a netl script: a file, or `-` for standard input; and the lab name it implies.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Program, Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../diagnostic.js";
import { checkProgram, type Planned } from "../interpreter/program.js";
import { emptyWorld } from "../interpreter/world.js";
import type { Io } from "../present/io.js";
import { renderError } from "../present/render-error.js";
import { loadFile } from "../runtime/files.js";

export interface Source {
  /** As shown in messages: the path, or `-`. */
  readonly name: string;
  readonly text: string;
}

export function readSource(path: string): Source | NetlError {
  try {
    return { name: path, text: readFileSync(path === "-" ? 0 : path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : String(code ?? e);
    return { phase: "usage", code: "bad-file", message: `cannot read ${path}: ${why}` };
  }
}

/** Lab name from a file name: `labs/two-hosts.netl` → `two-hosts`. */
export function labNameFor(path: string): string {
  if (path === "-") return "stdin";
  const base = basename(path)
    .replace(/\.netl$/, "")
    .replace(/[^A-Za-z0-9_.-]/g, "_");
  return base === "" || base.startsWith(".") ? "lab" : base;
}

/** A script that parsed and checked: its statements, and what checking each found (for `run`). */
export interface Loaded {
  readonly program: Program;
  readonly planned: ReadonlyMap<Statement, Planned>;
}

/**
 * Parse and check a whole script against an empty lab; print every error (and add it to `found`); undefined if any.
 * `stem`: the lab's host-end names (host-names.ts), so `host:IF` names the end that `show` prints.
 */
export function loadProgram(source: Source, io: Io, found: NetlError[] = [], stem?: string): Loaded | undefined {
  const { program, errors } = parse(source.text);
  const machine = stem === undefined ? {} : { machine: { stem } };
  const checked =
    errors.length === 0
      ? checkProgram(emptyWorld, program.statements, { source: source.text, loader: loadFile, ...machine })
      : undefined;
  const all = checked?.error ? [checked.error] : errors;
  for (const e of all) io.err(renderError(e, source.text, source.name, io.c));
  found.push(...all);
  return all.length === 0 && checked ? { program, planned: checked.planned } : undefined;
}

/** Read, parse and check a script, printing any error (and adding it to `errors`); undefined when it cannot run. */
export function readProgram(
  path: string,
  io: Io,
  errors: NetlError[] = [],
  stem?: string,
): ({ source: Source } & Loaded) | undefined {
  const source = readSource(path);
  if ("code" in source) {
    io.err(renderError(source, undefined, "", io.c));
    errors.push(source);
    return undefined;
  }
  const loaded = loadProgram(source, io, errors, stem);
  return loaded ? { source, ...loaded } : undefined;
}
