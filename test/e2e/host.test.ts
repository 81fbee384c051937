// `host` as a link end in the real kernel: a prefix that overlaps the machine's own (its eth0's,
// read now) is refused before any change; a host link pings both ways, and undo, redo and
// teardown add and remove exactly its host end.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { subnetOf } from "../../src/interpreter/addressing.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import { type ExecResult, ProcessExecutor, type RunOptions } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { assertClear, defaultRouteDev, firstAddress, machineState } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

/** The real `ip`, with every command it ran written down. */
class Recording extends ProcessExecutor {
  readonly argvs: string[] = [];
  override run(argv: readonly string[], options?: RunOptions): Promise<ExecResult> {
    this.argvs.push(argv.join(" "));
    return super.run(argv, options);
  }
}

const live = liveSessions();
const open = (lab: string, executor: ProcessExecutor = new Recording()) => live.open(lab, executor);
const { run, ok } = live;

const present = (ifname: string) => existsSync(`/sys/class/net/${ifname}`);

describe.runIf(kernelTestsEnabled("host.test.ts"))("host as a link end", () => {
  afterAll(async () => {
    await live.closeAll();
  });

  it("refuses a host address on the prefix of the machine's own interface, and changes nothing", async () => {
    const dev = existsSync("/sys/class/net/eth0") ? "eth0" : defaultRouteDev();
    const own = dev === undefined ? undefined : firstAddress(dev);
    expect(own, "the machine has an IPv4 address to clash with").toBeDefined();
    const clash = subnetOf(own as string);
    const executor = new Recording();
    const session = open(testPrefix("host-no"), executor);
    await ok(session, "ns A");
    const before = machineState();
    const ran = executor.argvs.length;
    const r = await run(session, `link A <-> host ${clash}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ phase: "check", code: "host-overlap" });
    expect(r.error.message).toMatch(new RegExp(`^${clash.replaceAll(".", "\\.")} overlaps the machine's `));
    // Only the machine was read: no batch ran, nothing of the machine changed, the lab has no host end.
    expect(executor.argvs.slice(ran).every((a) => a.startsWith("ip -j "))).toBe(true);
    expect(machineState()).toEqual(before);
    expect(session.world.host.ifaces.size).toBe(0);
    expect(session.world.links.size).toBe(0);
  });

  it("links A to the machine: ping both ways; undo, redo and teardown add and remove exactly the host end", async () => {
    assertClear("10.213.61.0/30");
    assertClear("fd13:61::/64");
    const lab = testPrefix("host-link");
    const session = open(lab);
    const end = `${hostStem(lab, lab)}h0`;
    await ok(session, "ns A");
    expect(await ok(session, "link A <-> host 10.213.61.0/30 fd13:61::/64")).toEqual({
      kind: "change",
      summary: [`+ link A:eth0 10.213.61.1/30 fd13:61::1/64 <-> host:${end} 10.213.61.2/30 fd13:61::2/64`],
    });
    expect(present(end)).toBe(true);
    // By its identity as the machine has it.
    const ifindex = Number(readFileSync(`/sys/class/net/${end}/ifindex`, "utf8"));
    const mac = readFileSync(`/sys/class/net/${end}/address`, "utf8").trim();
    expect(JSON.parse(readFileSync(`/run/netl/${lab}.json`, "utf8")).hostInterfaces).toEqual([
      { name: end, ifindex, mac },
    ]);
    for (const line of ["ping A host", "ping host A", "ping A fd13:61::2", "ping host fd13:61::1"])
      expect(await ok(session, line), line).toMatchObject({ kind: "ping", ok: true });

    await ok(session, "undo");
    expect(present(end)).toBe(false);
    await ok(session, "redo");
    expect(present(end)).toBe(true);
    expect(await ok(session, "ping host A")).toMatchObject({ ok: true });

    const closed = await session.close(false);
    live.forget(session);
    expect(closed.failures).toEqual([]);
    expect(present(end)).toBe(false);
    expect(existsSync(`/run/netl/${lab}.json`)).toBe(false);
  });

  it("netl down deletes a host end the lab left up, by the name in its record", async () => {
    assertClear("10.213.65.0/30");
    const lab = testPrefix("host-down");
    const session = open(lab);
    const end = `${hostStem(lab, lab)}h0`;
    await ok(session, "ns A");
    await ok(session, "link A <-> host 10.213.65.0/30");
    await session.close(true);
    live.forget(session);
    expect(present(end)).toBe(true);
    const down = await netl(["down", lab]);
    expect(down.stderr).toBe("");
    expect(down.exitCode).toBe(0);
    expect(present(end)).toBe(false);
    expect(existsSync(`/run/netl/${lab}.json`)).toBe(false);
  });
});
