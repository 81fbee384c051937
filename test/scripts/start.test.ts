// scripts/start.cjs (dist/netl.js): the bundle runs from V8's code cache only when the cache was made
// for it. V8 itself checks no more than the source's length, so a cache of another bundle of the same
// length would run that bundle's code: the fingerprint line (and the cache being newer) keeps it out.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "nlt-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

copyFileSync(new URL("../../scripts/start.cjs", import.meta.url), join(dir, "netl.js"));
writeFileSync(join(dir, "package.json"), '{ "type": "commonjs" }\n');

/** A bundle that prints `word` and the URL it is given for import.meta.url. */
const bundle = (fingerprint: string, word: string) =>
  writeFileSync(
    join(dir, "netl.cjs"),
    `//${fingerprint}\n"use strict";\nconst strict = (function () { return this === undefined; })();\nprocess.stdout.write(${JSON.stringify(word)} + " " + strict + " " + __netlUrl.startsWith("file:"));\n`,
  );
const run = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(dir, "netl.js")], { encoding: "utf8", env: { ...process.env, ...env } }).stdout;

test("a cache made for the bundle is used; another bundle's (same length) is not", () => {
  bundle("aaaa", "one");
  expect(run({ NETL_CODE_CACHE: "write" })).toBe("one true true");
  expect(run()).toBe("one true true");
  // Same length, other code: were the old cache taken, its compiled code would still print "one".
  bundle("bbbb", "two");
  expect(run()).toBe("two true true");
});

test("a bundle changed after its cache, fingerprint line and length kept, does not use it", () => {
  bundle("dddd", "four");
  expect(run({ NETL_CODE_CACHE: "write" })).toBe("four true true");
  bundle("dddd", "five");
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, "netl.cjs"), later, later);
  expect(run()).toBe("five true true");
});

test("no cache file: the bundle runs all the same, in strict mode", () => {
  rmSync(join(dir, "netl.cache"), { force: true });
  bundle("cccc", "three");
  expect(run()).toBe("three true true");
});

test("a copy named NAME.js runs NAME.cjs with NAME.cache (dist/netl-down.js: netl-down.cjs)", () => {
  copyFileSync(new URL("../../scripts/start.cjs", import.meta.url), join(dir, "netl-down.js"));
  writeFileSync(
    join(dir, "netl-down.cjs"),
    '//eeee\nprocess.stdout.write("down " + __filename.endsWith("netl-down.cjs"));\n',
  );
  bundle("ffff", "cli");
  const down = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(dir, "netl-down.js")], { encoding: "utf8", env: { ...process.env, ...env } })
      .stdout;
  expect(down({ NETL_CODE_CACHE: "write" })).toBe("down true");
  expect(readFileSync(join(dir, "netl-down.cache"), "latin1").startsWith("//eeee\n")).toBe(true);
  expect(down()).toBe("down true");
  expect(run()).toBe("cli true true");
});
