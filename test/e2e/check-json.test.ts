// `netl check --json`: the diagnostics for editors and CI, one JSON array on standard output (file, line,
// column, end, severity, code, message, hint), the same exit status as the text form, which is unchanged.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-checkjson-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test("a clean file: an empty array, exit 0, nothing else on standard output", async () => {
  const r = await netl(["check", "--json", "examples/two-hosts.netl"]);
  expect(r).toEqual({ exitCode: 0, stdout: "[]", stderr: "" });
});

test("each error with its place, its end and its hint; files in order; exit 2", async () => {
  const bad = file("bad.netl", "ns A\nlink A <-> B 10.0.0.0/24\n");
  const typo = file("typo.netl", "ns A B\nlnk A <-> B\n");
  const r = await netl(["check", "--json", bad, "examples/two-hosts.netl", typo, join(dir, "none.netl")]);
  expect(r.exitCode).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual([
    {
      file: bad,
      line: 2,
      column: 12,
      end: { line: 2, column: 13 },
      severity: "error",
      code: "unknown-node",
      message: "unknown node 'B'",
      hint: "create it first: ns B",
    },
    {
      file: typo,
      line: 2,
      column: 1,
      end: { line: 2, column: 4 },
      severity: "error",
      code: "syntax",
      message: "unknown statement 'lnk'",
      hint: "did you mean 'link'?",
    },
    {
      file: join(dir, "none.netl"),
      line: null,
      column: null,
      end: null,
      severity: "error",
      code: "bad-file",
      message: `cannot read ${join(dir, "none.netl")}: no such file`,
      hint: null,
    },
  ]);
  // The person watching still reads the text form, as without --json.
  expect(r.stderr).toContain(`${bad}:2:12: error: unknown node 'B'\n  link A <-> B 10.0.0.0/24\n             ^`);
  const text = await netl(["check", bad]);
  expect(text.stderr.split("\n")[0]).toBe(`${bad}:2:12: error: unknown node 'B'`);
});

test("inside a loop: the file's own line and column; inside a loaded file: that file", async () => {
  const loop = file("loop.netl", "ns A\nfor i in 1..3 {\n  link A <-> X{i}\n}\n");
  const loads = file("loads.netl", `ns Z\nload "${join(dir, "inner.netl")}"\n`);
  file("inner.netl", "ns Q\nroute Q default via Y\n");
  const r = await netl(["check", "--json", loop, loads]);
  const found = JSON.parse(r.stdout) as { file: string; line: number; column: number; message: string }[];
  expect(found.map(({ file: f, line, column, message }) => ({ f, line, column, message }))).toEqual([
    { f: loop, line: 3, column: 14, message: "unknown node 'X1'" },
    { f: join(dir, "inner.netl"), line: 2, column: 21, message: "unknown node 'Y'" },
  ]);
});
