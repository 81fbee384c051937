// Switches in the real kernel: ports are in the bridge, hosts on it reach each other, and undo of
// `del` and `unlink` puts every port back into the bridge.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Driver, type Outcome } from "../../src/driver/driver.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";

const prefix = testPrefix("switch");

const masters = (node: string): Record<string, string> =>
  Object.fromEntries(
    (
      JSON.parse(execFileSync("ip", ["-j", "-n", `${prefix}-${node}`, "link"], { encoding: "utf8" })) as {
        ifname: string;
        master?: string;
      }[]
    ).flatMap((l) => (l.master ? [[l.ifname, l.master]] : [])),
  );

describe.runIf(kernelTestsEnabled("switch.test.ts"))("switches in the kernel", () => {
  let session: Driver | undefined;
  afterAll(async () => {
    await session?.close(false);
  });

  async function run(text: string): Promise<Outcome[]> {
    const s = session as Driver;
    const { program, errors } = parse(text);
    expect(errors).toEqual([]);
    const out: Outcome[] = [];
    for (const stmt of program.statements) {
      const r = await s.execute(stmt, text);
      if (!r.ok) throw new Error(`${text}: ${r.error.message} ${r.error.failed?.stderr ?? ""}`);
      out.push(r.value);
    }
    return out;
  }

  const pings = async (text: string) => (await run(text)).map((o) => (o.kind === "ping" ? o.ok : undefined));

  it("builds a star whose hosts share one segment, v4 and v6", async () => {
    const s = Driver.open({ lab: prefix, prefix, executor: new ProcessExecutor(), runDir: "/run/netl" });
    if (!s.ok) throw new Error(s.error.message);
    session = s.value;
    await run("switch S 10.62.1.0/24 fd62:1::/64\nns A B C\nlink A <-> S\nlink S <-> B\nlink C <-> S");
    expect(masters("S")).toEqual({ eth0: "br0", eth1: "br0", eth2: "br0" });
    expect(await pings("ping A B\nping C A\nping B fd62:1::3")).toEqual([true, true, true]);
  });

  it("undo of del S and of unlink puts the ports back into the bridge", async () => {
    const before = labState(prefix);
    await run("del S");
    expect(await pings("ping A B")).toEqual([false]);
    await run("undo");
    expect(labState(prefix)).toEqual(before);
    expect(masters("S")).toEqual({ eth0: "br0", eth1: "br0", eth2: "br0" });
    await run("unlink S <-> B");
    await run("undo");
    expect(labState(prefix)).toEqual(before);
    expect(await pings("ping A B\nping B C")).toEqual([true, true]);
  });
});
