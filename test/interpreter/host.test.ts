// `host` as a link end: the name netl gives that end, the overlap check against the machine's
// routes and addresses (with the refusal naming what it overlaps), removal, ping, lowering.
import { describe, expect, it } from "vitest";
import type { NetlError } from "../../src/diagnostic.js";
import { HOST_IFNAME, hostStem } from "../../src/interpreter/host-names.js";
import { evaluate } from "../../src/interpreter/index.js";
import { needsMachine, UNREAD } from "../../src/interpreter/machine.js";
import { lower } from "../../src/interpreter/ops/lower.js";
import type { Change, Query } from "../../src/interpreter/plan.js";
import { resetChange } from "../../src/interpreter/timeline.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { spanOf, stmt } from "./harness.js";
import { expectRoundTripOn, factsFor, MACHINE, STEM } from "./machine.js";

function run(world: World, line: string, state = MACHINE): Change {
  const r = evaluate(world, stmt(line), factsFor(world, state));
  if (!r.ok) throw new Error(`'${line}': ${r.error.message}`);
  if (r.value.kind !== "change") throw new Error(`'${line}' is a query`);
  expectRoundTripOn(r.value.change, state);
  return r.value.change;
}

function lab(...lines: string[]): World {
  return lines.reduce((world, line) => run(world, line).after, emptyWorld);
}

function refusal(world: World, line: string, state = MACHINE): NetlError {
  const r = evaluate(world, stmt(line), factsFor(world, state));
  if (r.ok) throw new Error(`'${line}' was expected to fail`);
  expect(r.error.phase).toBe("check");
  return r.error;
}

function ask(world: World, line: string): Query {
  const r = evaluate(world, stmt(line));
  if (!r.ok || r.value.kind !== "query") throw new Error(`'${line}' is not a query`);
  return r.value.query;
}

const AB = lab("ns A B");
const h0 = `${STEM}h0`;

describe("link A <-> host", () => {
  it("puts one end in the machine's namespace under a lab-unique name", () => {
    const c = run(AB, "link A <-> host 10.213.0.0/30 fd13::/64");
    expect(c.ops).toEqual([
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "host", ifname: h0 } },
      { kind: "link.set", node: "A", ifname: "eth0", up: true },
      { kind: "link.set", node: "host", ifname: h0, up: true },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.213.0.1/30" },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "fd13::1/64" },
      { kind: "addr.add", node: "host", ifname: h0, cidr: "10.213.0.2/30" },
      { kind: "addr.add", node: "host", ifname: h0, cidr: "fd13::2/64" },
    ]);
    expect(c.summary).toEqual([`+ link A:eth0 10.213.0.1/30 fd13::1/64 <-> host:${h0} 10.213.0.2/30 fd13::2/64`]);
    expect(c.after.host.ifaces.get(h0)).toMatchObject({ up: true, link: 1 });
    expect(c.after.nodes.has("host")).toBe(false);
  });

  it("takes the next index when the machine or the lab has the name already", () => {
    const machine = {
      ...MACHINE,
      interfaces: new Map([...MACHINE.interfaces, [h0, { ...MACHINE.interfaces.get("eth6"), name: h0 }]]),
    };
    const c = run(AB, "link host <-> A 10.213.0.0/30", machine as typeof MACHINE);
    expect(c.ops[0]).toEqual({
      kind: "veth.add",
      a: { node: "host", ifname: `${STEM}h1` },
      b: { node: "A", ifname: "eth0" },
    });
    const two = run(lab("ns A B", "link A <-> host 10.213.0.0/30"), "link B <-> host 10.213.0.4/30");
    expect(two.summary).toEqual([`+ link B:eth0 10.213.0.5/30 <-> host:${STEM}h1 10.213.0.6/30`]);
  });

  it("refuses a name for the host end", () => {
    const line = "link A <-> host:up0 10.213.0.0/30";
    expect(refusal(AB, line)).toMatchObject({
      code: "host-ifname",
      message: `netl names a link's host end itself (this one would be ${h0})`,
      span: spanOf(line, "up0"),
    });
  });

  it("refuses host <-> host", () => {
    expect(refusal(AB, "link host <-> host").code).toBe("self-link");
  });
});

