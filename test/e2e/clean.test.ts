// netl clean: every record no netl holds is removed, exactly what it lists (as netl down);
// a hand-made namespace with a lab-like name survives; a lab whose lock is held is left alone;
// after a "reboot" (record present, namespaces gone) ls says gone and clean clears it.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockHeld } from "../../src/runtime/lab-lock.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("clean");
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();
// Our own run directory: clean must not see (or remove) other people's labs on this machine.
const runDir = mkdtempSync(join(tmpdir(), "netl-clean-"));
const env = { NETL_RUN_DIR: runDir };

describe.runIf(kernelTestsEnabled("clean.test.ts"))("netl clean", () => {
  afterAll(async () => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(runDir, { recursive: true, force: true });
  });

  it("removes abandoned labs by their records only, clears a rebooted one, spares a live owner's", async () => {
    const a = `${prefix}-a`;
    const r = `${prefix}-r`;
    const live = `${prefix}-l`;
    for (const lab of [a, r]) {
      const run = await netl(["run", "--prefix", lab, "--lab", lab, "examples/two-hosts.netl"], { env });
      expect(run.exitCode, run.stderr).toBe(0);
    }
    expect(mine()).toEqual([`${a}-A`, `${a}-B`, `${r}-A`, `${r}-B`]);
    // A "reboot" of lab r: its namespaces are gone, its record stays.
    for (const ns of [`${r}-A`, `${r}-B`]) execFileSync("ip", ["netns", "del", ns]);
    // A lab a netl still holds (its lock, held here by flock): clean leaves it.
    writeFileSync(
      join(runDir, `${live}.json`),
      JSON.stringify({ version: 2, lab: live, pid: process.pid, updated: "", namespaces: [] }),
    );
    const holder = spawn("flock", ["-o", "-x", join(runDir, `${live}.lock`), "sleep", "60"], {
      stdio: "ignore",
      detached: true,
    });
    for (let i = 0; i < 250 && !lockHeld(runDir, live); i++) await new Promise((r) => setTimeout(r, 20));
    // A namespace made by hand with a lab-like name is not the lab's.
    execFileSync("ip", ["netns", "add", `${a}-Z`]);

    const ls = await netl(["ls"], { env });
    expect(ls.stdout).toContain(`${a}: up (its netl has ended`);
    expect(ls.stdout).toContain(`${r}: gone (none of its namespaces exists`);

    const clean = await netl(["clean"], { env });
    expect(clean.stderr).toBe("");
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout.split("\n").sort()).toEqual([
      `removed lab '${a}' (2 namespaces)`,
      `removed lab '${r}' (0 namespaces)`,
    ]);
    expect(mine()).toEqual([`${a}-Z`]);
    expect(existsSync(join(runDir, `${a}.json`))).toBe(false);
    expect(existsSync(join(runDir, `${r}.json`))).toBe(false);
    expect(existsSync(join(runDir, `${live}.json`))).toBe(true);

    const again = await netl(["clean"], { env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe("no abandoned labs");
    process.kill(-(holder.pid as number), "SIGKILL");
    execFileSync("ip", ["netns", "del", `${a}-Z`]);
  });
});
