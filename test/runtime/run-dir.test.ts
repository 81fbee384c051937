// The run directory made where missing (runtime/run-dir.ts): parents too, a folder that is there is
// fine, and where none can be made (a file on the way, /proc, which says ENOENT to every mkdir) the
// reason, at once: Node's recursive mkdirSync loops forever on /proc/x.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder } from "../../src/runtime/run-dir.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-run-dir-");

describe("the run directory", () => {
  it("is made with its parents, and one that is there is fine", () => {
    const dir = join(temp(), "a", "b", "c");
    expect(makeFolder(dir, 0o755)).toBeUndefined();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(makeFolder(dir, 0o755)).toBeUndefined();
  });

  it("says why where it cannot be made, and returns", () => {
    const file = join(temp(), "file");
    writeFileSync(file, "");
    expect(makeFolder(file, 0o755)).toBe("it is not a folder");
    expect(makeFolder(join(file, "x"), 0o755)).toBe("ENOTDIR");
    // ENOENT for root, EACCES for a plain user: a reason either way.
    expect(makeFolder("/proc/netl-run-dir-test/x", 0o755)).toMatch(/^E[A-Z]+$/);
    expect(existsSync("/proc/netl-run-dir-test")).toBe(false);
  });
});
