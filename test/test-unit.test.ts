// `npm run test:unit` runs the tests that need no root and no kernel: every path it names exists, and
// no test under them, nor a test helper it imports, runs real commands (ip, unshare, the built netl).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TEST = join(ROOT, "test");
/** How a test module comes to run real commands: it spawns them, or drives the executor that does. */
const RUNS_COMMANDS = /^import[^;]*(?:from "(?:node:child_process|execa)"|\bProcessExecutor\b)/m;

const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts["test:unit"];

function testFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => join(path, f));
}

/** The test-side modules `file` imports (statically or not): relative specifiers that stay in test/. */
function importsOf(file: string): string[] {
  const specifiers = readFileSync(file, "utf8").matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g);
  return [...specifiers]
    .map((m) => resolve(dirname(file), (m[1] as string).replace(/\.js$/, ".ts")))
    .filter((f) => f.startsWith(`${TEST}/`) && existsSync(f));
}

/** `file` and every test-side module it reaches. */
function reached(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of importsOf(f)) visit(g);
  };
  visit(file);
  return [...seen];
}

/** What is wrong with a test:unit script: paths that do not exist, tests that need root or a kernel. */
function problems(command: string | undefined): string[] {
  const [runner, run, ...paths] = (command ?? "").split(/\s+/);
  if (runner !== "vitest" || run !== "run") return ["not a `vitest run`"];
  if (paths.length === 0) return ["names no test path"];
  const out: string[] = [];
  for (const path of paths) {
    const full = join(ROOT, path);
    if (!existsSync(full)) out.push(`${path} does not exist`);
    else
      for (const test of testFiles(full)) {
        const real = reached(test).find((f) => RUNS_COMMANDS.test(readFileSync(f, "utf8")));
        if (real) out.push(`${relative(ROOT, test)} runs real commands (${relative(ROOT, real)})`);
      }
  }
  return out;
}

describe("npm run test:unit", () => {
  it("names paths that exist, and no test under them runs real commands", () => {
    expect(problems(script)).toEqual([]);
    const [, , ...paths] = (script ?? "").split(/\s+/);
    expect(paths.flatMap((p) => testFiles(join(ROOT, p))).length).toBeGreaterThan(50);
  });

  it("is refused when it names a path that does not exist, or a test that needs root or a kernel", () => {
    expect(problems("vitest run test/grammar/ test/runtime/unit")).toEqual(["test/runtime/unit does not exist"]);
    // Directly (child_process) and through a helper (test/support/kernel.ts).
    expect(problems("vitest run test/repl/")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^test\/repl\/kernel\.test\.ts runs real commands/)]),
    );
    expect(problems("vitest run test/e2e/graph.test.ts")).toEqual([
      "test/e2e/graph.test.ts runs real commands (test/support/kernel.ts)",
    ]);
    expect(problems("vitest run")).toEqual(["names no test path"]);
    expect(problems("vitest test/grammar/")).toEqual(["not a `vitest run`"]);
  });
});
