// `move` in the real kernel, on one end of a veth pair this test makes in the machine's namespace
// (the kernel here has no dummy driver): into a node and back by undo, by `del`, by teardown and by
// `netl down` after the session is gone — each time with its addresses (IPv4 and IPv6), MTU, up
// state and static route. And the interface of the machine's default route is refused without
// `force`, before any change (it is never moved: there is no test with force).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import { type EvaluableStatement, evaluate } from "../../src/interpreter/index.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { readMachine } from "../../src/runtime/machine.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { assertClear, defaultRouteDev, machineState } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

const IF = `${testPrefix("mv")}0`;
const PEER = `${testPrefix("mv")}1`;

const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });

/** The interface as the machine has it: MTU, up, global addresses, routes through it. */
function onMachine() {
  if (!existsSync(`/sys/class/net/${IF}`)) return undefined;
  const [link] = JSON.parse(ip("-j", "addr", "show", "dev", IF)) as {
    mtu: number;
    flags: string[];
    addr_info: { local: string; prefixlen: number; scope: string }[];
  }[];
  const routes = JSON.parse(ip("-j", "route", "show", "dev", IF)) as { dst: string; gateway?: string }[];
  return {
    mtu: link?.mtu,
    up: link?.flags.includes("UP"),
    addresses: link?.addr_info.filter((a) => a.scope !== "link").map((a) => `${a.local}/${a.prefixlen}`),
    routes: routes.filter((r) => r.gateway).map((r) => `${r.dst} via ${r.gateway}`),
  };
}

function inNamespace(ns: string) {
  const [link] = JSON.parse(ip("-n", ns, "-j", "addr", "show", "dev", IF)) as {
    mtu: number;
    flags: string[];
    addr_info: { local: string; scope: string }[];
  }[];
  return { mtu: link?.mtu, up: link?.flags.includes("UP"), global: link?.addr_info.filter((a) => a.scope !== "link") };
}

const live = liveSessions();
const { open, run, ok } = live;

const AS_MADE = {
  mtu: 1400,
  up: true,
  addresses: ["10.213.62.1/30", "fd13:62::1/64"],
  routes: ["10.213.63.0/24 via 10.213.62.2"],
};

describe.runIf(kernelTestsEnabled("move.test.ts"))("move", () => {
  beforeAll(() => {
    for (const p of ["10.213.62.0/30", "10.213.63.0/24", "fd13:62::/64"]) assertClear(p);
    ip("link", "add", IF, "type", "veth", "peer", "name", PEER);
    ip("link", "set", IF, "mtu", "1400");
    ip("addr", "add", "10.213.62.1/30", "dev", IF);
    ip("addr", "add", "fd13:62::1/64", "dev", IF, "nodad");
    ip("link", "set", PEER, "up");
    ip("link", "set", IF, "up");
    ip("route", "add", "10.213.63.0/24", "via", "10.213.62.2", "dev", IF);
    expect(onMachine()).toEqual(AS_MADE);
  });

  afterAll(async () => {
    await live.closeAll();
    // The pair is this test's own: deleting either end removes both, wherever the other is.
    for (const name of [IF, PEER]) if (existsSync(`/sys/class/net/${name}`)) ip("link", "del", name);
  });

  it("moves the interface in and puts it back with its state on undo, del and teardown", async () => {
    const lab = testPrefix("move");
    const session = open(lab);
    await ok(session, "ns A");
    await ok(session, `move ${IF} -> A`);
    expect(onMachine()).toBeUndefined();
    expect(inNamespace(`${lab}-A`)).toEqual({ mtu: 1400, up: true, global: [] });
    await ok(session, `addr A:${IF} 10.213.64.1/24`);
    await ok(session, "undo 2");
    expect(onMachine()).toEqual(AS_MADE);

    // A secondary address: taken off before its primary, which the kernel would delete it with.
    await ok(session, `move ${IF} -> A`);
    await ok(session, `addr A:${IF} 10.213.64.1/24`);
    await ok(session, `addr A:${IF} 10.213.64.9/24`);
    await ok(session, `move A:${IF} -> host`);
    expect(onMachine()).toEqual(AS_MADE);
    // One undo of all four: the interface goes into A and comes back within the same change.
    await ok(session, "undo 4");
    expect(onMachine()).toEqual(AS_MADE);

    await ok(session, `move ${IF} -> A`);
    await ok(session, "del A");
    expect(onMachine()).toEqual(AS_MADE);
    await ok(session, "undo");
    expect(onMachine()).toBeUndefined();
    expect(inNamespace(`${lab}-A`)).toMatchObject({ up: true });

    const closed = await session.close(false);
    live.forget(session);
    expect(closed.failures).toEqual([]);
    expect(onMachine()).toEqual(AS_MADE);
  });

  it("netl down gives it back after the session is gone", async () => {
    const lab = testPrefix("move-down");
    const session = open(lab);
    await ok(session, "ns B");
    await ok(session, `move ${IF} -> B`);
    await session.close(true);
    live.forget(session);
    expect(onMachine()).toBeUndefined();
    const down = await netl(["down", lab]);
    expect(down.stderr).toBe("");
    expect(down.stdout).toBe(`removed lab '${lab}' (1 namespace, 1 interface given back to the machine)`);
    expect(down.exitCode).toBe(0);
    expect(onMachine()).toEqual(AS_MADE);
  });

  it("refuses the interface of the machine's default route without force, before any change", async () => {
    const dev = defaultRouteDev();
    if (dev === undefined) return;
    const lab = testPrefix("move-no");
    const session = open(lab);
    await ok(session, "ns A");
    const line = `move ${dev} -> A`;
    const { program, errors } = parse(line);
    expect(errors).toEqual([]);
    // First the interpreter alone, on the machine as read now: only a refusal goes on to the session.
    const facts = await readMachine(new ProcessExecutor(), hostStem(lab, lab));
    if (!facts.ok) throw new Error(facts.error.message);
    const checked = evaluate(session.world, program.statements[0] as EvaluableStatement, facts.value);
    if (checked.ok) throw new Error(`${line} was not refused: the test stops before it could run`);
    expect(checked.error.code).toBe("default-route");

    const before = machineState();
    const r = await run(session, line);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: "default-route",
        hint: `if that is really meant, say so: move ${dev} -> A force`,
      });
    expect(machineState()).toEqual(before);
    expect(session.world.moved.size).toBe(0);
  });
});
