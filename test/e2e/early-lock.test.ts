// The lab's lock asked for while the script is read (runtime/early-lock.ts): taken when `flock` has
// it by the time the lab opens, let go (its file with it) when it has not, and never a file left
// behind by a netl whose script was refused. Wrong answers too: a lab held by another is still refused.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EarlyLock } from "../../src/runtime/early-lock.js";
import { acquireLock, lockHeld } from "../../src/runtime/lab-lock.js";
import { isRoot } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("nlt-early-lock-");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until flock(1) has run: it takes the lock and ends, and the table lists the lock on netl's file. */
async function settled() {
  await sleep(150);
}

describe("the lab's lock, asked for early", () => {
  it("is taken when flock has it, and acquireLock makes it the lab's", async () => {
    const dir = tempDir();
    const early = EarlyLock.start(dir, "lab1");
    expect(early).toBeDefined();
    await settled();
    const first = early?.take();
    expect(first?.kind).toBe("held");
    // Once only: a second take has nothing.
    expect(early?.take()).toBeUndefined();
    const lock = acquireLock(dir, "lab1", first);
    if (!lock.ok) throw new Error(lock.error.message);
    expect(readdirSync(dir)).toEqual(["lab1.lock"]);
    expect(lockHeld(dir, "lab1")).toBe(true);
    lock.value();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("is let go, its file with it, when asked before flock has it", () => {
    const dir = tempDir();
    const early = EarlyLock.start(dir, "lab2");
    expect(early?.take()).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not make a lab held by another netl free", async () => {
    const dir = tempDir();
    const held = acquireLock(dir, "lab3");
    if (!held.ok) throw new Error(held.error.message);
    const early = EarlyLock.start(dir, "lab3");
    await settled();
    const taken = acquireLock(dir, "lab3", early?.take());
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.message).toContain("in use by another netl");
    held.value();
    expect(readdirSync(dir).filter((f) => f.includes(".new"))).toEqual([]);
  });

  it.runIf(isRoot)("leaves no file when netl's script is refused", async () => {
    const dir = tempDir();
    const script = join(dir, "bad.netl");
    writeFileSync(script, "ns A\nlink A <-> Z 10.0.0.0/24\n");
    const runDir = join(dir, "run");
    const r = await netl(["run", "--lab", "early", script], { env: { NETL_RUN_DIR: runDir } });
    expect(r.exitCode).not.toBe(0);
    expect(readdirSync(runDir)).toEqual([]);
  });
});
