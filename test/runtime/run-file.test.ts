// The run directory's files (record, World, live feed) replaced whole, never through a link, and no
// temporary file left behind, whether the write works or not.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replaceFile, tempPathFor } from "../../src/runtime/run-file.js";

const dir = mkdtempSync(join(tmpdir(), "netl-runfile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("replaceFile", () => {
  it("writes a new file and replaces an old one, mode 0644, leaving only the file", () => {
    const path = join(dir, "a.json");
    replaceFile(path, "one");
    replaceFile(path, "two");
    expect(readFileSync(path, "utf8")).toBe("two");
    expect(statSync(path).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(readdirSync(dir).filter((n) => n.startsWith("a.json"))).toEqual(["a.json"]);
  });

  it("replaces a temporary file this pid left, and never writes through a link planted at its name", () => {
    const path = join(dir, "b.json");
    writeFileSync(tempPathFor(path), "half");
    replaceFile(path, "whole");
    expect(readFileSync(path, "utf8")).toBe("whole");
    const victim = join(dir, "victim");
    writeFileSync(victim, "untouched");
    symlinkSync(victim, tempPathFor(path));
    replaceFile(path, "again");
    expect(readFileSync(victim, "utf8")).toBe("untouched");
    expect(readFileSync(path, "utf8")).toBe("again");
  });

  it("throws what it could not do and leaves no temporary file", () => {
    const path = join(dir, "c.json");
    mkdirSync(path);
    writeFileSync(join(path, "inside"), "");
    expect(() => replaceFile(path, "x")).toThrow();
    expect(readdirSync(dir).filter((n) => n.startsWith("c.json"))).toEqual(["c.json"]);
    expect(() => replaceFile(join(dir, "none", "d.json"), "x")).toThrow(/ENOENT/);
  });
});
