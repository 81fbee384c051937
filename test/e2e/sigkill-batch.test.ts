// SIGKILL of netl in the middle of a batch: the batch runs on (its own process group, so that a
// terminal's Ctrl-C cannot cut it), and `netl down` must wait for it, or the batch's pending
// `netns add` lines would bring namespaces back after the lab was removed. The batch that makes
// namespaces is netl's namespace maker (src/runtime/native/netns.pl, run by perl).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("kill9");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-kill9-"));
const env = { NETL_RUN_DIR: join(dir, "run") };
const REAL_PERL = execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim();
const log = join(dir, "log");

// Slow: the namespace maker (`perl -e SCRIPT …`) makes half its namespaces, pauses, then the rest.
// Started by its path, the script's process is named `perl`, as the real one is.
writeFileSync(
  join(dir, "perl"),
  `#!/bin/sh
case "$2" in *"netl's namespace maker"*)
  input=$(mktemp); cat > "$input"
  echo start >> "${log}"
  n=$(wc -l < "$input"); half=$((n / 2))
  head -n $half "$input" | ${REAL_PERL} "$@"
  sleep 1.5
  tail -n +$((half + 1)) "$input" | ${REAL_PERL} "$@"; rc=$?
  echo end >> "${log}"; rm -f "$input"; exit $rc;;
esac
exec ${REAL_PERL} "$@"
`,
);
chmodSync(join(dir, "perl"), 0o755);
const script = join(dir, "lab.netl");
writeFileSync(script, "ns A B C D\n");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(kernelTestsEnabled("sigkill-batch.test.ts"))("SIGKILL in the middle of a batch", () => {
  afterAll(async () => {
    await netl(["down", prefix], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("netl down waits for the dead netl's batch, then removes every namespace it made", async () => {
    const child = execa("node", [NETL, "run", "--prefix", prefix, "--lab", prefix, script], {
      env: { ...env, NO_COLOR: "1", PATH: `${dir}:${process.env.PATH}` },
      reject: false,
    });
    const deadline = Date.now() + 10_000;
    while (!(existsSync(log) && readFileSync(log, "utf8").includes("start")) && Date.now() < deadline) await sleep(20);
    await sleep(200);
    child.kill("SIGKILL");
    await child;
    expect(readFileSync(log, "utf8")).not.toContain("end"); // the batch is still in its pause
    const down = await netl(["down", prefix], { env });
    expect(down.exitCode).toBe(0);
    expect(readFileSync(log, "utf8")).toContain("end"); // down waited for it
    await sleep(500);
    expect(mine()).toEqual([]);
  }, 30_000);
});
