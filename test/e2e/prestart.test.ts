// Batch processes started ahead (src/runtime/prestart.ts): a run with the very same argv takes one and
// gets what a fresh process would give; any other argv starts its own; one that ended on its own is
// never handed out; one no run takes ends at release, having read nothing. The namespace maker started
// ahead and never used leaves no journal behind.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { netnsArgv } from "../../src/runtime/netns-helper.js";
import { Prestarted } from "../../src/runtime/prestart.js";
import { tempDirs } from "../support/temp-dirs.js";

const dir = tempDirs("netl-prestart-")();
const alive = (pid: number) => spawnSync("kill", ["-0", String(pid)]).status === 0;
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

describe("batch processes started ahead", () => {
  it("a run with the same argv takes the one started ahead, and reads its output as from a fresh one", async () => {
    const pool = new Prestarted();
    // It says its pid at once, then copies its input: the run's result shows which process it was.
    const argv = ["sh", "-c", "echo $$; cat"];
    pool.start(argv);
    const ex = new ProcessExecutor(pool);
    await new Promise((r) => setTimeout(r, 50));
    const pids: number[] = [];
    const r = await ex.run(argv, { input: "a line\n", onPid: (pid, exited) => exited || pids.push(pid) });
    expect(r.exitCode).toBe(0);
    const [said, ...rest] = r.stdout.trim().split("\n");
    expect(rest).toEqual(["a line"]);
    expect(Number(said)).toBe(pids[0]);
    // Taken once: the next run starts a process of its own.
    const again = await ex.run(argv, { input: "b\n" });
    expect(again.stdout.trim().split("\n").slice(1)).toEqual(["b"]);
    expect(pool.take(argv)).toBeUndefined();
  });

  it("another argv starts its own; the waiting one ends at release, having done nothing", async () => {
    const pool = new Prestarted();
    const [mark, pidFile] = [join(dir, "touched"), join(dir, "pid")];
    // Writes its mark only after reading a line: a release must not make it.
    const waiting = ["sh", "-c", `echo $$ > ${pidFile}; read x && touch ${mark}`];
    pool.start(waiting);
    const ex = new ProcessExecutor(pool);
    const other = await ex.run(["sh", "-c", "cat"], { input: "x\n" });
    expect(other.stdout).toBe("x\n");
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").endsWith("\n"))).toBe(true);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(alive(pid)).toBe(true);
    ex.release();
    expect(await until(() => !alive(pid))).toBe(true);
    expect(existsSync(mark)).toBe(false);
    expect(pool.take(waiting)).toBeUndefined();
  });

  it("one that ended before its input is never handed out", async () => {
    const pool = new Prestarted();
    pool.start(["sh", "-c", "exit 3"]);
    pool.start(["no-such-program-netl"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(pool.take(["sh", "-c", "exit 3"])).toBeUndefined();
    expect(pool.take(["no-such-program-netl"])).toBeUndefined();
    // The run starts it afresh and says what it said.
    const r = await new ProcessExecutor(pool).run(["sh", "-c", "exit 3"]);
    expect(r.exitCode).toBe(3);
  });

  it("the namespace maker started ahead and never given a line writes no journal", async () => {
    const journal = join(dir, "lab.made");
    const argv = netnsArgv(false, journal);
    if (argv === undefined) return; // no Perl here: nothing is started ahead
    const pool = new Prestarted();
    pool.start(argv);
    const child = pool.take(argv);
    if (child?.pid === undefined) throw new Error("not started");
    child.stdin?.end();
    expect(await until(() => child.exitCode !== null)).toBe(true);
    expect(child.exitCode).toBe(0);
    expect(existsSync(journal)).toBe(false);
  });
});
