// A netl file is read bounded (runtime/text-file.ts): `load` takes a regular file of at most
// MAX_FILE_BYTES and refuses anything else at once — a device that never ends, a FIFO no one writes
// to, a folder, a file too big (without reading it) — and a script on the command line may also come
// through a pipe, read up to that size and no further. (In test/e2e: it starts mkfifo, sh and yes.)
import { execFileSync, spawn } from "node:child_process";
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFile } from "../../src/runtime/files.js";
import { MAX_FILE_BYTES, readTextFile } from "../../src/runtime/text-file.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-textfile-");

const dir = tempDir();
const at = { line: 1, col: 6, endLine: 1, endCol: 10, offset: 5, endOffset: 9 };

/** Within a second: refused at once, never read to the end or waited on. */
function quick<T>(f: () => T): T {
  const t = performance.now();
  const r = f();
  expect(performance.now() - t).toBeLessThan(1000);
  return r;
}

describe("reading a netl file", () => {
  it("reads a regular file of text", () => {
    const file = join(dir, "ok.netl");
    writeFileSync(file, "ns A\n");
    expect(readTextFile(file, false)).toEqual({ ok: true, text: "ns A\n" });
  });

  it("refuses for load, at once: a device, a FIFO without a writer, a folder, a missing file", () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(quick(() => readTextFile("/dev/zero", false))).toEqual({
      ok: false,
      why: "it is a device, not a regular file",
    });
    expect(quick(() => readTextFile(fifo, false))).toEqual({ ok: false, why: "it is a FIFO, not a regular file" });
    expect(quick(() => readTextFile(dir, false))).toEqual({ ok: false, why: "it is a folder" });
    expect(readTextFile(join(dir, "nope"), false)).toEqual({ ok: false, why: "no such file" });
  });

  it(`refuses a file over ${MAX_FILE_BYTES} bytes without reading it, and takes one of exactly that`, () => {
    const big = join(dir, "big.netl");
    writeFileSync(big, "");
    truncateSync(big, 64 * 1024 * 1024 * 1024); // 64 GiB, sparse
    expect(quick(() => readTextFile(big, false))).toEqual({
      ok: false,
      why: `it is larger than 4 MiB (${64 * 1024 * 1024 * 1024} bytes), the most a netl file may hold`,
    });
    truncateSync(big, MAX_FILE_BYTES);
    expect(readTextFile(big, false).ok).toBe(true);
  });

  it("takes a pipe for a script on the command line, read up to the size and no further", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `printf 'ns A\\n' > ${fifo}`]);
    expect(readTextFile(fifo, true)).toEqual({ ok: true, text: "ns A\n" });
    await new Promise((r) => writer.on("close", r));
    const endless = join(dir, "endless");
    execFileSync("mkfifo", [endless]);
    const yes = spawn("sh", ["-c", `yes 'ns A' > ${endless}`]);
    expect(readTextFile(endless, true)).toEqual({
      ok: false,
      why: "it is larger than 4 MiB, the most a netl file may hold",
    });
    yes.kill();
    // Still no device: /dev/zero is no script.
    expect(readTextFile("/dev/zero", true).ok).toBe(false);
  });

  it("load says why, with what it takes, at the file's name", () => {
    const stmt = { kind: "load" as const, path: "/dev/zero", pathSpan: at, span: at };
    const r = loadFile(stmt);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: "bad-file",
      message: "cannot load /dev/zero: it is a device, not a regular file",
      span: at,
      hint: "load takes a regular file of netl text, at most 4 MiB",
    });
  });

  it("load refuses a binary file with the position of its first control character", () => {
    const file = join(dir, "bin.netl");
    writeFileSync(file, Buffer.from([0x6e, 0x73, 0x20, 0x41, 0x0a, 0x7f, 0x45, 0x4c, 0x46, 0x00]));
    const r = loadFile({ kind: "load", path: file, pathSpan: at, span: at });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "control-character", span: { line: 2, col: 1 }, source: { name: file } });
  });
});