describe("host addresses that overlap the machine's", () => {
  it.each([
    ["link A <-> host 192.0.2.0/24", "192.0.2.0/24", "192.0.2.0/24 overlaps the machine's route 192.0.2.0/24 dev eth0"],
    ["link A <-> host 192.0.0.0/16", "192.0.0.0/16", "192.0.0.0/16 overlaps the machine's route 192.0.2.0/24 dev eth0"],
    ["link A <-> host fd00::/64", "fd00::/64", "fd00::/64 overlaps the machine's route fd00::/64 dev eth0"],
    [
      "link A 10.213.0.1/24 <-> host 192.0.2.9/24",
      "192.0.2.9/24",
      "192.0.2.0/24 overlaps the machine's route 192.0.2.0/24 dev eth0",
    ],
    ["link A <-> host 127.1.0.0/30", "127.1.0.0/30", "127.1.0.0/30 overlaps the machine's address 127.0.0.1/8 on lo"],
    [
      "link A <-> host 10.99.0.128/25",
      "10.99.0.128/25",
      "10.99.0.128/25 overlaps the machine's route 10.99.0.0/24 dev eth5",
    ],
  ])("%s", (line, part, message) => {
    const e = refusal(AB, line);
    expect(e).toMatchObject({ code: "host-overlap", message, span: spanOf(line, part) });
    expect(e.hint).toMatch(
      /^an address in host must not overlap what the machine routes; pick another prefix, e\.g\. /,
    );
  });

  it("names a route by its gateway, as `ip route` prints it", () => {
    const machine = {
      ...MACHINE,
      routes: [...MACHINE.routes, { destination: "10.0.0.0/8", family: 4 as const, devs: ["eth0"], via: "192.0.2.1" }],
    };
    expect(refusal(AB, "link A <-> host 10.0.2.0/24", machine)).toMatchObject({
      message: "10.0.2.0/24 overlaps the machine's route 10.0.0.0/8 via 192.0.2.1 dev eth0",
      hint: "an address in host must not overlap what the machine routes; pick another prefix, e.g. 172.31.200.0/24",
    });
  });

  it("ignores the default route, and a prefix next to the machine's", () => {
    run(AB, "link A <-> host 192.0.3.0/24");
  });

  it("refuses an overlap with the lab's own host ends, and with a moved interface's addresses", () => {
    const world = lab("ns A B", "link A <-> host 10.213.0.0/30");
    expect(refusal(world, "link B 10.213.0.9/24 <-> host 10.213.0.10/24").message).toBe(
      `10.213.0.0/24 overlaps the lab's own 10.213.0.2/30 on host:${h0}`,
    );
    const moved = lab("ns A B", "move eth5 -> A");
    expect(refusal(moved, "link B <-> host 10.99.0.0/30").message).toBe(
      "10.99.0.0/30 overlaps 10.99.0.5/24, which eth5 (moved into A) gets back when it returns",
    );
  });

  it("cannot check a machine it has not read (netl check, netl plan)", () => {
    const r = evaluate(AB, stmt("link A <-> host 192.0.2.0/24"), UNREAD);
    expect(r.ok).toBe(true);
  });
});

describe("host ends go away with their link", () => {
  const world = lab("ns A B", "link A <-> host 10.213.0.0/30", "link B <-> A 10.1.0.0/24");

  it("unlink takes the host end's addresses off and deletes the pair from the machine's side", () => {
    const c = run(world, "unlink A <-> host");
    expect(c.ops).toContainEqual({ kind: "addr.del", node: "host", ifname: h0, cidr: "10.213.0.2/30" });
    expect(c.ops.at(-1)).toEqual({
      kind: "veth.del",
      a: { node: "A", ifname: "eth0" },
      b: { node: "host", ifname: h0 },
    });
    expect(lower(c.ops.at(-1) as never, (n) => `p-${n}`).command).toEqual(["ip", "link", "del", h0]);
    expect(c.after.host.ifaces.size).toBe(0);
  });

  it("del A and reset remove the host end too", () => {
    expect(run(world, "del A").after.host.ifaces.size).toBe(0);
    const reset = resetChange(world);
    expect(reset.after.host.ifaces.size).toBe(0);
    expectRoundTripOn(reset);
  });
});

describe("routes in the machine's namespace", () => {
  // Found by random.test.ts: the simulated machine once dropped the lab's own host routes.
  it("route host … via A round-trips beside the machine's routes, and unlink takes it away", () => {
    const world = lab("ns A B", "link A <-> host 10.0.4.0/24", "link A <-> B 10.0.0.0/24");
    const c = run(world, "route host 10.0.0.0/24 via A");
    expect(c.ops).toEqual([
      { kind: "route.add", node: "host", route: { destination: "10.0.0.0/24", family: 4, via: "10.0.4.1", dev: h0 } },
    ]);
    expect(run(c.after, "unlink A <-> host").ops).toContainEqual(
      expect.objectContaining({ kind: "route.del", node: "host" }),
    );
  });
});

describe("ping with host", () => {
  const world = lab("ns A B", "link A <-> host 10.213.0.0/30");

  it("pings the host end's address from A, and A's from the machine", () => {
    expect(ask(world, "ping A host")).toMatchObject({ from: "A", target: "host", address: "10.213.0.2" });
    expect(ask(world, "ping host A")).toMatchObject({ from: "host", target: "A", address: "10.213.0.1" });
  });

  it("has no address of host to ping without a host link", () => {
    expect(ask(AB, "ping A host")).not.toHaveProperty("address");
  });
});

describe("lowering in the machine's namespace", () => {
  const ns = (node: string) => `p-${node}`;
  it("creates the host end first, in the machine's namespace, and works on it without -n", () => {
    const c = run(AB, "link A <-> host 10.213.0.0/30");
    expect(c.ops.map((op) => lower(op, ns).command.join(" "))).toEqual([
      `ip link add ${h0} type veth peer name eth0 netns p-A`,
      "ip -n p-A link set eth0 up",
      `ip link set ${h0} up`,
      "ip -n p-A addr add 10.213.0.1/30 dev eth0",
      `ip addr add 10.213.0.2/30 dev ${h0}`,
    ]);
  });
});

describe("names and when the machine is read", () => {
  it("a lab's stem is stable and its names fit IFNAMSIZ", () => {
    expect(hostStem("lab", "p")).toBe(hostStem("lab", "p"));
    expect(hostStem("lab", "p")).not.toBe(hostStem("lab", "q"));
    expect(`${hostStem("a-very-long-lab-name", "nlt-x")}h999999`).toMatch(HOST_IFNAME);
    expect(`${hostStem("x", undefined)}h999999`.length).toBe(15);
  });

  it.each([
    ["link A <-> host", true],
    ["link host <-> A 10.1.0.0/30", true],
    ["link A <-> B", false],
    ["move eth5 -> A", true],
    ["ping A host", false],
  ])("%s reads the machine: %s", (line, expected) => {
    expect(needsMachine(stmt(line))).toBe(expected);
  });
});
