// runtime/netns-del.ts and native/netns-del.pl (real namespaces, real flock): the teardown's one
// process. It deletes a namespace only while its name is bound to the very one it is told (device,
// inode and birth), leaves anything else at that name alone and says what is there, acts on no line
// cut short; the lock it takes is netl's open file's, kept after the helper ends and freed when netl
// closes it, and refused while another holds it.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, lstatSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flockFileSync } from "../../src/runtime/flock.js";
import type { NsId } from "../../src/runtime/identity.js";
import { startDeleter } from "../../src/runtime/netns-del.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";

const prefix = testPrefix("nsdel");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const NETNS = "/run/netns";
const dir = mkdtempSync(join(tmpdir(), "netl-nsdel-"));

const add = (name: string) => execFileSync("ip", ["netns", "add", `${prefix}-${name}`]);
/** What is at the name now, as netl records it. */
const idOf = (name: string): NsId => {
  const s = lstatSync(`${NETNS}/${prefix}-${name}`, { bigint: true });
  return { name: `${prefix}-${name}`, dev: Number(s.dev), ino: Number(s.ino), born: Number(s.ctimeNs / 1000n) };
};

describe.runIf(kernelTestsEnabled("netns-del.test.ts"))("the teardown helper", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("deletes what is still the lab's, and nothing that only has its name", async () => {
    for (const n of ["a", "b", "c", "d"]) add(n);
    const a = idOf("a");
    const b = idOf("b");
    const c = idOf("c");
    // b is deleted and made again by someone else: the same name, a new namespace (perhaps its inode).
    execFileSync("ip", ["netns", "del", b.name]);
    add("b");
    const d = idOf("d");
    const deleter = startDeleter(NETNS);
    if (deleter === undefined) throw new Error("no perl here");
    const answers = await deleter.remove([
      a,
      b,
      // A record whose birth is off, whose inode is off, and one of an older netl without a birth.
      { ...c, born: (c.born as number) + 5 },
      { ...d, ino: d.ino + 1 },
      { name: `${prefix}-gone`, dev: a.dev, ino: a.ino, born: a.born },
    ]);
    expect(answers.get(a.name)).toEqual({ kind: "gone" });
    expect(answers.get(b.name)?.kind).toBe("other");
    expect(answers.get(c.name)?.kind).toBe("other");
    expect(answers.get(d.name)).toEqual({ kind: "other", now: { dev: d.dev, ino: d.ino, born: d.born } });
    expect(answers.get(`${prefix}-gone`)).toEqual({ kind: "absent" });
    expect(mine().sort()).toEqual([b.name, c.name, d.name].sort());
    // Without a birth (an older record), device and inode decide.
    const old = startDeleter(NETNS);
    const { born: _, ...noBirth } = idOf("c");
    expect((await old?.remove([noBirth]))?.get(c.name)).toEqual({ kind: "gone" });
    expect(mine().sort()).toEqual([b.name, d.name].sort());
  });

  it("acts on no line cut short, nor on a name that is a path", async () => {
    add("e");
    const e = idOf("e");
    const perl = spawn("perl", ["-w", "-e", await helperText(), process.arch, NETNS, "-"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    perl.stdout.on("data", (t) => {
      out += t;
    });
    // A netl killed as it wrote: the last line has no newline.
    perl.stdin.end(`../${e.name} ${e.dev} ${e.ino} -\n${e.name} ${e.dev} ${e.ino} ${e.born}`);
    await new Promise((r) => perl.once("close", r));
    expect(out).toMatch(/^failed \? not NAME DEV INO BORN/);
    expect(out.split("\n").filter(Boolean)).toHaveLength(1);
    expect(mine()).toContain(e.name);
  });

  it("on a machine whose syscall numbers it does not know, deletes nothing and says so for each name", async () => {
    add("f");
    const f = idOf("f");
    const perl = spawn("perl", ["-w", "-e", await helperText(), "vax", NETNS, "-"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    perl.stdout.on("data", (t) => {
      out += t;
    });
    perl.stdin.end(`${f.name} ${f.dev} ${f.ino} ${f.born}\n`);
    await new Promise((r) => perl.once("close", r));
    expect(out).toBe(`failed ${f.name} no statx and umount2 numbers for vax\n`);
    expect(mine()).toContain(f.name);
  });

  it("takes the lock on netl's own open file: kept after it ends, refused while another holds it", async () => {
    const path = join(dir, "lab.lock");
    const fd = openSync(path, "a+");
    const deleter = startDeleter(NETNS, { lockFd: fd });
    expect((await deleter?.held)?.kind).toBe("held");
    deleter?.close();
    await deleter?.remove([]);
    // The helper is gone; the lock is still this process's, on its open file.
    expect(flockFileSync(path).kind).toBe("busy");
    const second = startDeleter(NETNS, { lockFd: openSync(path, "a+") });
    expect(await second?.held).toEqual({ kind: "busy" });
    closeSync(fd);
    const third = flockFileSync(path);
    expect(third.kind).toBe("held");
    if (third.kind === "held") third.lock.release();
  });

  it("is not there without perl: the caller falls back to flock and ip", () => {
    expect(startDeleter(NETNS, { perl: "no-such-perl-here" })).toBeUndefined();
    expect(startDeleter(NETNS, { perl: "no-such-perl-here", lockFd: 0 })).toBeUndefined();
  });
});

async function helperText(): Promise<string> {
  return (await import("../../src/runtime/native/netns-del.pl")).default;
}
