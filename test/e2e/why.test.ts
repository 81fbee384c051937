// why in the real kernel names the cause: a missing route, a node in the middle that does not
// forward, a link set down with exec (either end); and says so when the ping arrives.
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Driver, type Outcome } from "../../src/driver/driver.js";
import { whyLines } from "../../src/present/why.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";

const prefix = testPrefix("why");

describe.runIf(kernelTestsEnabled("why.test.ts"))("why in the kernel", () => {
  let session: Driver | undefined;
  afterAll(async () => {
    await session?.close(false);
  });

  async function run(text: string): Promise<Outcome[]> {
    if (session === undefined) {
      const s = Driver.open({ lab: prefix, prefix, executor: new ProcessExecutor(), runDir: "/run/netl" });
      if (!s.ok) throw new Error(s.error.message);
      session = s.value;
    }
    const { program, errors } = parse(text);
    expect(errors).toEqual([]);
    const out: Outcome[] = [];
    for (const stmt of program.statements) {
      const r = await session.execute(stmt, text);
      if (!r.ok) throw new Error(`${text}: ${r.error.message} ${r.error.failed?.stderr ?? ""}`);
      out.push(r.value);
    }
    return out;
  }

  const why = async (line: string): Promise<string> => {
    const [o] = await run(line);
    if (o?.kind !== "why") throw new Error(`${line} gave ${o?.kind}`);
    return whyLines(o.cause).join("\n");
  };

  it("a missing route in A; then M in the middle, which does not forward", async () => {
    await run("ns A B\nns M\nlink A <-> M 10.72.1.0/24\nlink M <-> B 10.72.2.0/24");
    expect(await why("why A B")).toBe(
      // route auto would be refused here (M does not forward): the fix names M, never route auto alone.
      "A has no route to 10.72.2.2\nfix: router M, then route auto (it will not route through M while it does not forward)",
    );
    await run("route A default via M");
    expect(await why("why A B")).toMatch(/^M does not forward IPv4: make it a router \(router M\)$/);
  });

  it("once M is a router: no route back from B; then the ping arrives", async () => {
    await run("router M");
    expect(await why("why A B")).toBe(
      "on the way back: B has no route to 10.72.1.1\nfix: route auto, or a route by hand: route B default via NEIGHBOUR",
    );
    await run("route B default via M");
    expect(await why("why A B")).toBe("A reaches 10.72.2.2: nothing to explain");
  });

  it("a link down, at either end", async () => {
    await run("exec A ip link set eth0 down");
    expect(await why("why A B")).toBe("A:eth0 is down\nfix: bring it up: exec A ip link set eth0 up");
    await run("exec A ip link set eth0 up\nexec A ip route add default via 10.72.1.2");
    expect(await why("why A B")).toBe("A reaches 10.72.2.2: nothing to explain");
    await run("exec B ip link set eth0 down");
    expect(await why("why A B")).toBe("B:eth0 is down\nfix: bring it up: exec B ip link set eth0 up");
  });
});
