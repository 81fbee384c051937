// Issue 25 #9 and issue 20 #6, on the real kernel, on one end of a veth pair this test makes (never an
// interface it did not make): a down interface arrives down and comes back down; one with a broadcast
// and a label, a peer address, IPv6, an MTU, a root qdisc, its own rp_filter and hop_limit and a static
// route comes back with all of it — by undo, by `move … -> host`, by teardown and by `netl down`; a move
// the kernel refuses changes nothing, broadcast and label included.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { assertClear } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

const IF = `${testPrefix("ms")}0`;
const PEER = `${testPrefix("ms")}1`;
const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });
const sysctl = (path: string) => readFileSync(`/proc/sys/net/${path}`, "utf8").trim();

interface AddrInfo {
  local: string;
  prefixlen: number;
  scope: string;
  broadcast?: string;
  label?: string;
  address?: string;
}

/** Everything of IF the machine has, as `ip`, `tc` and /proc/sys tell it; undefined when it is not there. */
function onMachine() {
  if (!existsSync(`/sys/class/net/${IF}`)) return undefined;
  const [link] = JSON.parse(ip("-j", "addr", "show", "dev", IF)) as {
    mtu: number;
    flags: string[];
    addr_info: AddrInfo[];
  }[];
  const routes = JSON.parse(ip("-j", "route", "show", "dev", IF)) as { dst: string; gateway?: string }[];
  const qdisc = execFileSync("tc", ["qdisc", "show", "dev", IF, "root"], { encoding: "utf8" });
  return {
    mtu: link?.mtu,
    up: link?.flags.includes("UP"),
    addresses: link?.addr_info
      .filter((a) => a.scope !== "link")
      .map((a) => [a.local, a.prefixlen, a.broadcast ?? "", a.label ?? "", a.address ?? ""].join(" ")),
    routes: routes.filter((r) => r.gateway).map((r) => `${r.dst} via ${r.gateway}`),
    // Without its handle, which the kernel numbers anew each time.
    qdisc: qdisc.replace(/ [0-9a-f]+: root refcnt \d+/, " root").trim(),
    rpFilter: sysctl(`ipv4/conf/${IF}/rp_filter`),
    hopLimit: sysctl(`ipv6/conf/${IF}/hop_limit`),
  };
}

const upIn = (ns: string): boolean => {
  const [link] = JSON.parse(ip("-n", ns, "-j", "link", "show", "dev", IF)) as { flags: string[] }[];
  return link?.flags.includes("UP") ?? false;
};

function makeIt(up: boolean) {
  ip("link", "add", IF, "type", "veth", "peer", "name", PEER);
  ip("link", "set", IF, "mtu", "1400");
  execFileSync("tc", [
    "qdisc",
    "replace",
    "dev",
    IF,
    "root",
    "tbf",
    "rate",
    "1mbit",
    "burst",
    "32kb",
    "latency",
    "50ms",
  ]);
  execFileSync("sysctl", ["-qw", `net/ipv4/conf/${IF}/rp_filter=2`, `net/ipv6/conf/${IF}/hop_limit=33`]);
  ip("addr", "add", "10.213.70.1/24", "broadcast", "10.213.70.200", "label", `${IF}:w`, "dev", IF);
  ip("addr", "add", "10.213.71.1/32", "peer", "10.213.71.2/32", "dev", IF);
  ip("addr", "add", "fd13:70::1/64", "dev", IF, "nodad");
  ip("link", "set", PEER, "up");
  if (up) {
    ip("link", "set", IF, "up");
    ip("route", "add", "10.213.72.0/24", "via", "10.213.70.2", "dev", IF);
  }
}

const live = liveSessions();
const { open, ok, run } = live;

describe.runIf(kernelTestsEnabled("move-state.test.ts"))("a moved interface comes back as it was", () => {
  let made: ReturnType<typeof onMachine>;
  afterEach(async () => {
    await live.closeAll();
    // The pair is this test's own: deleting either end removes both, wherever the other is.
    for (const name of [IF, PEER]) if (existsSync(`/sys/class/net/${name}`)) ip("link", "del", name);
  });
  afterAll(() => {
    for (const name of [IF, PEER]) if (existsSync(`/sys/class/net/${name}`)) ip("link", "del", name);
  });

  describe("up, with everything", () => {
    beforeEach(() => {
      for (const p of ["10.213.70.0/24", "10.213.71.0/24", "10.213.72.0/24", "fd13:70::/64"]) assertClear(p);
      makeIt(true);
      made = onMachine();
      expect(made).toMatchObject({ up: true, mtu: 1400, rpFilter: "2", hopLimit: "33" });
      expect(made?.qdisc).toMatch(/^qdisc tbf root rate 1Mbit/);
      expect(made?.addresses).toContain(`10.213.70.1 24 10.213.70.200 ${IF}:w `);
    });

    it("undo, move back and teardown give it all back", async () => {
      const lab = testPrefix("ms-a");
      const s = open(lab);
      await ok(s, "ns A B");
      await ok(s, `move ${IF} -> A`);
      expect(onMachine()).toBeUndefined();
      expect(upIn(`${lab}-A`)).toBe(true);
      await ok(s, "undo");
      expect(onMachine()).toEqual(made);
      await ok(s, `move ${IF} -> A`);
      await ok(s, `addr A:${IF} 10.213.73.1/24`);
      await ok(s, `move A:${IF} -> B`);
      await ok(s, `move B:${IF} -> host`);
      expect(onMachine()).toEqual(made);
      await ok(s, `move ${IF} -> B`);
      await live.closeAll();
      expect(onMachine()).toEqual(made);
    });

    it("netl down gives it all back after the session is gone", async () => {
      const lab = testPrefix("ms-d");
      const s = open(lab);
      await ok(s, "ns A");
      await ok(s, `move ${IF} -> A`);
      await s.close(true);
      live.forget(s);
      const down = await netl(["down", lab]);
      expect(down.stderr).toBe("");
      expect(down.exitCode).toBe(0);
      expect(onMachine()).toEqual(made);
    });

    it("a move the kernel refuses changes nothing: the rollback puts broadcast and label back", async () => {
      // Without the peer address, which netl before this fix could not even take off.
      ip("addr", "del", "10.213.71.1/32", "peer", "10.213.71.2/32", "dev", IF);
      made = onMachine();
      const lab = testPrefix("ms-r");
      const s = open(lab);
      await ok(s, "ns A");
      // Made behind netl's back: A has an interface of that name, so the kernel refuses the move itself.
      ip("-n", `${lab}-A`, "link", "add", IF, "type", "veth", "peer", "name", "x");
      const r = await run(s, `move ${IF} -> A`);
      expect(r.ok).toBe(false);
      expect(onMachine()).toEqual(made);
      expect(s.world.moved.size).toBe(0);
    });
  });

  it("a down interface arrives down, stays down when passed on, and comes back down", async () => {
    makeIt(false);
    const before = onMachine();
    expect(before?.up).toBe(false);
    const lab = testPrefix("ms-down");
    const s = open(lab);
    await ok(s, "ns A B");
    const moved = await ok(s, `move ${IF} -> A`);
    expect(moved).toMatchObject({ summary: [expect.stringContaining(", down, qdisc tbf, 2 settings)")] });
    expect(upIn(`${lab}-A`)).toBe(false);
    await ok(s, `move A:${IF} -> B`);
    expect(upIn(`${lab}-B`)).toBe(false);
    await ok(s, `move B:${IF} -> host`);
    expect(onMachine()).toEqual(before);
  });
});
