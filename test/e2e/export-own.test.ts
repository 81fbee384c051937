// Issue 25 #3, the exported script: `up` writes what it made into a state file with each one's
// identity; `down` removes only what that file lists and still is what `up` made. Without `up` (no
// state file), `down` touches nothing, not even a namespace with the lab's name and a process in it. A
// namespace or host end someone made again under the lab's name after `up` is left alone and said. A
// state file naming a namespace bound to the machine's own network namespace (the shell's) ends nothing.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { assertClear } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("xown");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-xown-"));
const NET = "10.213.84";
const started: number[] = [];
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

/** The lab as a script (`ns A B`, A linked to host); its path and its state file. */
async function exported() {
  const file = join(dir, "lab.netl");
  writeFileSync(file, `ns A B\nlink A <-> B 10.0.0.0/24\nlink A <-> host ${NET}.0/30\n`);
  const script = join(dir, "lab.sh");
  const r = await netl(["export", "--format", "sh", "--prefix", prefix, "-o", script, file]);
  expect(r.exitCode, r.stderr).toBe(0);
  return { script, state: `/run/netl-export/${prefix}-lab.state` };
}

const bash = (script: string, verb: string) => execa("bash", [script, verb], { reject: false });

/** A bystander's namespace with a process in it; the process's pid. */
function bystander(ns: string): number {
  execFileSync("ip", ["netns", "add", ns]);
  const child = spawn("ip", ["netns", "exec", ns, "sleep", "1088"], { detached: true, stdio: "ignore" });
  child.unref();
  started.push(child.pid as number);
  return child.pid as number;
}

const hostEnd = (script: string) => /^HOST_ENDS=\((\S+)\)$/m.exec(readFileSync(script, "utf8"))?.[1] as string;

describe.runIf(kernelTestsEnabled("export-own.test.ts"))("an exported script owns by identity", () => {
  afterAll(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("down without up touches nothing: a namespace with the lab's name and its process survive", async () => {
    const { script, state } = await exported();
    const pid = bystander(`${prefix}-A`);
    const down = await bash(script, "down");
    expect(down.exitCode).toBe(0);
    expect(down.stdout).toBe(`lab: nothing to remove: no ${state} (bash ${script} up writes there what it makes)`);
    expect(mine()).toEqual([`${prefix}-A`]);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(true);
    process.kill(pid, "SIGKILL");
    execFileSync("ip", ["netns", "del", `${prefix}-A`]);
  });

  it("after up: what someone made again under the lab's names is left alone, the rest goes", async () => {
    assertClear(`${NET}.0/30`);
    const { script, state } = await exported();
    const up = await bash(script, "up");
    expect(up.exitCode, up.stderr).toBe(0);
    expect(readFileSync(state, "utf8").split("\n").filter(Boolean).length).toBe(3);
    // B deleted and made again by someone else, with a process in it; the host end likewise.
    execFileSync("ip", ["netns", "del", `${prefix}-B`]);
    const pid = bystander(`${prefix}-B`);
    const end = hostEnd(script);
    execFileSync("ip", ["link", "del", end]);
    execFileSync("ip", ["link", "add", end, "type", "veth", "peer", "name", `${end}p`]);
    const down = await bash(script, "down");
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr.split("\n").sort()).toEqual([
      `lab: left namespace ${prefix}-B alone: it is not the one up made`,
      `lab: left the machine's ${end} alone: it is not the one up made`,
    ]);
    expect(mine()).toEqual([`${prefix}-B`]);
    expect(alive(pid)).toBe(true);
    expect(existsSync(`/sys/class/net/${end}`)).toBe(true);
    expect(existsSync(state)).toBe(false);
    execFileSync("ip", ["link", "del", end]);
    process.kill(pid, "SIGKILL");
    execFileSync("ip", ["netns", "del", `${prefix}-B`]);
  });

  it("a state file naming a namespace bound to the shell's own: nothing ended, nothing deleted", async () => {
    const { script, state } = await exported();
    const bound = `${prefix}-A`;
    execFileSync("ip", ["netns", "attach", bound, String(process.pid)]);
    const sleeper = spawn("sleep", ["1099"], { stdio: "ignore" });
    started.push(sleeper.pid as number);
    const { dev, ino } = statSync(`/run/netns/${bound}`);
    execFileSync("mkdir", ["-p", "/run/netl-export"]);
    writeFileSync(state, `ns ${bound} ${dev} ${ino}\n`);
    const down = await bash(script, "down");
    expect(down.stderr).toBe(
      `lab: left namespace ${bound} alone: it is this shell's own or the machine's (run down from outside it)`,
    );
    // Not done: the state file stays, and down says so by its status.
    expect(down.exitCode).toBe(1);
    expect(existsSync(state)).toBe(true);
    rmSync(state);
    expect(alive(sleeper.pid as number)).toBe(true);
    expect(alive(process.pid)).toBe(true);
    expect(mine()).toEqual([bound]);
    execFileSync("ip", ["netns", "del", bound]);
  });
});
