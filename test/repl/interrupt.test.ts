// Ctrl-C while the REPL rolls a change back: the first aborts the entry in flight, any later one
// only warns, once, and the rollback runs to its end (a fake kernel that holds the link's batch and
// the rollback until the test lets them go).
import { describe, expect, it } from "vitest";
import { STILL_ROLLING_BACK } from "../../src/present/interrupt.js";
import type { ExecResult, Executor, RunOptions } from "../../src/runtime/executor.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { Gate, startRepl } from "./harness.js";

const CTRL_C = "\x03";
const CTRL_D = "\x04";

/** Holds the batch that creates a veth (a link's) at one gate and rollback (-force) batches at another. */
class HeldRollback implements Executor {
  readonly inner = new RecordingExecutor();
  readonly veth = new Gate();
  readonly rollback = new Gate();
  rollbacksStarted = 0;
  rollbacksEnded = 0;

  async run(argv: readonly string[], options?: RunOptions): Promise<ExecResult> {
    const rollback = argv.includes("-force");
    if (rollback) {
      this.rollbacksStarted++;
      await this.rollback.pass();
    } else if (options?.input?.includes("type veth")) await this.veth.pass();
    const r = await this.inner.run(argv, options);
    if (rollback) this.rollbacksEnded++;
    return r;
  }
}

const count = (screen: string, line: string) => screen.split("\n").filter((l) => l === line).length;

describe("Ctrl-C during a rollback", () => {
  it("at a terminal: the second and third Ctrl-C only warn, once; the rollback finishes; back at the prompt", async () => {
    const executor = new HeldRollback();
    const h = startRepl({ terminal: true, executor });
    h.send("ns A B; link A <-> B 10.0.0.0/24\r");
    await executor.veth.reached;
    await h.press(CTRL_C);
    executor.veth.open();
    await executor.rollback.reached;
    await h.press(CTRL_C);
    await h.press(CTRL_C);
    expect(executor.rollbacksEnded).toBe(0);
    executor.rollback.open();
    await h.waitFor("<repl>:1:9: error: interrupted");
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
    const executor = new HeldRollback();
    const h = startRepl({ executor });
    h.type("ns A", "ns B C; link B <-> C 10.0.0.0/24");
    await executor.veth.reached;
    h.sigint();
    executor.veth.open();
    await executor.rollback.reached;
    h.sigint();
    h.sigint();
    expect(executor.rollbacksEnded).toBe(0);
    executor.rollback.open();
    expect(await h.exit).toBe(130);
    expect(count(h.screen(), STILL_ROLLING_BACK)).toBe(1);
    expect(executor.rollbacksEnded).toBe(executor.rollbacksStarted);
    expect(h.screen()).toContain("<repl>:2:9: error: interrupted");
    expect(h.screen()).toContain("removed lab 'lab': A, B, C\n");
  });
});
