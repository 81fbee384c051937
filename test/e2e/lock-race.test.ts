// Issue 18 #4 and issue 25 #10: one writer per lab, asked of the lock itself. Pairs of `netl run` on
// one lab start at once, with no lock file, an empty one (a racer that died just after making it), one
// naming a dead pid, or one naming a live process that is no netl: exactly one of each pair builds the
// lab, every time, and the other is refused. A lock file naming a live process that holds no lock never
// blocks `down`, and `ls`, `clean` and `down` agree on it; a lock really held blocks all three.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockHeld } from "../../src/runtime/lab-lock.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const PAIRS = Number(process.env.LOCK_RACE_PAIRS ?? 200);
const lab = testPrefix("race");
const mine = () => netnsList().filter((n) => n.startsWith(`${lab}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-race-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "one.netl");
writeFileSync(script, "ns a\n");
const lock = join(runDir, `${lab}.lock`);
const startTime = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
};
const started: number[] = [];

describe.runIf(kernelTestsEnabled("lock-race.test.ts"))("one writer per lab", () => {
  afterAll(async () => {
    for (const pid of started)
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    await netl(["down", lab], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${PAIRS} pairs of netl run on one lab: exactly one winner every time`, async () => {
    const run = () => netl(["run", "--prefix", lab, "--lab", lab, script], { env });
    const kinds = ["none", "empty", "dead pid", "live pid"] as const;
    const tally = Object.fromEntries(kinds.map((k) => [k, 0]));
    const double: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      execFileSync("mkdir", ["-p", runDir]);
      if (kind === "empty") writeFileSync(lock, "");
      if (kind === "dead pid") writeFileSync(lock, "4194000 1\n");
      if (kind === "live pid") writeFileSync(lock, `${process.pid} ${startTime(process.pid)}\n`);
      const pair = await Promise.all([run(), run()]);
      const won = pair.filter((r) => r.exitCode === 0);
      if (won.length !== 1)
        double.push(`pair ${i} (${kind}): ${pair.map((r) => `${r.exitCode} ${r.stderr}`).join(" | ")}`);
      for (const r of pair.filter((r) => r.exitCode !== 0)) {
        expect(r.exitCode, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/is in use by another netl|is already up/);
      }
      expect(mine()).toEqual([`${lab}-a`]);
      tally[kind] = (tally[kind] ?? 0) + 1;
      const down = await netl(["down", lab], { env });
      expect(down.exitCode, down.stderr).toBe(0);
    }
    expect(double).toEqual([]);
    process.stdout.write(`lock race: ${PAIRS} pairs (${JSON.stringify(tally)}), double winners: ${double.length}\n`);
  }, 1_800_000);

  it("a lock file naming a live process that holds no lock: ls, clean and down all say no netl holds the lab", async () => {
    expect((await netl(["run", "--prefix", lab, "--lab", lab, script], { env })).exitCode).toBe(0);
    // A process that is alive and is not netl, named with its true start time.
    const sleeper = spawn("sleep", ["300"], { stdio: "ignore" });
    started.push(sleeper.pid as number);
    writeFileSync(lock, `${sleeper.pid} ${startTime(sleeper.pid as number)}\n`);
    const ls = await netl(["ls"], { env });
    expect(ls.stdout).toContain(`${lab}: up (its netl has ended`);
    const json = JSON.parse((await netl(["ls", "--json"], { env })).stdout) as { lab: string; alive: boolean }[];
    expect(json.find((l) => l.lab === lab)?.alive).toBe(false);
    const down = await netl(["down", lab], { env });
    expect(down.stderr).toBe("");
    expect(down.exitCode).toBe(0);
    expect(mine()).toEqual([]);
    // clean agrees: an abandoned lab with such a lock file is removed.
    expect((await netl(["run", "--prefix", lab, "--lab", lab, script], { env })).exitCode).toBe(0);
    writeFileSync(lock, `${sleeper.pid} ${startTime(sleeper.pid as number)}\n`);
    const clean = await netl(["clean"], { env });
    expect(clean.stdout).toBe(`removed lab '${lab}' (1 namespace)`);
    expect(mine()).toEqual([]);
  });

  it("a lock really held (flock): ls, clean and down all say so, and touch nothing", async () => {
    expect((await netl(["run", "--prefix", lab, "--lab", lab, script], { env })).exitCode).toBe(0);
    // -o: the lock is flock's own, not its sleep's; killing flock lets it go.
    const holder = spawn("flock", ["-o", "-x", lock, "sleep", "300"], { stdio: "ignore", detached: true });
    started.push(-(holder.pid as number));
    for (let i = 0; i < 250 && !lockHeld(runDir, lab); i++) await new Promise((r) => setTimeout(r, 20));
    const ls = await netl(["ls"], { env });
    expect(ls.stdout).toMatch(new RegExp(`${lab}: running \\((a netl holds it|its netl runs, pid \\d+)\\)`));
    const down = await netl(["down", lab], { env });
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toContain(`lab '${lab}' is in use by another netl`);
    const clean = await netl(["clean"], { env });
    expect(clean.stdout).toBe("no abandoned labs");
    expect(mine()).toEqual([`${lab}-a`]);
    process.kill(-(holder.pid as number), "SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
