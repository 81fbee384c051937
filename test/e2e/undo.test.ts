// Undo and redo in the real kernel: after each undo the kernel equals the state before that
// statement; redo restores the state after it; `save`, then `netl run` or `load` of the file, rebuilds an equal lab.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-save-");

const prefix = testPrefix("undo");
const copyPrefix = testPrefix("undo2");
const script = [
  "ns A B C",
  "router R",
  "link A <-> R 10.61.1.0/24 fd61:1::/64",
  "link R <-> B 10.61.2.0/24",
  "link A <-> C",
  "addr A:lo 10.61.255.1/32",
  "route A default via R",
  "route B default via R",
  "link A:x1 10.61.3.1/24 <-> C:y1 10.61.3.2/24",
  "addr C:eth0 10.61.4.2/24",
  "addr A:eth1 10.61.4.1/24",
  "route C 10.61.2.0/24 via 10.61.4.1",
  "addr R:eth0 10.61.1.7/24",
  "unlink A:x1 <-> C",
  "del R",
  "router S",
  "link S <-> C 10.61.5.0/24",
  "link B <-> S 10.61.6.0/24",
  "route B 10.61.9.0/24 via S",
  "del B",
];

const sessions: Driver[] = [];
function open(lab: string, p: string): Driver {
  const s = Driver.open({ lab, prefix: p, executor: new ProcessExecutor(), runDir: "/run/netl" });
  if (!s.ok) throw new Error(s.error.message);
  sessions.push(s.value);
  return s.value;
}

async function run(session: Driver, text: string): Promise<void> {
  const { program, errors } = parse(text);
  expect(errors).toEqual([]);
  for (const stmt of program.statements as Statement[]) {
    const r = await session.execute(stmt, text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message} ${r.error.failed?.stderr ?? ""}`);
  }
}

describe.runIf(kernelTestsEnabled("undo.test.ts"))("undo and redo in the kernel", () => {
  afterAll(async () => {
    for (const s of sessions) await s.close(false);
  });

  it("has a script of 15+ varied statements", () => {
    expect(script.length).toBeGreaterThanOrEqual(15);
  });

  it("undo restores the state before each statement, redo the state after it, save+load rebuilds it", async () => {
    const session = open(prefix, prefix);
    const before: ReturnType<typeof labState>[] = [];
    const after: ReturnType<typeof labState>[] = [];
    for (const line of script) {
      before.push(labState(prefix));
      await run(session, line);
      after.push(labState(prefix));
    }
    // The statements really changed the kernel (so equalities below cannot hold by accident).
    expect(after[2]?.A?.addrs).toContainEqual({ ifname: "eth0", addrs: ["10.61.1.1/24", "fd61:1::1/64"] });
    expect(after[1]?.R?.forwarding).toEqual(["1", "1"]);

    for (let i = script.length - 1; i >= 0; i--) {
      await run(session, "undo");
      expect(labState(prefix), `after undo of '${script[i]}'`).toEqual(before[i]);
    }
    expect(labState(prefix)).toEqual({});
    for (let i = 0; i < script.length; i++) {
      await run(session, "redo");
      expect(labState(prefix), `after redo of '${script[i]}'`).toEqual(after[i]);
    }

    const dir = tempDir();
    const file = join(dir, "lab.netl");
    await run(session, `save "${file}"`);
    expect(readFileSync(file, "utf8")).toContain("router S");
    // The saved file, run by the CLI as a user would, builds an equal lab.
    const built = await netl(["run", "--prefix", copyPrefix, "--lab", copyPrefix, file]);
    expect(built.stderr).toBe("");
    expect(labState(copyPrefix)).toEqual(labState(prefix));
    expect((await netl(["down", copyPrefix])).exitCode).toBe(0);
    expect(labState(copyPrefix)).toEqual({});
    // And `load` of it in a live session does too.
    const copy = open(copyPrefix, copyPrefix);
    await run(copy, `load "${file}"`);
    expect(labState(copyPrefix)).toEqual(labState(prefix));
    // The whole load is one undo step.
    await run(copy, "undo");
    expect(labState(copyPrefix)).toEqual({});
  });
});
