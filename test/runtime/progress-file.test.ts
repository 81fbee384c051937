// The tutorial's progress: whose it is (under sudo, the learner's, not root's), and written as root
// without ever following a link planted where it goes.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressPlace, readProgress, writeProgress } from "../../src/runtime/progress-file.js";
import { isRoot } from "../support/kernel.js";

const dir = mkdtempSync(join(tmpdir(), "netl-progress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PASSWD = "root:x:0:0:root:/root:/bin/bash\nlea:x:4242:4242:Lea:/home/lea:/bin/bash\n";

describe("where the progress is kept", () => {
  it("is the learner's own under sudo, HOME otherwise", () => {
    expect(progressPlace({ HOME: "/root", SUDO_UID: "4242", SUDO_GID: "4242" }, 0, PASSWD)).toEqual({
      file: "/home/lea/.netl/tutorial.json",
      owner: { uid: 4242, gid: 4242 },
    });
    expect(progressPlace({ HOME: "/home/x" }, 0, PASSWD)).toEqual({ file: "/home/x/.netl/tutorial.json" });
    // Not root (a rootless sandbox maps the user to 0 and has no SUDO_UID), or a uid not in the table.
    expect(progressPlace({ HOME: "/home/x", SUDO_UID: "4242", SUDO_GID: "4242" }, 1000, PASSWD).file).toBe(
      "/home/x/.netl/tutorial.json",
    );
    expect(progressPlace({ HOME: "/home/x", SUDO_UID: "77", SUDO_GID: "77" }, 0, PASSWD).file).toBe(
      "/home/x/.netl/tutorial.json",
    );
  });
});

describe.runIf(isRoot)("writing it as root", () => {
  it("writes the lessons done, and reads them back", () => {
    const file = join(dir, "a", ".netl", "tutorial.json");
    mkdirSync(join(dir, "a"));
    expect(writeProgress({ file }, [1, 2])).toBeUndefined();
    expect(readProgress(file)).toEqual([1, 2]);
    expect(readFileSync(file, "utf8")).toBe('{"done":[1,2]}\n');
  });

  it("hands the folder and the file to the learner it belongs to", () => {
    const file = join(dir, "b", ".netl", "tutorial.json");
    mkdirSync(join(dir, "b"));
    expect(writeProgress({ file, owner: { uid: 4242, gid: 4243 } }, [3])).toBeUndefined();
    expect(statSync(file)).toMatchObject({ uid: 4242, gid: 4243 });
    expect(statSync(join(dir, "b", ".netl"))).toMatchObject({ uid: 4242, gid: 4243 });
  });

  it("never writes through a link: a linked folder is refused, a linked file replaced", () => {
    const target = join(dir, "victim");
    mkdirSync(target);
    mkdirSync(join(dir, "c"));
    symlinkSync(target, join(dir, "c", ".netl"));
    expect(writeProgress({ file: join(dir, "c", ".netl", "tutorial.json") }, [1])).toMatch(/not a folder/);
    expect(() => statSync(join(target, "tutorial.json"))).toThrow();

    const precious = join(dir, "precious");
    writeFileSync(precious, "root's own\n");
    mkdirSync(join(dir, "d", ".netl"), { recursive: true });
    const file = join(dir, "d", ".netl", "tutorial.json");
    symlinkSync(precious, file);
    expect(readProgress(file)).toEqual([]);
    expect(writeProgress({ file }, [5])).toBeUndefined();
    expect(readFileSync(precious, "utf8")).toBe("root's own\n");
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readProgress(file)).toEqual([5]);
  });

  it("refuses a folder others may write to", () => {
    const open = join(dir, "e", ".netl");
    mkdirSync(open, { recursive: true });
    // mkdir's mode goes through the umask; the folder must really be writable by all.
    chmodSync(open, 0o777);
    expect(writeProgress({ file: join(open, "tutorial.json") }, [1])).toMatch(/may be written by other users/);
  });
});
