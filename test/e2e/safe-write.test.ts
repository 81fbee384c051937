// runtime/safe-write.ts on its own (it makes a FIFO with mkfifo, hence in e2e): what it writes, what it
// refuses (each wrong input that must not pass), and that a refusal leaves nothing behind. Another user
// is stood for by `trusted`, the owners it accepts: a set without this process's uid makes its own
// folders someone else's.

import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
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
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureFolder, readSafely, writeSafely } from "../../src/runtime/safe-write.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "netl-safe-write-"));
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const someoneElse = new Set([4_000_000]);

describe("writeSafely", () => {
  it("writes a new file with its mode, by a renamed temporary file (none left)", () => {
    const f = join(dir, "a.sh");
    expect(writeSafely(f, "x\n", { mode: 0o700 })).toBeUndefined();
    expect(readFileSync(f, "utf8")).toBe("x\n");
    expect(statSync(f).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(["a.sh"]);
  });

  it("replaces an existing file (a new inode) and keeps its mode", () => {
    const f = join(dir, "h");
    writeFileSync(f, "old", { mode: 0o600 });
    const before = statSync(f).ino;
    expect(writeSafely(f, "new", { mode: 0o644 })).toBeUndefined();
    expect(readFileSync(f, "utf8")).toBe("new");
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(f).ino).not.toBe(before);
  });

  it("never writes through a symbolic link; force replaces the link, not what it names", () => {
    const target = join(dir, "target");
    writeFileSync(target, "keep");
    const link = join(dir, "link");
    symlinkSync(target, link);
    expect(writeSafely(link, "x")).toMatchObject({
      message: `${link} is a symbolic link: netl never writes through one`,
    });
    expect(readFileSync(target, "utf8")).toBe("keep");
    expect(writeSafely(link, "x", { force: true })).toBeUndefined();
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("keep");
    // A dangling link (to a file not there yet) is refused alike: it would create the file it names.
    const dangling = join(dir, "dangling");
    symlinkSync(join(dir, "made-by-link"), dangling);
    expect(writeSafely(dangling, "x")?.message).toContain("symbolic link");
    expect(existsSync(join(dir, "made-by-link"))).toBe(false);
  });

  it("refuses a folder or a file of another user, unless forced; a folder others may write to", () => {
    const f = join(dir, "f");
    expect(writeSafely(f, "x", { trusted: someoneElse })).toMatchObject({ forcible: true });
    expect(existsSync(f)).toBe(false);
    expect(writeSafely(f, "x", { trusted: someoneElse, force: true })).toBeUndefined();
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(writeSafely(join(shared, "f"), "x")?.message).toBe(
      `${shared} may be written by other users, who could replace what is written there`,
    );
    // The sticky bit (as /tmp has) makes such a folder safe: no one replaces another's file there.
    chmodSync(shared, 0o1777);
    expect(writeSafely(join(shared, "f"), "x")).toBeUndefined();
  });

  it("refuses a folder, a FIFO, a missing folder, and a name under a file", () => {
    mkdirSync(join(dir, "sub"));
    expect(writeSafely(join(dir, "sub"), "x")?.message).toContain("it is a folder");
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(writeSafely(join(dir, "fifo"), "x")?.message).toContain("not a regular file");
    expect(writeSafely(join(dir, "none", "f"), "x")?.message).toContain("no such folder");
    writeFileSync(join(dir, "file"), "");
    expect(writeSafely(join(dir, "file", "f"), "x")).toBeDefined();
    expect(readdirSync(dir).sort()).toEqual(["fifo", "file", "sub"]);
  });

  it("a folder reached through a link of root's own is written as the folder it is", () => {
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), join(dir, "alias"));
    expect(writeSafely(join(dir, "alias", "f"), "x")).toBeUndefined();
    expect(readFileSync(join(dir, "real", "f"), "utf8")).toBe("x");
  });
});

describe("ensureFolder and readSafely", () => {
  it("makes a missing folder 0700; refuses a link in its place and another user's", () => {
    const f = join(dir, ".netl");
    expect(ensureFolder(f)).toBeUndefined();
    expect(statSync(f).mode & 0o777).toBe(0o700);
    expect(ensureFolder(f)).toBeUndefined();
    const link = join(dir, ".link");
    symlinkSync(dir, link);
    expect(ensureFolder(link)?.message).toBe(`${link} is not a folder (a symbolic link)`);
    expect(ensureFolder(f, 0o700, { trusted: someoneElse })).toMatchObject({ forcible: true });
  });

  it("reads a regular file up to a bound; never a link, a FIFO or a folder", () => {
    writeFileSync(join(dir, "f"), "0123456789");
    expect(readSafely(join(dir, "f"), 4)).toBe("0123");
    expect(readSafely(join(dir, "f"), 100)).toBe("0123456789");
    symlinkSync(join(dir, "f"), join(dir, "l"));
    expect(readSafely(join(dir, "l"), 100)).toBeUndefined();
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(readSafely(join(dir, "fifo"), 100)).toBeUndefined();
    expect(readSafely(dir, 100)).toBeUndefined();
  });
});
