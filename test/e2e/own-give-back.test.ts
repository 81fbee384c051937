// Issue 18 #3: a moved interface is given back by identity. The test moves one end of a veth pair it
// makes (state: MTU, addresses, a route) into a lab, then a bystander takes its name on the machine
// (another veth, its own state). `netl down`, and the REPL's teardown, must bring the real one home
// under a free name (said) with its state, leave the bystander exactly as it was, and never destroy
// the moved interface with its namespace (its veth peer lives on).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { assertClear } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

const base = testPrefix("gb");
const IF = `${base}0`;
const PEER = `${base}1`;
// The bystander that takes IF's name on the machine, and its peer.
const OTHER_PEER = `${base}2`;
const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });
const has = (name: string) => existsSync(`/sys/class/net/${name}`);

/** An interface of the machine as it is: identity and state. */
function state(name: string) {
  const [l] = JSON.parse(ip("-j", "addr", "show", "dev", name)) as {
    ifindex: number;
    address: string;
    mtu: number;
    flags: string[];
    addr_info: { local: string; prefixlen: number; scope: string }[];
  }[];
  const routes = JSON.parse(ip("-j", "route", "show", "dev", name)) as { dst: string; gateway?: string }[];
  return {
    ifindex: l?.ifindex,
    mac: l?.address,
    mtu: l?.mtu,
    up: l?.flags.includes("UP"),
    addresses: l?.addr_info.filter((a) => a.scope !== "link").map((a) => `${a.local}/${a.prefixlen}`),
    routes: routes.filter((r) => r.gateway).map((r) => `${r.dst} via ${r.gateway}`),
  };
}

const AS_MADE = { mtu: 1400, up: true, addresses: ["10.213.72.1/30"], routes: ["10.213.73.0/24 via 10.213.72.2"] };

function cleanUp() {
  for (const name of [IF, PEER, OTHER_PEER, `${IF}-1`]) if (has(name)) ip("link", "del", name);
}

async function session(lab: string, notes: string[]) {
  const d = Driver.open({
    lab,
    prefix: lab,
    executor: new ProcessExecutor(),
    runDir: "/run/netl",
    onNote: (l) => notes.push(l),
  });
  if (!d.ok) throw new Error(d.error.message);
  for (const text of ["ns A", `move ${IF} -> A`]) {
    const r = await d.value.execute(parse(text).program.statements[0] as Statement, text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  }
  return d.value;
}

/** The bystander: a new interface named IF on the machine, with a state of its own. */
function bystander() {
  ip("link", "add", IF, "type", "veth", "peer", "name", OTHER_PEER);
  ip("link", "set", IF, "mtu", "1300");
  return state(IF);
}

describe.runIf(kernelTestsEnabled("own-give-back.test.ts"))("giving back a moved interface whose name is taken", () => {
  beforeEach(() => {
    cleanUp();
    for (const p of ["10.213.72.0/30", "10.213.73.0/24"]) assertClear(p);
    ip("link", "add", IF, "type", "veth", "peer", "name", PEER);
    ip("link", "set", IF, "mtu", "1400");
    ip("addr", "add", "10.213.72.1/30", "dev", IF);
    ip("link", "set", PEER, "up");
    ip("link", "set", IF, "up");
    ip("route", "add", "10.213.73.0/24", "via", "10.213.72.2", "dev", IF);
  });
  afterAll(cleanUp);

  it("netl down: home as a free name with its state; the bystander untouched; nothing destroyed", async () => {
    const lab = `${base}-down`;
    const made = state(IF);
    const s = await session(lab, []);
    await s.close(true);
    const other = bystander();
    const down = await netl(["down", lab]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toContain(`gave ${IF} back to the machine as ${IF}-1: the machine has another ${IF} now`);
    expect(state(IF)).toEqual(other);
    // The very interface that was moved, by identity, with what it had.
    expect(state(`${IF}-1`)).toEqual({
      ...AS_MADE,
      ifindex: made.ifindex,
      mac: made.mac,
      routes: ["10.213.73.0/24 via 10.213.72.2"],
    });
    expect(has(PEER)).toBe(true);
  });

  it("the REPL's teardown: likewise, said in a note; A goes only once the interface is home", async () => {
    const lab = `${base}-repl`;
    const made = state(IF);
    const notes: string[] = [];
    const s = await session(lab, notes);
    const other = bystander();
    const closed = await s.close(false);
    expect(closed).toEqual({ removed: [`${lab}-A`], failures: [] });
    expect(notes).toContain(`gave ${IF} back to the machine as ${IF}-1: the machine has another ${IF} now`);
    expect(state(IF)).toEqual(other);
    expect(state(`${IF}-1`)).toMatchObject({ ...AS_MADE, ifindex: made.ifindex, mac: made.mac });
    expect(has(PEER)).toBe(true);
  });
});
