// The lab's lock taken by the namespace maker started ahead (runtime/prestart-build.ts, native/netns.pl):
// `netl run` starts no `flock`. The lock is the new lock file's, held by netl after the maker lets go of
// it; acquireLock links that file into place; a build that never opens its lab leaves no file; a name
// that is no lab's makes none; the maker takes no lock unless asked, and answers `busy` for a lock held.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flockFileSync, type LockOutcome } from "../../src/runtime/flock.js";
import { acquireLock } from "../../src/runtime/lab-lock.js";
import { netnsArgv } from "../../src/runtime/netns-helper.js";
import { prestartBuild } from "../../src/runtime/prestart-build.js";
import { isRoot, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-prestart-lock-");
const realPerl = execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim();
/** Above Linux's largest pid_max: never a running process. */
const DEAD_PID = 4_194_305;
const perl = netnsArgv(false, "/nonexistent") !== undefined;
/** Whether another open file of `path` can take the lock now. */
const free = (path: string) => {
  const o = flockFileSync(path, { mode: 0o644 });
  if (o.kind === "held") o.lock.release();
  return o.kind === "held";
};

/** netns.pl started as the build starts it, given `fd` as fd 3, with or without the ask: its stdout. */
function maker(fd: number, ask: boolean): Promise<string> {
  const argv = netnsArgv(false, "/nonexistent/journal") as string[];
  const [file = "", ...args] = argv;
  const env = { ...process.env, ...(ask ? { NETL_NETNS_LOCK: "fd3" } : {}) };
  const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe", fd], env });
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (t: string) => {
    out += t;
  });
  child.stdin?.end();
  return new Promise((resolve) => child.once("close", () => resolve(out)));
}

describe.runIf(perl)("the lab's lock from the namespace maker", () => {
  it("is held on the new file, becomes the lab's lock file, and goes with the lab", async () => {
    const dir = temp();
    const start = prestartBuild(dir, "lab1");
    const first = (await start.lock) as LockOutcome;
    expect(first.kind).toBe("held");
    const [own] = readdirSync(dir);
    expect(own).toBe(`lab1.lock.${process.pid}.new`);
    // The maker has let go of its fd 3: the lock is netl's alone, and still held.
    expect(free(join(dir, own as string))).toBe(false);
    const lock = acquireLock(dir, "lab1", first);
    if (!lock.ok) throw new Error(lock.error.message);
    expect(readdirSync(dir)).toEqual(["lab1.lock"]);
    expect(free(join(dir, "lab1.lock"))).toBe(false);
    lock.value();
    expect(readdirSync(dir)).toEqual([]);
    start.pool.close();
  });

  it("a build that does not open its lab leaves nothing; a name that is no lab's makes nothing", async () => {
    const dir = temp();
    const start = prestartBuild(dir, "lab2");
    expect((await start.lock)?.kind).toBe("held");
    start.drop();
    expect(readdirSync(dir)).toEqual([]);
    start.pool.close();
    for (const bad of ["../x", "a/b", "9x"]) {
      const s = prestartBuild(dir, bad);
      expect(s.lock, bad).toBeUndefined();
      s.pool.close();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a maker that does not answer in time is not waited for: the lock is then taken by flock", async () => {
    const dir = temp();
    // A perl first on PATH that reads all its input before it runs (as a test's fake one does).
    writeFileSync(join(dir, "perl"), `#!/bin/sh\ncat > /dev/null\nexec ${realPerl} "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
    try {
      const start = prestartBuild(dir, "lab3");
      const first = (await start.lock) as LockOutcome;
      expect(first).toEqual({ kind: "unavailable", why: "no answer from the namespace maker in 2000 ms" });
      const lock = acquireLock(dir, "lab3", first);
      if (!lock.ok) throw new Error(lock.error.message);
      expect(free(join(dir, "lab3.lock"))).toBe(false);
      lock.value();
      start.pool.close();
    } finally {
      process.env.PATH = path;
    }
    expect(readdirSync(dir)).toEqual(["perl"]);
  });

  it("the maker takes no lock unless asked, and answers busy for a lock held", async () => {
    const dir = temp();
    const path = join(dir, "f.lock");
    writeFileSync(path, "");
    const fd = openSync(path, "r+");
    expect(await maker(fd, false)).toBe("");
    expect(free(path)).toBe(true);
    const other = flockFileSync(path, { mode: 0o644 });
    if (other.kind !== "held") throw new Error("not held");
    expect(await maker(fd, true)).toBe("busy\n");
    other.lock.release();
    expect(await maker(fd, true)).toBe("held\n");
    expect(free(path)).toBe(false);
    closeSync(fd);
    expect(free(path)).toBe(true);
  });
});

describe.runIf(perl && isRoot)("netl run of a script that fails its check", () => {
  it("leaves no lock file, nor anything else, in the run directory", async () => {
    const dir = temp();
    const runDir = join(dir, "run");
    const script = join(dir, "bad.netl");
    writeFileSync(script, "ns a\nlink a <-> nowhere\n");
    const r = await netl(["run", "--lab", "badlab", script], { env: { NETL_RUN_DIR: runDir } });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain("nowhere");
    expect(readdirSync(runDir)).toEqual([]);
  });

  it("a netl killed while it read its script leaves a file the next run of that lab removes", async () => {
    const dir = temp();
    const runDir = join(dir, "run");
    const script = join(dir, "ok.netl");
    writeFileSync(script, "ns a\n");
    const lab = `${testPrefix("plk")}-lab`;
    const env = { NETL_RUN_DIR: runDir };
    // SIGKILLed with its new lock file made: a pid that is gone, and one of a process still running.
    const child = spawn("sleep", ["30"]);
    mkdirSync(runDir, { recursive: true });
    const [gone, alive, other] = [
      `${lab}.lock.${DEAD_PID}.new`,
      `${lab}.lock.${child.pid}.new`,
      `x${lab}.lock.${DEAD_PID}.new`,
    ];
    for (const f of [gone, alive, other]) writeFileSync(join(runDir, f), "");
    try {
      const up = await netl(["run", "--down", "--prefix", lab, "--lab", lab, script], { env });
      expect(up.exitCode, up.stderr).toBe(0);
      expect(readdirSync(runDir).sort()).toEqual([alive, other].sort());
    } finally {
      child.kill();
    }
  });
});
