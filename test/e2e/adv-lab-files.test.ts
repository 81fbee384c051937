// Found from the outside (wave 3, the adversary), through the built CLI. `netl serve LAB` took a path for
// LAB (`netl serve ../../tmp/x` read /tmp/x.live, a link there to /dev/zero grew it past a gigabyte, a
// FIFO hung it) where every other command refuses a name that is not a lab name; and a FIFO at a lab's
// World or batches file (LAB.world, LAB.batches) hung `netl ls`, `netl show` and `netl down` for good;
// `--listen ''` served the page on every address of the machine.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("advf");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-adv-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("netl serve LAB takes a lab name, never a path", () => {
  it("refuses a path with exit 2 before it reads anything or listens", async () => {
    execFileSync("mkfifo", [join(dir, "hang.live")]);
    symlinkSync("/dev/zero", join(dir, "zero.live"));
    for (const name of ["../hang", "../zero", `${dir}/hang`, "a\nb"]) {
      const r = await netl(["serve", name, "--port", "0"], { env });
      expect(r.exitCode, name).toBe(2);
      expect(r.stderr).toContain("is not a lab name");
      expect(r.stdout).not.toContain("live page:");
    }
  }, 30_000);
});

describe("--listen takes an address", () => {
  // An empty one had node listen on every address of the machine and print `http://:PORT/`.
  it("refuses an empty or blank one with exit 2, before it listens", async () => {
    for (const bad of ["", " ", "a b", "[]"]) {
      const r = await netl(["serve", `${prefix}-none`, "--listen", bad, "--port", "0"], { env });
      expect(r.exitCode, JSON.stringify(bad)).toBe(2);
      expect(r.stderr).toContain("an address to listen on");
      expect(r.stdout).not.toContain("live page:");
    }
  }, 30_000);
});

describe("-o FILE is said with its control bytes escaped", () => {
  // `wrote FILE` printed the name as given: a name from elsewhere (a script's variable, a listing)
  // reached the terminal with its escape sequences, where every other name netl prints is escaped.
  it("netl export and netl graph", async () => {
    const script = join(dir, "small.netl");
    writeFileSync(script, "ns a\n");
    const out = (ext: string) => join(dir, `o\x1b]0;x\x07\x1b[2J.${ext}`);
    for (const args of [
      ["export", "--format", "sh", script, "-o", out("sh")],
      ["export", "--format", "containerlab", script, "-o", out("yml")],
      ["graph", script, "-o", out("dot")],
      ["graph", script, "-o", out("png")],
    ]) {
      const r = await netl(args);
      expect(`${r.stdout}${r.stderr}`, args.join(" ")).toContain("o\\x1b]0;x\\x07\\x1b[2J.");
      expect(`${r.stdout}${r.stderr}`, args.join(" ")).not.toContain("\x1b");
    }
  }, 30_000);
});

describe.runIf(kernelTestsEnabled("adv-lab-files.test.ts"))("a FIFO planted beside a record", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("stalls neither ls, show nor down, which removes the lab", async () => {
    const script = join(dir, "lab.netl");
    writeFileSync(script, "ns a b\nlink a <-> b 10.213.250.0/30\n");
    const lab = `${prefix}-lab`;
    const up = await netl(["run", "--prefix", prefix, "--lab", lab, script], { env });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(mine()).toHaveLength(2);
    rmSync(join(runDir, `${lab}.world`), { force: true });
    execFileSync("mkfifo", [join(runDir, `${lab}.world`), join(runDir, `${lab}.batches`)]);
    const ls = await netl(["ls"], { env });
    expect(ls.stdout).toContain(lab);
    const show = await netl(["show", lab], { env });
    expect(show.exitCode).not.toBe(0);
    const down = await netl(["down", lab], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(mine()).toEqual([]);
    expect(existsSync(join(runDir, `${lab}.json`))).toBe(false);
  }, 60_000);
});
