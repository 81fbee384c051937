// Issue 25 #6 #7, issue 18 #7: a service is every process it leaves. What `spawn` left after its
// leader exited, and what moved to another network namespace (`unshare -n`), is ended by undo, `del`,
// `reset`, teardown, and by `netl down` and `netl clean` after the netl that started it is gone. Logs
// are 0600 in a 0700 folder, kept under a cap (the oldest part dropped, and `logs` says so), read
// from their end whatever their size, with control characters escaped.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Outcome } from "../../src/driver/driver.js";
import { logDir } from "../../src/runtime/lab-record.js";
import { LOG_CAP } from "../../src/runtime/supervisor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { NETL_BIN, netl } from "../support/netl.js";

/** A sleep only this test starts: its duration carries the run's token, so it is found by its arguments. */
const token = String(Number.parseInt(process.env.NETL_TEST_RUN ?? "1", 16) % 1000).padStart(3, "0");
const sleepFor = (n: number) => `${n}.${token}`;

/** Pids whose command line has `arg` as an argument. */
function pidsWith(arg: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(arg)) out.push(Number(entry));
    } catch {}
  }
  return out;
}

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Every sleep this file starts, whatever became of the test: its own processes, found by their arguments. */
const ALL = [7783, 301, 302, 303, 304, 305].map(sleepFor);
afterAll(() => {
  for (const pid of ALL.flatMap(pidsWith))
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
});

const text = (o: Outcome) => (o.kind === "text" ? o.text : "");
const netOf = (pid: number) => execFileSync("readlink", [`/proc/${pid}/ns/net`], { encoding: "utf8" }).trim();

describe.runIf(kernelTestsEnabled("services-supervised.test.ts"))("a service is all it leaves", () => {
  const { open, ok, closeAll, forget } = liveSessions();
  afterEach(closeAll);

  it("undo ends what a spawn left in the background after its leader exited (18 #7)", async () => {
    const s = open(testPrefix("sv-undo"));
    await ok(s, "ns A");
    const arg = sleepFor(7783);
    await ok(s, `spawn A sh -c "sleep ${arg} &"`);
    expect(await until(() => pidsWith(arg).length === 1)).toBe(true);
    // The leader has exited; ps still says the service runs (something of it does).
    expect(text(await ok(s, "ps"))).toMatch(/^#1 {2}A {2}pid \d+ running {2}sh -c/);
    await ok(s, "undo");
    expect(pidsWith(arg)).toEqual([]);
  });

  it("del, reset and teardown end what left the namespace with unshare -n (25 #6)", async () => {
    const lab = testPrefix("sv-unshare");
    const s = open(lab);
    await ok(s, "ns A B");
    const [a, b, c] = [sleepFor(301), sleepFor(302), sleepFor(303)];
    // Out of its node's namespace, and out of its process group and session too (setsid -f).
    await ok(s, `spawn A setsid -f unshare -n sleep ${a}`);
    await ok(s, `spawn B sh -c "unshare -n sleep ${b} & sleep ${c}"`);
    expect(await until(() => pidsWith(a).length + pidsWith(b).length + pidsWith(c).length === 3)).toBe(true);
    // It left A's namespace: no sweep of A's processes would find it.
    const [pa] = pidsWith(a);
    expect(netOf(pa as number)).not.toBe(`net:[${statSync(`/run/netns/${lab}-A`).ino}]`);
    await ok(s, "del A");
    expect(pidsWith(a)).toEqual([]);
    await ok(s, "undo");
    expect(await until(() => pidsWith(a).length === 1)).toBe(true);
    await ok(s, "reset");
    expect([pidsWith(a), pidsWith(b), pidsWith(c)]).toEqual([[], [], []]);
    await ok(s, "undo");
    expect(await until(() => pidsWith(a).length + pidsWith(b).length === 2)).toBe(true);
    await s.close(false);
    forget(s);
    expect([pidsWith(a), pidsWith(b), pidsWith(c)]).toEqual([[], [], []]);
  });

  it("netl down ends them after the netl that started them was killed; netl clean too", async () => {
    // A run folder of this test's own: `netl clean` there sees no other run's labs.
    const env = { NETL_RUN_DIR: mkdtempSync(join(tmpdir(), "netl-sv-")), NO_COLOR: "1" };
    for (const command of ["down", "clean"] as const) {
      const lab = testPrefix(`sv-${command}`);
      const arg = sleepFor(command === "down" ? 304 : 305);
      const script = `ns A\nspawn A sh -c "unshare -n sleep ${arg} & sleep ${arg}"\nexec A sleep 60\n`;
      const run = execa(NETL_BIN, ["run", "--lab", lab, "--prefix", lab, "-"], { input: script, reject: false, env });
      expect(await until(() => pidsWith(arg).length === 2, 10_000)).toBe(true);
      const record = JSON.parse(readFileSync(join(env.NETL_RUN_DIR, `${lab}.json`), "utf8"));
      expect(record.services).toEqual([
        { node: "A", id: 1, pid: expect.any(Number), start: expect.any(Number), leader: expect.any(Number) },
      ]);
      run.kill("SIGKILL");
      await run;
      expect(pidsWith(arg)).toHaveLength(2);
      const r = command === "down" ? await netl(["down", lab], { env }) : await netl(["clean"], { env });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(`ended spawn #1 in A (supervisor pid ${record.services[0].pid})`);
      expect(pidsWith(arg)).toEqual([]);
    }
    rmSync(env.NETL_RUN_DIR, { recursive: true, force: true });
  }, 60_000);

  it("logs: 0600 in a 0700 folder, capped with the oldest part dropped and said, escaped", async () => {
    const lab = testPrefix("sv-logs");
    const s = open(lab);
    await ok(s, "ns A B");
    // Three times the cap, line by line, then a line with terminal codes in it.
    const lines = Math.ceil((3 * LOG_CAP) / 20);
    await ok(s, `spawn A sh -c "seq -f 'line %014.0f' 1 ${lines}; printf 'last \\033[2J\\033]52;c;aGk=\\007\\n'"`);
    const file = join(logDir("/run/netl", lab), "A.log");
    expect(await until(() => readFileSync(file, "utf8").includes("last"), 20_000)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(logDir("/run/netl", lab)).mode & 0o777).toBe(0o700);
    expect(statSync(file).size).toBeLessThanOrEqual(LOG_CAP);
    const shown = text(await ok(s, "logs A")).split("\n");
    expect(shown[0]).toMatch(
      /^… the oldest [\d,]+ bytes were dropped \(a node's log keeps the last 0\.5 MiB to 1 MiB\)$/,
    );
    expect(shown[1]).toBe(`… earlier lines in ${file}`);
    expect(shown.at(-2)).toBe(`line ${String(lines).padStart(14, "0")}`);
    expect(shown.at(-1)).toBe("last \\x1b[2J\\x1b]52;c;aGk=\\x07");
    expect(shown.join("\n")).not.toContain("\u001b");
  });

  it("logs of a log far too big to read whole: its last lines, at once", async () => {
    const lab = testPrefix("sv-big");
    const s = open(lab);
    await ok(s, "ns A");
    await ok(s, "spawn A echo started");
    const file = join(logDir("/run/netl", lab), "A.log");
    expect(await until(() => readFileSync(file, "utf8").includes("started"))).toBe(true);
    // 600 MB without writing them (a sparse file), then a last line.
    truncateSync(file, 600 * 1024 * 1024);
    appendFileSync(file, "\nthe very last line\n");
    const started = Date.now();
    const shown = text(await ok(s, "logs A"));
    expect(shown.split("\n").at(-1)).toBe("the very last line");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
