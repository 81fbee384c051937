// `netl test` tears its lab down after any failure (issue 25 #5, 18 #8), through the built CLI on the
// real kernel: broken at a random point by an internal error (a preload makes the N-th program netl
// starts throw, as a bug would: exit 70, or 1 for a program that cannot start), or stopped by
// SIGINT, SIGTERM or SIGHUP at a random moment (exit 128 + the signal's number, or 0 when it was done
// first), or its output's reader gone (exit 141): afterwards no namespace, host end, lab record or
// lock of it is left. And a command longer than Linux takes is refused before anything runs, exit 2.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { hostStem } from "../../src/interpreter/host-names.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const prefix = testPrefix("tdown");
const dir = mkdtempSync(join(tmpdir(), "netl-tdown-"));
const runDir = join(dir, "run");
const TRIALS = Number(process.env.SIGNAL_TRIALS ?? 3);
const script = join(dir, "lab.netl");
writeFileSync(
  script,
  [
    "ns A B",
    "router R",
    "link A <-> R 10.81.1.0/24",
    "link R <-> B 10.81.2.0/24",
    "route auto",
    "link R <-> host 10.81.77.0/30",
    "spawn A sleep 1000",
    "expect ping A B",
    "exec B sleep 0.3",
    ...Array.from({ length: 12 }, (_, i) => `ns C${i}\nlink C${i} <-> R 10.81.${10 + i}.0/24`),
    "route auto",
    "expect ping C3 A",
  ].join("\n"),
);
// Makes the BREAK_AT-th program netl starts throw where it is started, as a bug in netl would; counts
// every start into BREAK_COUNT when netl exits.
const preload = join(dir, "break.cjs");
writeFileSync(
  preload,
  `const cp = require("node:child_process");
const at = Number(process.env.BREAK_AT || 0);
let count = 0;
for (const name of ["spawn", "spawnSync", "execFile", "execFileSync"]) {
  const real = cp[name];
  cp[name] = function (...args) {
    if (++count === at) throw new Error("injected: program " + at + " of netl's");
    return real.apply(this, args);
  };
}
process.on("exit", () => { if (process.env.BREAK_COUNT) require("node:fs").writeFileSync(process.env.BREAK_COUNT, String(count)); });
`,
);

/** Everything of lab `p` on the machine: namespaces, host ends, its files in the run directory. */
function leftOf(p: string): string[] {
  const stem = hostStem(p, p);
  const links = JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" }) || "[]") as {
    ifname: string;
  }[];
  let files: string[] = [];
  try {
    files = readdirSync(runDir).filter((f) => f.startsWith(`${p}.`) || f === p);
  } catch {}
  return [
    ...netnsList().filter((n) => n.startsWith(`${p}-`)),
    ...links.filter((l) => l.ifname.startsWith(stem)).map((l) => l.ifname),
    ...files,
  ];
}

const test = (p: string, env: Record<string, string> = {}) =>
  execa(NETL_BIN, ["test", "--prefix", p, "--lab", p, script], {
    reject: false,
    env: { NO_COLOR: "1", NETL_RUN_DIR: runDir, ...env },
  });

describe.runIf(kernelTestsEnabled("test-teardown.test.ts"))("netl test tears down after any failure", () => {
  afterAll(async () => {
    for (const p of [`${prefix}-b`, `${prefix}-s`]) await netl(["down", p], { env: { NETL_RUN_DIR: runDir } });
    rmSync(dir, { recursive: true, force: true });
  });

  it(`an internal error at ${TRIALS + 2} random points (and the first and last four): nothing left`, async () => {
    const p = `${prefix}-b`;
    const counted = join(dir, "count");
    const whole = await test(p, { NODE_OPTIONS: `--require ${preload}`, BREAK_COUNT: counted });
    expect(whole.exitCode, whole.stderr).toBe(0);
    const total = Number(readFileSync(counted, "utf8"));
    expect(total).toBeGreaterThan(10);
    // The first, and the last four: the teardown's own programs (a host end's deletion among them).
    const last = [0, 1, 2, 3].map((k) => total - k);
    const points = [1, ...last, ...Array.from({ length: TRIALS + 2 }, () => 1 + Math.floor(Math.random() * total))];
    for (const at of points) {
      const r = await test(p, { NODE_OPTIONS: `--require ${preload}`, BREAK_AT: String(at) });
      // Said as netl's own error (70), a failed statement or expect (1), or made good by the teardown's
      // second try (0); never a lab left behind.
      expect([0, 1, 70], `program ${at}: ${r.stderr}`).toContain(r.exitCode);
      if (r.exitCode === 70) expect(r.stderr).toContain(`injected: program ${at} of netl's`);
      expect(leftOf(p), `broken at program ${at} of ${total}: ${r.stdout}\n${r.stderr}`).toEqual([]);
    }
  }, 600_000);

  it(`SIGINT, SIGTERM and SIGHUP at ${TRIALS} random moments each: 128 + n, nothing left`, async () => {
    const p = `${prefix}-s`;
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
      ["SIGHUP", 129],
    ] as const)
      for (let t = 0; t < TRIALS; t++) {
        const child = test(p);
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 2500));
        child.kill(signal);
        const r = await child;
        // Before node has netl's handlers in place the signal ends it outright: nothing built yet.
        if (r.signal !== signal) expect([0, code], `${signal}: ${r.stdout}\n${r.stderr}`).toContain(r.exitCode);
        expect(leftOf(p), `${signal} trial ${t}: ${r.stdout}\n${r.stderr}`).toEqual([]);
      }
  }, 600_000);

  it("a reader that stops early (netl test | head -1) stops it as a signal would: exit 141, nothing left", async () => {
    const p = `${prefix}-h`;
    const r = await execa(
      "bash",
      ["-c", `"$0" test --prefix ${p} --lab ${p} ${script} | head -1; echo "netl: \${PIPESTATUS[0]}"`, NETL_BIN],
      { reject: false, env: { NO_COLOR: "1", NETL_RUN_DIR: runDir } },
    );
    expect(r.stdout).toBe("+ ns A\nnetl: 141");
    expect(leftOf(p)).toEqual([]);
  });

  it("an exec longer than Linux takes is refused before anything runs: exit 2, nothing built", async () => {
    const p = `${prefix}-l`;
    const long = join(dir, "long.netl");
    writeFileSync(long, `ns A\nexec A echo ${"x".repeat(200_000)}\n`);
    const r = await execa(NETL_BIN, ["test", "--prefix", p, "--lab", p, long], {
      reject: false,
      env: { NO_COLOR: "1", NETL_RUN_DIR: runDir },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${long}:2:1: error: exec's command is 200,005 bytes long`);
    expect(r.stderr).not.toContain("E2BIG");
    expect(leftOf(p)).toEqual([]);
  });
});
