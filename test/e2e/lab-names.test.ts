// Issue 18 #5: a lab name is a name, never a path. `--lab`, `down`, `ls` and `clean` refuse anything
// but letters, digits, '_' and '-' starting with a letter (64 characters at most) with exit 2 and a
// clear message, before anything is written or read: a record outside the run directory is never
// written (`--lab ../x`) nor read (`down ../../tmp/evil`, whose namespace survives), a newline cannot
// forge a line of `ls`, and a 250-character name leaves no lock behind. A name made from a file name
// follows the rule (`../x y.netl` → `x_y`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("names");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-names-"));
const runDir = join(dir, "run", "deeper");
mkdirSync(runDir, { recursive: true });
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "one.netl");
writeFileSync(script, "ns a\n");
const RULE = "a lab name starts with a letter and holds letters, digits, '_' and '-', at most 64 characters";

describe.runIf(kernelTestsEnabled("lab-names.test.ts"))("lab names are names", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("--lab with a path, a newline or 250 characters: exit 2, nothing written anywhere", async () => {
    for (const bad of ["../../x", "../escape", "a\nb", "x".repeat(250), "9lives", "a.b", ""]) {
      const r = await netl(["run", "--prefix", prefix, "--lab", bad, script], { env });
      expect(r.exitCode, JSON.stringify(bad)).toBe(2);
      expect(r.stderr).toContain("is not a lab name");
      expect(r.stderr).toContain(RULE);
      expect(r.stderr).not.toContain("\nb'");
    }
    expect(readdirSync(runDir)).toEqual([]);
    expect(existsSync(join(dir, "run", "escape.json"))).toBe(false);
    expect(existsSync(join(dir, "x.json"))).toBe(false);
    expect(mine()).toEqual([]);
    // The longest name there may be works, and leaves no lock behind when it is done.
    const longest = `${prefix}-${"x".repeat(64 - prefix.length - 1)}`;
    const ok = await netl(["run", "--down", "--prefix", prefix, "--lab", longest, script], { env });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readdirSync(runDir)).toEqual([]);
  });

  it("down of a path reads nothing there: the namespace a planted record names survives", async () => {
    const victim = `${prefix}-victim`;
    execFileSync("ip", ["netns", "add", victim]);
    const { dev, ino } = statSync(`/run/netns/${victim}`);
    const planted = { version: 2, lab: "evil", pid: 1, updated: "", namespaces: [{ name: victim, dev, ino }] };
    writeFileSync(join(dir, "evil.json"), JSON.stringify(planted));
    for (const name of ["../../evil", "../evil", `${dir}/evil`, "evil\n"]) {
      const down = await netl(["down", name], { env });
      expect(down.exitCode, name).toBe(2);
      expect(down.stderr).toContain("is not a lab name");
    }
    expect(mine()).toContain(victim);
    execFileSync("ip", ["netns", "del", victim]);
  });

  it("ls and clean skip a record file whose name is not a lab name, and say so; the others go on", async () => {
    expect((await netl(["run", "--prefix", prefix, "--lab", `${prefix}-good`, script], { env })).exitCode).toBe(0);
    const fake = { version: 2, lab: "x\nforged  2 namespaces up", pid: 1, updated: "", namespaces: [] };
    writeFileSync(join(runDir, "x\nforged  2 namespaces up.json"), JSON.stringify(fake));
    const ls = await netl(["ls"], { env });
    expect(ls.exitCode).toBe(0);
    expect(ls.stdout.split("\n")).toEqual([
      `${prefix}-good: up (its netl has ended: netl attach ${prefix}-good to work in it, netl down ${prefix}-good to remove it), prefix ${prefix}`,
      "  NODE  KIND  NAMESPACE        STATE  INTERFACES",
      `  a     ns    ${prefix}-a  up     -`,
    ]);
    expect(ls.stderr).toBe("skipped x\\x0aforged  2 namespaces up.json: its name is not a lab name");
    const clean = await netl(["clean"], { env });
    expect(clean.stdout).toBe(`removed lab '${prefix}-good' (1 namespace)`);
    expect(clean.stderr).toBe("skipped x\\x0aforged  2 namespaces up.json: its name is not a lab name");
    expect(clean.exitCode).toBe(1);
    expect(mine()).toEqual([]);
    rmSync(join(runDir, "x\nforged  2 namespaces up.json"));
  });

  it("a name from a file's name follows the rule: ../x y.netl is lab P-x_y; 01.netl is lab P-lab-01", async () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "x y.netl"), "ns a\n");
    writeFileSync(join(dir, "01.netl"), "ns b\n");
    const run = await netl(["run", "--prefix", prefix, join(dir, "sub", "..", "x y.netl")], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    // With --prefix P, the lab is P-FILE.
    expect(run.stdout).toContain(`lab '${prefix}-x_y' is up`);
    const other = await netl(["run", "--prefix", prefix, join(dir, "01.netl")], { env });
    expect(other.stdout).toContain(`lab '${prefix}-lab-01' is up`);
    expect((await netl(["down", `${prefix}-x_y`], { env })).exitCode).toBe(0);
    expect((await netl(["down", `${prefix}-lab-01`], { env })).exitCode).toBe(0);
    // One too long to be a lab name: refused, with the way out.
    const long = join(dir, `${"y".repeat(70)}.netl`);
    writeFileSync(long, "ns c\n");
    const r = await netl(["run", "--prefix", prefix, long], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`(${prefix.length + 1 + 70} characters)`);
    expect(r.stderr).toContain("name the lab with --lab NAME");
    expect(mine()).toEqual([]);
  });
});
