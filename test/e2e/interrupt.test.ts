// Ctrl-C at a terminal, on the real kernel: the terminal sends SIGINT to netl's whole foreground
// process group. A fake `ip` first on PATH makes the batches that matter slow (half their lines, a
// pause, the rest) and logs when each starts and ends. The ip children are in their own process
// group, so no batch is cut halfway; the statement in flight is rolled back whole; a second and
// third Ctrl-C during the rollback only warn, once; exit 130 with the lab record as the kernel is.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { STILL_ROLLING_BACK } from "../../src/present/interrupt.js";
import { readRecord } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("intr");
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();
const dir = mkdtempSync(join(tmpdir(), "netl-intr-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const REAL_IP = execFileSync("sh", ["-c", "command -v ip"], { encoding: "utf8" }).trim();
const PAUSE_S = 1.5;

// Slow: change batches that create a veth (the group below), and every -force batch (rollback).
writeFileSync(
  join(dir, "ip"),
  `#!/bin/sh
case " $* " in *" -batch "*)
  input=$(mktemp); cat > "$input"
  kind=change; case " $* " in *" -force "*) kind=rollback;; esac
  if [ $kind = rollback ] || grep -q "type veth" "$input"; then
    echo "start $kind $$" >> "$FAKE_IP_LOG"
    n=$(wc -l < "$input"); half=$((n / 2))
    head -n $half "$input" | ${REAL_IP} "$@"; rc1=$?
    sleep ${PAUSE_S}
    tail -n +$((half + 1)) "$input" | ${REAL_IP} "$@"; rc2=$?
    echo "end $kind $$" >> "$FAKE_IP_LOG"
    rm -f "$input"; [ $rc1 -ne 0 ] && exit $rc1; exit $rc2
  fi
  ${REAL_IP} "$@" < "$input"; rc=$?; rm -f "$input"; exit $rc;;
esac
exec ${REAL_IP} "$@"
`,
);
chmodSync(join(dir, "ip"), 0o755);

// `ns A` goes in alone (an exec follows); `ns B C` and the link go in together, as one slow change.
const script = join(dir, "lab.netl");
writeFileSync(script, "ns A\nexec A true\nns B C\nlink B <-> C 10.0.0.0/24\n");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(20);
  }
}

/** `netl run` as a terminal's foreground job: its own process group, which Ctrl-C signals whole. */
function startJob(log: string) {
  const child = execa("node", [NETL, "run", "--prefix", prefix, "--lab", prefix, script], {
    reject: false,
    detached: true,
    env: { NO_COLOR: "1", ...env, PATH: `${dir}:${process.env.PATH}`, FAKE_IP_LOG: log },
  });
  const ctrlC = () => process.kill(-(child.pid as number), "SIGINT");
  return { child, ctrlC };
}

const logLines = (log: string) => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);

/** Every batch the fake ip started, it finished: `start KIND PID` has its `end KIND PID`. */
function expectEveryBatchWhole(log: string) {
  const lines = logLines(log);
  const started = lines.filter((l) => l.startsWith("start ")).map((l) => l.slice("start ".length));
  const ended = lines.filter((l) => l.startsWith("end ")).map((l) => l.slice("end ".length));
  expect(started.length).toBeGreaterThan(0);
  expect(ended.sort(), lines.join("\n")).toEqual(started.sort());
}

describe.runIf(kernelTestsEnabled("interrupt.test.ts"))("Ctrl-C at the terminal", () => {
  afterAll(async () => {
    await netl(["down", prefix], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a Ctrl-C to the whole process group mid-batch: the batch runs to its end, the change is rolled back, exit 130", async () => {
    const log = join(dir, "one.log");
    const { child, ctrlC } = startJob(log);
    await until(() => logLines(log).some((l) => l.startsWith("start change")), "the slow change batch");
    ctrlC();
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(130);
    expectEveryBatchWhole(log);
    expect(logLines(log).some((l) => l.startsWith("start rollback"))).toBe(true);
    expect(r.stderr).toContain(`${script}:3:1: error: interrupted: lines 3-4 were going in as one change`);
    expect(r.stdout).toContain(`lab '${prefix}' is up (1 node); remove it with: netl down ${prefix}`);
    // A batch cut halfway would leave B or C behind, out of the record.
    expect(mine()).toEqual([`${prefix}-A`]);
    expect(readRecord(runDir, prefix)?.namespaces.map((n) => n.name)).toEqual([`${prefix}-A`]);
    expect((await netl(["down", prefix], { env })).exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("a second and third Ctrl-C while the rollback runs only warn, once; the rollback finishes", async () => {
    const log = join(dir, "three.log");
    const { child, ctrlC } = startJob(log);
    await until(() => logLines(log).some((l) => l.startsWith("start change")), "the slow change batch");
    ctrlC();
    await until(() => logLines(log).some((l) => l.startsWith("start rollback")), "the rollback");
    ctrlC();
    await sleep(300);
    ctrlC();
    const r = await child;
    expect(r.signal, r.stderr).toBeUndefined();
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr.split("\n").filter((l) => l === STILL_ROLLING_BACK)).toHaveLength(1);
    expectEveryBatchWhole(log);
    expect(r.stderr).toMatch(/hint: \d+ steps rolled back: the lab is as it was before these lines/);
    expect(mine()).toEqual([`${prefix}-A`]);
    expect(readRecord(runDir, prefix)?.namespaces.map((n) => n.name)).toEqual([`${prefix}-A`]);
    expect((await netl(["down", prefix], { env })).exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });
});
