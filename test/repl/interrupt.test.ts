// Ctrl-C while the REPL rolls a change back: the first aborts the entry in flight, any later one
// only warns, once, and the rollback runs to its end (a fake kernel whose rollback is slow).
import { describe, expect, it } from "vitest";
import { STILL_ROLLING_BACK } from "../../src/present/interrupt.js";
import type { ExecResult, Executor, RunOptions } from "../../src/runtime/executor.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { startRepl } from "./harness.js";

const CTRL_C = "\x03";
const CTRL_D = "\x04";

/** Change batches take 50 ms, rollback (-force) batches 300 ms; counts what started and ended. */
class SlowRollback implements Executor {
  readonly inner = new RecordingExecutor();
  changes = 0;
  /** Change batches that create a veth (a link's). */
  veths = 0;
  rollbacksStarted = 0;
  rollbacksEnded = 0;

  async run(argv: readonly string[], options?: RunOptions): Promise<ExecResult> {
    const rollback = argv.includes("-force");
    if (rollback) this.rollbacksStarted++;
    else if (argv.includes("-batch")) this.changes++;
    if (!rollback && options?.input?.includes("type veth")) this.veths++;
    await new Promise((r) => setTimeout(r, rollback ? 300 : 50));
    const r = await this.inner.run(argv, options);
    if (rollback) this.rollbacksEnded++;
    return r;
  }
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const count = (screen: string, line: string) => screen.split("\n").filter((l) => l === line).length;

describe("Ctrl-C during a rollback", () => {
  it("at a terminal: the second and third Ctrl-C only warn, once; the rollback finishes; back at the prompt", async () => {
    const executor = new SlowRollback();
    const h = startRepl({ terminal: true, executor });
    h.send("ns A B; link A <-> B 10.0.0.0/24\r");
    await until(() => executor.veths > 0);
    h.send(CTRL_C);
    await until(() => executor.rollbacksStarted > 0);
    h.send(CTRL_C);
    h.send(CTRL_C);
    await h.waitFor("<repl>:1:9: interrupted");
    expect(executor.rollbacksEnded).toBe(executor.rollbacksStarted);
    expect(count(h.screen(), STILL_ROLLING_BACK)).toBe(1);
    // `ns A B` had gone in before; the link in flight was taken back whole.
    expect([...h.driver.world.nodes.keys()]).toEqual(["A", "B"]);
    expect(h.driver.world.links.size).toBe(0);
    expect(executor.inner.done.some((l) => l.includes("link del eth0"))).toBe(true);
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
  });

  it("piped input: SIGINT stops the run; the second and third only warn, once; the lab goes; exit 130", async () => {
    const executor = new SlowRollback();
    const h = startRepl({ executor });
    h.type("ns A", "ns B C; link B <-> C 10.0.0.0/24");
    await until(() => executor.veths > 0);
    h.sigint();
    await until(() => executor.rollbacksStarted > 0);
    h.sigint();
    h.sigint();
    expect(await h.exit).toBe(130);
    expect(count(h.screen(), STILL_ROLLING_BACK)).toBe(1);
    expect(executor.rollbacksEnded).toBe(executor.rollbacksStarted);
    expect(h.screen()).toContain("<repl>:2:9: interrupted");
    expect(h.screen()).toContain("removed lab 'lab': A, B, C\n");
  });
});
