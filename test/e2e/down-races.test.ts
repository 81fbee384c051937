// `netl down` against what can happen to it (issue 18's guarantees, kept by the teardown's one
// process, runtime/netns-del.ts): two of them racing on one lab never both remove it; one SIGKILLed at
// any moment leaves a lab the next `netl down` removes whole, with nothing left under the run
// directory; a namespace replaced by a bystander of the same name between run and down is left alone
// and said; and where perl is missing, `flock` and `ip` do the same.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const prefix = testPrefix("dr");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}`));
const dir = mkdtempSync(join(tmpdir(), "netl-downrace-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "lab.netl");
const SIZE = 30;
writeFileSync(script, `ns ${Array.from({ length: SIZE }, (_, i) => `n${i}`).join(" ")}\nlink n0 <-> n1\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function up(lab: string, extraEnv: Record<string, string> = {}) {
  const r = await netl(["run", "--prefix", lab, "--lab", lab, script], { env: { ...env, ...extraEnv } });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(mine().filter((n) => n.startsWith(`${lab}-`))).toHaveLength(SIZE);
}

/** The lab up, then its node `n` deleted and a bystander's namespace made at its name: that name. */
async function upWithBystander(lab: string, n: number): Promise<string> {
  await up(lab);
  const name = `${lab}-n${n}`;
  execFileSync("ip", ["netns", "del", name]);
  execFileSync("ip", ["netns", "add", name]);
  return name;
}

/** What the run directory still holds of the lab. */
const files = (lab: string) => {
  try {
    return readdirSync(runDir).filter((f) => f.startsWith(`${lab}.`));
  } catch {
    return [];
  }
};

describe.runIf(kernelTestsEnabled("down-races.test.ts"))("netl down, raced, killed and fooled", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("two netl down of one lab: one removes it, the other removes nothing, never both", async () => {
    for (let round = 0; round < 6; round++) {
      const lab = `${prefix}-r${round}`;
      await up(lab);
      const [a, b] = await Promise.all([netl(["down", lab], { env }), netl(["down", lab], { env })]);
      const both = `${a.stdout}${a.stderr}\n${b.stdout}${b.stderr}`;
      const removed = [a, b].filter((r) => r.stdout.includes(`removed lab '${lab}' (${SIZE} namespaces)`));
      expect(removed, both).toHaveLength(1);
      const other = removed[0] === a ? b : a;
      // Refused while the first held the lab, or found nothing left once it let go.
      const refused = other.exitCode === 1 && /is in use by another netl|no lab/.test(other.stderr);
      const nothing = other.exitCode === 0 && other.stdout.includes("(0 namespaces)");
      expect(refused || nothing, both).toBe(true);
      expect(mine().filter((n) => n.startsWith(`${lab}-`))).toEqual([]);
      expect(files(lab)).toEqual([]);
    }
  }, 120_000);

  it("a netl down SIGKILLed at any moment: the next one removes the rest, and nothing is left", async () => {
    for (const [round, ms] of [0, 10, 25, 45, 80].entries()) {
      const lab = `${prefix}-k${round}`;
      await up(lab);
      const child = spawn(NETL_BIN, ["down", lab], { env: { ...process.env, ...env }, stdio: "ignore" });
      // Listened for at once: on a quiet machine the down may be over before the kill.
      const closed = new Promise((r) => child.once("close", r));
      await sleep(ms);
      child.kill("SIGKILL");
      await closed;
      // The helper it started may still be deleting (it holds the lab's lock until it is done): in use.
      let again = await netl(["down", lab], { env });
      for (let i = 0; i < 50 && /in use/.test(again.stderr); i++) {
        await sleep(100);
        again = await netl(["down", lab], { env });
      }
      // Done by the first already (no lab), or finished now.
      expect(again.stderr, again.stdout).not.toMatch(/in use|could not/);
      expect(mine().filter((n) => n.startsWith(`${lab}-`))).toEqual([]);
      expect(files(lab)).toEqual([]);
    }
  }, 300_000);

  it("a bystander bound at a lab's name between run and down is left alone, and said", async () => {
    const lab = `${prefix}-b`;
    const name = await upWithBystander(lab, 7);
    const down = await netl(["down", lab], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr).toMatch(`left namespace ${name} alone: it is not the one lab '${lab}' made`);
    expect(mine().filter((n) => n.startsWith(`${lab}-`))).toEqual([name]);
    execFileSync("ip", ["netns", "del", name]);
  }, 60_000);

  it("without perl on PATH, flock and ip do it: the same lab removed, the same bystander spared", async () => {
    const lab = `${prefix}-p`;
    const name = await upWithBystander(lab, 3);
    // A PATH of node, ip and flock alone.
    const bin = join(dir, "bin");
    mkdirSync(bin, { recursive: true });
    for (const p of ["node", "ip", "flock"])
      symlinkSync(execFileSync("sh", ["-c", `command -v ${p}`], { encoding: "utf8" }).trim(), join(bin, p));
    const r = await execa(NETL_BIN, ["down", lab], { env: { ...env, PATH: bin, NO_COLOR: "1" }, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(`removed lab '${lab}' (${SIZE - 1} namespaces)`);
    expect(r.stderr).toMatch(`left namespace ${name} alone`);
    expect(mine().filter((n) => n.startsWith(`${lab}-`))).toEqual([name]);
    expect(files(lab)).toEqual([]);
    execFileSync("ip", ["netns", "del", name]);
  }, 60_000);
});
