// The shape of the code: layers from the grammar up to the front ends, no import from a lower layer to
// a higher one, no import cycle, no source file over 300 lines (docs/ARCHITECTURE.md). Each rule is
// also fed a made-up graph that breaks it, so a rule that could never fail would show.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  cycles,
  type Edge,
  type Graph,
  graphOf,
  importsOf,
  type Layer,
  layerGraph,
  layeringProblems,
  oversized,
  sourceFiles,
} from "./architecture-rules.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Bottom to top. The front ends stand side by side (repl, tutorial); the CLI's commands start them. */
const LAYERS: readonly Layer[] = [
  {
    name: "base",
    rank: 0,
    // src/words/: the message catalogue, which every layer's messages may come from.
    members: ["src/append.ts", "src/diagnostic.ts", "src/ipv4.ts", "src/once.ts", "src/suggest.ts", "src/words/"],
  },
  { name: "grammar", rank: 1, members: ["grammar/"] },
  { name: "interpreter", rank: 2, members: ["src/interpreter/"] },
  { name: "runtime", rank: 3, members: ["src/runtime/"] },
  { name: "present", rank: 4, members: ["src/present/"] },
  // The live page: pictures (present) and the kernel's view (runtime) served; the driver's `serve` starts it.
  { name: "serve", rank: 4.5, members: ["src/serve/"] },
  { name: "driver", rank: 5, members: ["src/driver/"] },
  { name: "repl", rank: 6, members: ["src/repl/"] },
  { name: "tutorial", rank: 6, members: ["src/tutorial/"] },
  { name: "lsp", rank: 6, members: ["src/lsp/"] },
  { name: "cli", rank: 7, members: ["src/cli/", "src/cli.ts", "src/down.ts", "src/snapshot.ts"] },
];

/** Imports allowed upward, each with its reason: none today. */
const ALLOWED: readonly Edge[] = [];

/** Generated files (grammar/generated/cst.d.ts: chevrotain's generateCstDts), not written by hand. */
const isGenerated = (file: string) => file.startsWith("grammar/generated/");

const files = sourceFiles(ROOT, ["src", "grammar"]);
const graph = graphOf(files);

describe("the code's shape", () => {
  it("has every file of src/ and grammar/ in a layer, and no import to a higher layer or across", () => {
    expect(files.size).toBeGreaterThan(100);
    expect(layeringProblems(graph, LAYERS, ALLOWED)).toEqual([]);
  });

  it("has no import cycle between files", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no import cycle between layers", () => {
    expect(cycles(layerGraph(graph, LAYERS, ALLOWED))).toEqual([]);
  });

  it("has no source file over 300 lines, native helpers included", () => {
    const all = sourceFiles(ROOT, ["src", "grammar"], [".ts", ".pl", ".cjs", ".sh"]);
    expect([...all.keys()].filter((f) => f.endsWith(".pl")).length).toBeGreaterThan(3);
    const written = new Map([...all].filter(([file]) => !isGenerated(file)));
    expect(oversized(written, 300)).toEqual([]);
  });

  it("still has every allowed upward import (else drop it from ALLOWED)", () => {
    for (const { from, to } of ALLOWED) expect(graph.get(from)).toContain(to);
  });
});

const g = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

describe("the rules, fed what must not pass", () => {
  it("reads static, type-only, re-exported, side-effect and dynamic imports, and nothing in comments or strings", () => {
    const text = [
      'import { a } from "./a.js";',
      'import type { B } from "../b.js";',
      'export { c } from "./sub/c.js";',
      'import "./side.js";',
      'const d = await import("./d.js");',
      '// import { e } from "./e.js";',
      "const s = 'import f from \"./f.js\"';",
      'import pc from "picocolors";',
    ].join("\n");
    expect(importsOf("src/x/file.ts", text)).toEqual([
      "src/x/a.ts",
      "src/b.ts",
      "src/x/sub/c.ts",
      "src/x/side.ts",
      "src/x/d.ts",
    ]);
  });

  it("finds a cycle of two, of three, and a file that imports itself; not a diamond", () => {
    expect(cycles(g({ a: ["b"], b: ["a"] }))).toEqual([["a", "b"]]);
    expect(cycles(g({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] }))).toEqual([["a", "b", "c"]]);
    expect(cycles(g({ a: ["a"] }))).toEqual([["a"]]);
    expect(cycles(g({ a: ["b", "c"], b: ["d"], c: ["d"], d: [] }))).toEqual([]);
  });

  it("reports an import upward, one across to a layer of the same rank, and a file in no layer", () => {
    const upward = g({ "src/runtime/x.ts": ["src/driver/y.ts"] });
    expect(layeringProblems(upward, LAYERS)).toEqual([
      "src/runtime/x.ts -> src/driver/y.ts: runtime imports driver, a higher layer",
    ]);
    const across = g({ "src/repl/x.ts": ["src/tutorial/y.ts"] });
    expect(layeringProblems(across, LAYERS)).toEqual([
      "src/repl/x.ts -> src/tutorial/y.ts: repl imports tutorial, beside it",
    ]);
    expect(layeringProblems(g({ "src/elsewhere/x.ts": [] }), LAYERS)).toEqual(["src/elsewhere/x.ts is in no layer"]);
    expect(layeringProblems(g({ "src/cli/x.ts": ["src/driver/y.ts", "src/diagnostic.ts"] }), LAYERS)).toEqual([]);
  });

  it("excuses exactly an allowed edge: another import of present/ from runtime/ is still reported", () => {
    const allowed: Edge[] = [{ from: "src/runtime/session.ts", to: "src/present/objects.ts" }];
    const edges = g({ "src/runtime/session.ts": ["src/present/objects.ts", "src/present/help.ts"] });
    expect(layeringProblems(edges, LAYERS, allowed)).toEqual([
      "src/runtime/session.ts -> src/present/help.ts: runtime imports present, a higher layer",
    ]);
  });

  it("sees a cycle between layers that no file cycle shows (cli -> repl -> cli through other files)", () => {
    const folders = g({ "src/cli/main.ts": ["src/repl/command.ts"], "src/repl/command.ts": ["src/cli/io.ts"] });
    expect(cycles(folders)).toEqual([]);
    const twoWays: Layer[] = [
      { name: "cli", rank: 7, members: ["src/cli/"] },
      { name: "repl", rank: 7, members: ["src/repl/"] },
    ];
    expect(cycles(layerGraph(folders, twoWays))).toEqual([["cli", "repl"]]);
  });

  it("counts a file of 301 lines as over 300, and one of 300 lines (with or without its last newline) as not", () => {
    const lines = (n: number, end = "\n") => `${Array.from({ length: n }, (_, i) => `// ${i}`).join("\n")}${end}`;
    const sizes = new Map([
      ["a.ts", lines(300)],
      ["b.ts", lines(300, "")],
      ["c.ts", lines(301)],
    ]);
    expect(oversized(sizes, 300)).toEqual(["c.ts: 301 lines"]);
  });
});
