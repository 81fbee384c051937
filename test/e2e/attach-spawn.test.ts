// What `spawn` started goes on with the lab when netl ends, and is taken over by `netl attach`: `ps`
// shows it running by its pid (not "not started"), `del` of its node in the attached REPL ends it as
// itself, and a service that ended meanwhile is shown as exited.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pidAlive } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("atsp");
const lab = `${prefix}-lab`;
const dir = mkdtempSync(join(tmpdir(), "netl-attach-spawn-"));
const env = { NETL_RUN_DIR: join(dir, "run"), NETL_HISTORY: "", NO_COLOR: "1" };
const PS_LINE = /^#(\d+) {2}(\w+) {2}pid (\d+) (running|exited) {2}(.*)$/;

/** `ps` lines as { id: { node, pid, state, command } }. */
function psOf(stdout: string): Map<number, { node: string; pid: number; state: string; command: string }> {
  const out = new Map<number, { node: string; pid: number; state: string; command: string }>();
  for (const line of stdout.split("\n")) {
    const m = PS_LINE.exec(line);
    if (m) out.set(Number(m[1]), { node: m[2] ?? "", pid: Number(m[3]), state: m[4] ?? "", command: m[5] ?? "" });
  }
  return out;
}

describe.runIf(kernelTestsEnabled("attach-spawn.test.ts"))("spawned processes across attach", () => {
  afterAll(async () => {
    await netl(["down", lab], { env });
    rmSync(dir, { recursive: true, force: true });
  });

  it("ps shows them running after attach; del ends one as itself; one that ended shows exited", async () => {
    const run = await netl(["run", "--prefix", prefix, "--lab", lab, "-"], {
      env,
      input: "ns A B\nspawn A sleep 1000\nspawn B sleep 0.2\n",
    });
    expect(run.exitCode, run.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 600));
    const attached = await netl(["attach", lab], { env, input: "ps\ndel A\nps\n" });
    expect(attached.exitCode, attached.stderr).toBe(0);
    const [before, after] = attached.stdout.split("- ns A");
    const first = psOf(before ?? "");
    expect(first.get(1)).toMatchObject({ node: "A", state: "running", command: "sleep 1000" });
    expect(first.get(2)).toMatchObject({ node: "B", state: "exited", command: "sleep 0.2" });
    expect(attached.stdout).not.toContain("not started");
    const pid = first.get(1)?.pid ?? 0;
    expect(pid).toBeGreaterThan(1);
    expect(psOf(after ?? "").has(1)).toBe(false);
    expect(pidAlive(pid)).toBe(false);
    expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(netnsList().filter((n) => n.startsWith(`${prefix}-`))).toEqual([]);
  });
});
