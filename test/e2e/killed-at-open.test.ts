// Found from the outside (wave 2's adversary): netl killed while it opened a lab, before the lab's record
// was written, left LAB.lock and LAB.live (or its half-made lock, LAB.lock.PID.new) in the run directory,
// and then `netl down LAB` said "no lab (nothing under …)" and `netl clean` "no abandoned labs", both
// leaving them. Both now remove them, as a lab no netl holds, and say so; a lab whose lock is held is left alone.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const dir = tempDirs("netl-killed-open-");
/** A pid no process has: far above any pid_max in use. */
const DEAD = 4_000_000 + (process.pid % 1000);

/** What a netl killed between taking its lock and writing its record leaves of lab `lab`. */
function leftBehind(runDir: string, lab: string): void {
  writeFileSync(join(runDir, `${lab}.lock`), `${DEAD} 1\n`);
  writeFileSync(join(runDir, `${lab}.live`), `{"netl":1,"lab":"${lab}","pid":${DEAD},"version":0}`);
}

describe("files a netl killed at a lab's opening left", () => {
  it("netl down LAB removes them and says so", async () => {
    const runDir = dir();
    leftBehind(runDir, "k1");
    const r = await netl(["down", "k1"], { env: { NETL_RUN_DIR: runDir } });
    expect(readdirSync(runDir)).toEqual([]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("k1");
  });

  it("netl clean removes them, and a half-made lock of a netl gone, but not a held lab's", async () => {
    const runDir = dir();
    leftBehind(runDir, "k2");
    writeFileSync(join(runDir, `k3.lock.${DEAD}.new`), "");
    // Lab k4's lock held by a running flock: a netl opening it now, its files not to be touched.
    writeFileSync(join(runDir, "k4.live"), "{}");
    const holder = spawn("flock", [join(runDir, "k4.lock"), "sleep", "30"], { stdio: "ignore" });
    try {
      for (let i = 0; i < 100 && !existsSync(join(runDir, "k4.lock")); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      const r = await netl(["clean"], { env: { NETL_RUN_DIR: runDir } });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readdirSync(runDir).sort()).toEqual(["k4.live", "k4.lock"]);
      // Said, lab by lab; never "no abandoned labs" while it removed something, never the held lab.
      expect(r.stdout).toContain("lab 'k2' left (k2.live)");
      expect(r.stdout).toContain(`lab 'k3' left (k3.lock.${DEAD}.new)`);
      expect(r.stdout).not.toContain("no abandoned labs");
      expect(r.stdout).not.toContain("k4");
    } finally {
      holder.kill();
    }
  });
});
