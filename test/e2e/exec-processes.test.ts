// Processes an `exec` leaves running in a lab namespace are ended before netl deletes that
// namespace — by `del A`, by undo of `ns B`, by the teardown at the end of `netl test`, by
// `netl down` — each said in one line; a process in a namespace the lab does not own is never
// touched. Real kernel: `exec A sleep 1000 & echo $!` prints the background sleep's pid.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endProcessesIn } from "../../src/runtime/lingering.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("procs");
const other = `${prefix}-other`; // made by hand, not the lab's
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`) && n !== other)
    .sort();
const dir = mkdtempSync(join(tmpdir(), "netl-procs-"));
const env = { NETL_RUN_DIR: join(dir, "run") };

/** Whether a pid is a live process (a zombie waiting for its reaper is not). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Waits until `done()` holds, for a second at most (the caller's assertion says what did not happen). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** The pids the script printed (`echo $!`), in order. */
const printedPids = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => /^\d+$/.test(l))
    .map(Number);

/** A lab of one node left up by `netl run`, a `sleep SECONDS` running in it: that sleep's pid. */
async function leftUp(node: string, seconds: number): Promise<number> {
  const file = join(dir, `${node}.netl`);
  writeFileSync(file, `ns ${node}\nexec ${node} sleep ${seconds} & echo $!\n`);
  const r = await netl(["run", "--prefix", prefix, "--lab", prefix, file], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  const [pid] = printedPids(r.stdout) as [number];
  expect(alive(pid)).toBe(true);
  return pid;
}

describe.runIf(kernelTestsEnabled("exec-processes.test.ts"))("processes left by exec", () => {
  let bystander: number;

  beforeAll(() => {
    execFileSync("ip", ["netns", "add", other]);
    const child = spawn("ip", ["netns", "exec", other, "sleep", "1000"], { detached: true, stdio: "ignore" });
    child.unref();
    bystander = child.pid as number;
  });

  afterAll(async () => {
    await netl(["down", prefix], { env });
    try {
      process.kill(bystander, "SIGKILL");
    } catch {}
    for (const ns of [...mine(), other]) if (netnsList().includes(ns)) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("undo of ns, del and the teardown end them first, each said in one line; a bystander is untouched", async () => {
    const file = join(dir, "left.netl");
    writeFileSync(
      file,
      [
        "ns B",
        "exec B sleep 1001 & echo $!",
        "undo", // takes back `ns B`: its sleep is ended first
        "ns A C",
        "link A <-> C 10.0.0.0/24",
        "exec A sleep 1000 & echo $!",
        "exec C sh -c 'sleep 1002 & echo $!'",
        "del A", // its sleep is ended first
        "exec C true",
      ].join("\n"),
    );
    const r = await netl(["test", "--prefix", prefix, "--lab", prefix, file], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const [b, a, c] = printedPids(r.stdout) as [number, number, number];
    const lines = r.stdout.split("\n");
    const at = (text: string) => lines.indexOf(text);
    expect(at(`ended 1 process left running in B: pid ${b} sleep`)).toBeGreaterThan(-1);
    expect(at(`ended 1 process left running in A: pid ${a} sleep`)).toBeGreaterThan(-1);
    expect(at(`ended 1 process left running in C: pid ${c} sleep`)).toBeGreaterThan(-1);
    // Before the namespace goes: before what `del A` prints, and before the teardown's last words.
    expect(at(`ended 1 process left running in A: pid ${a} sleep`)).toBeLessThan(at("- ns A"));
    expect(at(`ended 1 process left running in C: pid ${c} sleep`)).toBeLessThan(
      lines.findIndex((l) => l.startsWith(`removed lab '${prefix}'`)),
    );
    for (const pid of [a, b, c]) expect(alive(pid), `pid ${pid}`).toBe(false);
    expect(alive(bystander)).toBe(true);
    expect(mine()).toEqual([]);
    expect(existsSync(join(env.NETL_RUN_DIR, `${prefix}.json`))).toBe(false);
  });

  it("netl down ends what runs in a lab left up, then removes it", async () => {
    const d = await leftUp("D", 1003);
    const down = await netl(["down", prefix], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toBe(
      [`ended 1 process left running in D: pid ${d} sleep`, `removed lab '${prefix}' (1 namespace)`].join("\n"),
    );
    expect(alive(d)).toBe(false);
    expect(alive(bystander)).toBe(true);
    expect(mine()).toEqual([]);
  });

  it("netl down run from inside the lab's namespace ends nothing there; from outside, it removes it", async () => {
    const e = await leftUp("E", 1004);
    // `ip netns exec` runs netl itself in E: the sleep shares netl's own namespace (issue 25 #3).
    const inside = spawnSync(
      "ip",
      ["netns", "exec", `${prefix}-E`, new URL("../../dist/netl", import.meta.url).pathname, "down", prefix],
      { encoding: "utf8", env: { ...process.env, ...env, NO_COLOR: "1" } },
    );
    expect(inside.status).toBe(1);
    expect(inside.stderr).toContain(
      `left namespace ${prefix}-E alone: it is netl's own network namespace or the machine's (run netl from outside it)`,
    );
    expect(alive(e)).toBe(true);
    expect(mine()).toEqual([`${prefix}-E`]);
    const down = await netl(["down", prefix], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toContain(`ended 1 process left running in E: pid ${e} sleep`);
    expect(alive(e)).toBe(false);
    expect(alive(bystander)).toBe(true);
    expect(mine()).toEqual([]);
  });

  it("a namespace reached through a symlinked directory (no mount point mountinfo names) is found by its inode", async () => {
    const ns = `${prefix}-F`;
    execFileSync("ip", ["netns", "add", ns]);
    const child = spawn("ip", ["netns", "exec", ns, "sleep", "1005"], { detached: true, stdio: "ignore" });
    child.unref();
    const pid = child.pid as number;
    const link = join(dir, "netns-link");
    symlinkSync("/run/netns", link);
    try {
      // Until `ip netns exec` has entered the namespace and exec'ed sleep.
      await until(() => readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("sleep"));
      const { dev, ino } = statSync(`/run/netns/${ns}`);
      const ending = await endProcessesIn([{ name: ns, dev, ino }], { netnsDir: link, graceMs: 500 });
      expect(ending).toEqual({ ended: [{ ns, pid, name: "sleep" }], survived: [] });
      // Ended means out of the namespace; the last steps of its exit may take a moment more.
      await until(() => !alive(pid));
      expect(alive(pid)).toBe(false);
      expect(alive(bystander)).toBe(true);
    } finally {
      if (alive(pid)) process.kill(pid, "SIGKILL");
      execFileSync("ip", ["netns", "del", ns]);
    }
  });

  it("a plain file named like a namespace, in a stand-in directory, matches no process", async () => {
    const standIn = join(dir, "stand-in");
    mkdirSync(standIn);
    writeFileSync(join(standIn, other), "");
    // Named with the identity of the real namespace of that name: the plain file is not it.
    const { dev, ino } = statSync(`/run/netns/${other}`);
    const ending = await endProcessesIn([{ name: other, dev, ino }], { netnsDir: standIn, graceMs: 100 });
    expect(ending).toEqual({ ended: [], survived: [] });
    expect(alive(bystander)).toBe(true);
  });
});
