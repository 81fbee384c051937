// Ctrl-C during netl's own `ping A B count 100` (here in `netl run`; the REPL's is in repl/tmux.test.ts):
// ping is stopped as a terminal stops it, and what came back so far is the answer; the script stops there.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { echoesIn } from "../support/icmp.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("pingc");
const dir = mkdtempSync(join(tmpdir(), "netl-pingc-"));
const env = { NETL_RUN_DIR: join(dir, "run") };
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));

describe.runIf(kernelTestsEnabled("ping-interrupt.test.ts"))("Ctrl-C during ping", () => {
  afterAll(async () => {
    await netl(["down", prefix], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("stops the ping at once and says how many replies came back of how many sent", async () => {
    const script = join(dir, "lab.netl");
    writeFileSync(script, "ns A B\nlink A <-> B 10.0.0.0/24\nping A B count 100\nns C\n");
    const started = Date.now();
    // A terminal's foreground job: Ctrl-C signals its whole process group.
    const job = execa("node", [NETL, "run", "--down", "--prefix", prefix, "--lab", prefix, script], {
      reject: false,
      detached: true,
      env: { NO_COLOR: "1", ...env },
    });
    const deadline = Date.now() + 10_000;
    // Ping is running, and answered, when B has answered two of its echo requests.
    while (!(mine().includes(`${prefix}-B`) && echoesIn(`${prefix}-B`) >= 2)) {
      if (Date.now() > deadline) throw new Error("ping never started in A");
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(-(job.pid as number), "SIGINT");
    const r = await job;
    expect(r.exitCode).toBe(130);
    const line = r.stdout.split("\n").find((l) => l.startsWith("A -> 10.0.0.2")) ?? r.stdout;
    const m = /^A -> 10\.0\.0\.2: ok \((\d+)\/(\d+) replies, [\d.]+ ms; stopped after (\d+) of 100\)$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(m?.[3])).toBeLessThan(100);
    expect(m?.[2]).toBe(m?.[3]);
    // 100 pings take 20 s; stopped, it is over long before.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.stdout).not.toContain("+ ns C");
    expect(mine()).toEqual([]);
  });
});
