// The rules test/architecture.test.ts holds src/ and grammar/ to, as pure functions of an import
// graph, so each can be fed a made-up graph that breaks it. The graph is read from the import
// statements themselves (static, type-only, re-exports, dynamic `import("…")`) by TypeScript's own
// scanner, not from a bundle, so an import that only the types see still counts.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";
import ts from "typescript";

/** Files by path relative to the repository (`src/driver/driver.ts`), each with the files it imports. */
export type Graph = ReadonlyMap<string, readonly string[]>;

/** The relative imports of one file's text, as repository paths of .ts files. */
export function importsOf(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, ".ts"));
}

/** Every file under `folders` of `root` whose name ends in one of `endings` (.ts), with its text. */
export function sourceFiles(
  root: string,
  folders: readonly string[],
  endings: readonly string[] = [".ts"],
): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (endings.some((e) => entry.name.endsWith(e))) files.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return files;
}

export function graphOf(files: ReadonlyMap<string, string>): Graph {
  return new Map([...files].map(([file, text]) => [file, importsOf(file, text)]));
}

/** A layer: the folders (`src/runtime/`) and single files (`src/cli.ts`) it holds, and its rank. */
export interface Layer {
  readonly name: string;
  readonly rank: number;
  readonly members: readonly string[];
}

/** The layer a file is in, by the longest member that holds it; undefined when none does. */
export function layerOf(layers: readonly Layer[], file: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers)
    for (const m of layer.members) {
      const holds = m.endsWith("/") ? file.startsWith(m) : file === m;
      if (holds && m.length > (best?.length ?? -1)) best = { layer, length: m.length };
    }
  return best?.layer;
}

export interface Edge {
  readonly from: string;
  readonly to: string;
}

const said = (e: Edge) => `${e.from} -> ${e.to}`;

/**
 * Imports that break the layering: to a higher layer, or across to another layer of the same rank
 * (the front ends stand side by side and do not import each other); `allowed` edges excepted.
 * Also every file (either end) that no layer holds.
 */
export function layeringProblems(graph: Graph, layers: readonly Layer[], allowed: readonly Edge[] = []): string[] {
  const problems: string[] = [];
  const exempt = new Set(allowed.map(said));
  const files = new Set([...graph.keys(), ...[...graph.values()].flat()]);
  for (const file of [...files].sort())
    if (layerOf(layers, file) === undefined) problems.push(`${file} is in no layer`);
  for (const [from, tos] of graph)
    for (const to of tos) {
      const a = layerOf(layers, from);
      const b = layerOf(layers, to);
      if (a === undefined || b === undefined || a === b || exempt.has(said({ from, to }))) continue;
      if (b.rank > a.rank) problems.push(`${from} -> ${to}: ${a.name} imports ${b.name}, a higher layer`);
      else if (b.rank === a.rank) problems.push(`${from} -> ${to}: ${a.name} imports ${b.name}, beside it`);
    }
  return problems;
}

/** The import cycles of a graph: each strongly connected set of two or more nodes, or a node importing itself. */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.push(w);
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The graph between layers: an edge wherever a file of one imports a file of another (`allowed` edges left out). */
export function layerGraph(graph: Graph, layers: readonly Layer[], allowed: readonly Edge[] = []): Graph {
  const exempt = new Set(allowed.map(said));
  const out = new Map<string, Set<string>>();
  for (const [from, tos] of graph)
    for (const to of tos) {
      const a = layerOf(layers, from)?.name;
      const b = layerOf(layers, to)?.name;
      if (a === undefined || b === undefined || a === b || exempt.has(said({ from, to }))) continue;
      out.set(a, (out.get(a) ?? new Set()).add(b));
    }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** Files longer than `limit` lines (a last line without its newline counts). */
export function oversized(files: ReadonlyMap<string, string>, limit: number): string[] {
  return [...files]
    .map(([file, text]) => ({ file, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0) }))
    .filter((f) => f.lines > limit)
    .map((f) => `${f.file}: ${f.lines} lines`);
}
