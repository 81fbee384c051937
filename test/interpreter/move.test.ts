// `move`: a machine interface into the lab (its state recorded), back to the machine (that state
// restored), on to another node; every refusal; `del` and `reset` send it back; lowering.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../../src/diagnostic.js";
import { type EvaluableStatement, evaluate } from "../../src/interpreter/index.js";
import { kernelView } from "../../src/interpreter/kernel-view.js";
import { UNREAD } from "../../src/interpreter/machine.js";
import { lower } from "../../src/interpreter/ops/lower.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import type { Change } from "../../src/interpreter/plan.js";
import { resetChange } from "../../src/interpreter/timeline.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { saveScript } from "../../src/present/save.js";
import { showWorld } from "../../src/present/show.js";
import { spanOf, stmt } from "./harness.js";
import { expectRoundTripOn, factsFor, MACHINE } from "./machine.js";

function run(world: World, line: string): Change {
  const r = evaluate(world, stmt(line), factsFor(world));
  if (!r.ok) throw new Error(`'${line}': ${r.error.message}`);
  if (r.value.kind !== "change") throw new Error(`'${line}' is a query`);
  expectRoundTripOn(r.value.change);
  return r.value.change;
}

const lab = (...lines: string[]): World => lines.reduce((world, line) => run(world, line).after, emptyWorld);

function refusal(world: World, line: string): NetlError {
  const r = evaluate(world, stmt(line), factsFor(world));
  if (r.ok) throw new Error(`'${line}' was expected to fail`);
  expect(r.error.phase).toBe("check");
  return r.error;
}

const AB = lab("ns A B");
const eth5 = { ifname: "eth5" };
/** eth5's state on the machine, taken off before it leaves (the inverse of putting it back). */
const eth5Off: Op[] = [
  {
    kind: "route.del",
    node: "host",
    route: { destination: "10.50.0.0/16", family: 4, via: "10.99.0.1", dev: "eth5" },
  },
  { kind: "addr.del", node: "host", ...eth5, cidr: "fd99::5/64" },
  { kind: "addr.del", node: "host", ...eth5, cidr: "10.99.0.5/24" },
  { kind: "link.set", node: "host", ...eth5, up: false },
  { kind: "link.mtu", node: "host", ...eth5, mtu: 1400, previous: 1400 },
];

describe("move IF -> A", () => {
  it("takes the machine's state off, moves the interface and brings it up in A", () => {
    const c = run(AB, "move eth5 -> A");
    expect(c.ops).toEqual([
      ...eth5Off,
      { kind: "iface.move", ...eth5, from: "host", to: "A" },
      { kind: "link.set", node: "A", ...eth5, up: true },
    ]);
    expect(c.summary).toEqual(["+ move eth5 -> A (10.99.0.5/24, fd99::5/64, mtu 1400, up, 1 route)"]);
    expect(c.after.nodes.get("A")?.ifaces.get("eth5")).toEqual({
      name: "eth5",
      addresses: [],
      up: true,
      origin: {
        up: true,
        mtu: 1400,
        addresses: ["10.99.0.5/24", "fd99::5/64"],
        routes: [{ destination: "10.50.0.0/16", family: 4, via: "10.99.0.1", dev: "eth5" }],
        defaultRoute: false,
      },
    });
    expect(c.after.moved.get("eth5")).toBe("A");
  });

  it("moves a down interface without addresses with nothing to take off, and it stays down (issue 20 #6)", () => {
    const c = run(AB, "move eth6 -> B");
    expect(c.ops).toEqual([
      { kind: "link.mtu", node: "host", ifname: "eth6", mtu: 1500, previous: 1500 },
      { kind: "iface.move", ifname: "eth6", from: "host", to: "B" },
    ]);
    expect(c.summary).toEqual(["+ move eth6 -> B (mtu 1500, down)"]);
    expect(c.after.nodes.get("B")?.ifaces.get("eth6")?.up).toBe(false);
    // On to another node, and back: down all the way, nothing brings it up.
    const on = run(c.after, "move B:eth6 -> A");
    expect(on.ops.some((op) => op.kind === "link.set")).toBe(false);
    expect(run(on.after, "move A:eth6 -> host").ops.some((op) => op.kind === "link.set")).toBe(false);
  });

  it("refuses the interface of the default route unless force is written", () => {
    const line = "move eth0 -> A";
    expect(refusal(AB, line)).toMatchObject({
      code: "default-route",
      message:
        "eth0 carries the machine's default route (default via 192.0.2.1 dev eth0); moving it can cut the machine off its network",
      span: spanOf(line, "eth0"),
      hint: "if that is really meant, say so: move eth0 -> A force",
    });
    const forced = run(AB, "move eth0 -> A force");
    expect(forced.ops).toContainEqual({
      kind: "route.del",
      node: "host",
      route: { destination: "default", family: 6, via: "fd00::1", dev: "eth0", metric: 1024 },
    });
    expect(forced.after.nodes.get("A")?.ifaces.get("eth0")?.origin?.defaultRoute).toBe(true);
  });

  it.each([
    ["move eth7 -> A", "eth7", "unknown-interface", "the machine has no interface eth7"],
    ["move eth5 -> host", "host", "same-place", "eth5 is in the machine's namespace already"],
    ["move lo -> A", "lo", "reserved-name", "the machine's lo cannot leave its namespace"],
    ["move eth5 -> Q", "Q", "unknown-node", "unknown node 'Q'"],
    [
      "move nl123456h0 -> A",
      "nl123456h0",
      "owned-interface",
      "nl123456h0 is named like an interface of another netl lab",
    ],
  ])("%s is refused", (line, part, code, message) => {
    expect(refusal(AB, line)).toMatchObject({ code, message, span: spanOf(line, part) });
  });

  it("refuses an interface the lab owns or holds already, and a name the node has", () => {
    const world = lab("ns A B", "link A <-> host 10.213.0.0/30", "move eth5 -> A", "link A:eth6 <-> B");
    expect(refusal(world, "move nlabc123h0 -> B")).toMatchObject({
      code: "owned-interface",
      message: "nlabc123h0 is the lab's own end of link A:eth0 <-> host:nlabc123h0, not an interface of the machine",
    });
    expect(refusal(world, "move eth5 -> B")).toMatchObject({
      code: "owned-interface",
      message: "eth5 is in A already (moved there from the machine)",
      hint: "move A:eth5 -> B",
    });
    expect(refusal(world, "move eth6 -> A")).toMatchObject({
      code: "ifname-exists",
      message: "A already has an interface eth6",
    });
  });

  it("trusts a machine it has not read, with nothing to restore", () => {
    const r = evaluate(AB, stmt("move eth9 -> A"), UNREAD);
    // Nothing known of it: it arrives as the kernel leaves a moved interface, down.
    expect(r.ok && r.value.kind === "change" && r.value.change.ops).toEqual([
      { kind: "iface.move", ifname: "eth9", from: "host", to: "A" },
    ]);
  });
});

describe("move A:IF -> host and -> B", () => {
  const world = lab(
    "ns A B",
    "move eth5 -> A",
    "addr A:eth5 10.7.0.1/24",
    "link A <-> B 10.8.0.0/24",
    "route A 10.9.0.0/16 via 10.7.0.2",
  );

  it("takes the lab's addresses and routes off and gives the machine its state back", () => {
    const c = run(world, "move A:eth5 -> host");
    expect(c.ops).toEqual([
      { kind: "route.del", node: "A", route: { destination: "10.9.0.0/16", family: 4, via: "10.7.0.2", dev: "eth5" } },
      { kind: "addr.del", node: "A", ...eth5, cidr: "10.7.0.1/24" },
      { kind: "link.set", node: "A", ...eth5, up: false },
      { kind: "iface.move", ...eth5, from: "A", to: "host" },
      ...[...eth5Off]
        .reverse()
        .map((op) => ({ ...op, kind: op.kind.replace(".del", ".add") }) as Op)
        .map((op) => (op.kind === "link.set" ? { ...op, up: true } : op)),
    ]);
    expect(c.summary).toEqual(["+ move A:eth5 -> host (10.99.0.5/24, fd99::5/64, mtu 1400, up, 1 route)"]);
    expect(c.after.moved.size).toBe(0);
    expect(c.after.addresses.has("10.7.0.1")).toBe(false);
  });

  it("passes it on to another node, bare and up", () => {
    const c = run(world, "move A:eth5 -> B");
    expect(c.ops.slice(-2)).toEqual([
      { kind: "iface.move", ...eth5, from: "A", to: "B" },
      { kind: "link.set", node: "B", ...eth5, up: true },
    ]);
    expect(c.after.moved.get("eth5")).toBe("B");
    expect(c.after.nodes.get("B")?.ifaces.get("eth5")?.origin?.mtu).toBe(1400);
  });

  it("refuses what did not come from the machine, and a move to where it is", () => {
    expect(refusal(world, "move A:eth0 -> host")).toMatchObject({
      code: "not-moved",
      message: "A:eth0 is an end of link A:eth0 <-> B:eth0; only interfaces moved in from the machine can move on",
      hint: "remove the link instead: unlink A:eth0 <-> B:eth0",
    });
    expect(refusal(world, "move A:lo -> B").code).toBe("not-moved");
    expect(refusal(world, "move A:eth9 -> B").code).toBe("unknown-interface");
    expect(refusal(world, "move A:eth5 -> A").code).toBe("same-place");
  });

  it("refuses to send it back while the machine has another interface of that name", () => {
    const facts = factsFor(world);
    const state = facts.state ?? MACHINE;
    const again = {
      ...facts,
      state: {
        ...state,
        interfaces: new Map([...state.interfaces, ["eth5", { name: "eth5", mtu: 1500, up: false, addresses: [] }]]),
      },
    };
    const r = evaluate(world, stmt("move A:eth5 -> host"), again);
    expect(!r.ok && r.error).toMatchObject({
      code: "ifname-exists",
      message: "the machine has an interface named eth5 again",
    });
  });

  it("del A and reset send it back before the namespace goes", () => {
    for (const c of [run(world, "del A"), resetChange(world)]) {
      const back = c.ops.findIndex((op) => op.kind === "iface.move");
      const gone = c.ops.findIndex((op) => op.kind === "netns.del" && op.node === "A");
      expect(back).toBeGreaterThan(-1);
      expect(back).toBeLessThan(gone);
      expect(c.summary).toContain("- move eth5 -> A");
      expectRoundTripOn(c);
    }
  });
});

describe("lowering a move", () => {
  const ns = (node: string) => `p-${node}`;
  it("runs in the namespace the interface leaves; the machine's is pid 1's", () => {
    const line = (op: Op) => lower(op, ns).command.join(" ");
    expect(line({ kind: "iface.move", ifname: "eth5", from: "host", to: "A" })).toBe("ip link set eth5 netns p-A");
    expect(line({ kind: "iface.move", ifname: "eth5", from: "A", to: "host" })).toBe("ip -n p-A link set eth5 netns 1");
    expect(line({ kind: "link.mtu", node: "host", ifname: "eth5", mtu: 1400, previous: 1500 })).toBe(
      "ip link set eth5 mtu 1400",
    );
    expect(
      line({
        kind: "route.add",
        node: "host",
        route: { destination: "default", family: 6, via: "fd00::1", dev: "eth0", metric: 1024 },
      }),
    ).toBe("ip route add default via fd00::1 dev eth0 metric 1024");
  });
});

describe("save and show", () => {
  const world = lab(
    "ns A B C",
    "link A <-> host 10.213.0.0/30",
    "link host 10.213.1.1/30 <-> B",
    "move eth5 -> B",
    "addr B:eth5 10.7.0.1/24",
    "move eth0 -> C force",
  );

  it("save writes host ends as `host` and moves before the addresses on them; the script rebuilds the lab", () => {
    const script = saveScript(world, "t");
    expect(script).toContain("link A:eth0 10.213.0.1/30 <-> host 10.213.0.2/30");
    expect(script).toContain("link host 10.213.1.1/30 <-> B:eth0");
    expect(script).toContain("move eth5 -> B\n");
    expect(script).toContain("move eth0 -> C force\n");
    expect(script).toContain("addr B:eth5 10.7.0.1/24");
    const { program, errors } = parse(script);
    expect(errors).toEqual([]);
    let copy = emptyWorld;
    for (const s of program.statements) {
      const r = evaluate(copy, s as EvaluableStatement, factsFor(copy));
      if (!r.ok || r.value.kind !== "change") throw new Error(`${s.kind}: ${r.ok ? "a query" : r.error.message}`);
      copy = r.value.change.after;
    }
    expect(kernelView(copy)).toEqual(kernelView(world));
  });

  it("show lists the host ends and marks moved interfaces", () => {
    const shown = showWorld(world).split("\n");
    expect(shown).toContain("  host  host    nlabc123h0 10.213.0.2/30, nlabc123h1 10.213.1.1/30");
    expect(shown).toContain("  B     ns      eth0, eth5 10.7.0.1/24 (moved from the machine)");
  });
});

describe("what a moved interface had that the kernel drops (issue 25 #9)", () => {
  const eth7 = {
    name: "eth7",
    mtu: 1500,
    up: true,
    addresses: ["10.88.0.1/24", "10.89.0.1/32"],
    details: {
      "10.88.0.1/24": { broadcast: "10.88.0.200", label: "eth7:web" },
      "10.89.0.1/32": { peer: "10.89.0.2/32" },
    },
    qdisc: ["tbf", "rate", "1Mbit", "burst", "32Kb", "lat", "50ms"],
    conf: [
      { key: "ipv4/rp_filter", value: "2", fresh: "0" },
      { key: "ipv6/hop_limit", value: "33", fresh: "64" },
    ],
  };
  const base = { ...MACHINE, interfaces: new Map([...MACHINE.interfaces, ["eth7", eth7]]) };
  const moveIn = (world: World, line: string): Change => {
    const r = evaluate(world, stmt(line), factsFor(world, base));
    if (!r.ok || r.value.kind !== "change") throw new Error(`'${line}' failed`);
    expectRoundTripOn(r.value.change, base);
    return r.value.change;
  };

  it("takes its qdisc, settings and addresses off with their peer, broadcast and label, and puts them back", () => {
    const c = moveIn(AB, "move eth7 -> A");
    const lines = c.ops.map((op) => lower(op, (n) => n).command.join(" "));
    expect(lines).toEqual([
      "ip addr del 10.89.0.1/32 peer 10.89.0.2/32 dev eth7",
      "ip addr del 10.88.0.1/24 dev eth7",
      "ip link set eth7 down",
      "tc qdisc del dev eth7 root",
      "sysctl -qw net/ipv6/conf/eth7/hop_limit=64",
      "sysctl -qw net/ipv4/conf/eth7/rp_filter=0",
      "ip link set eth7 mtu 1500",
      "ip link set eth7 netns A",
      "ip -n A link set eth7 up",
    ]);
    expect(c.summary).toEqual(["+ move eth7 -> A (10.88.0.1/24, 10.89.0.1/32, mtu 1500, up, qdisc tbf, 2 settings)"]);
    const back = moveIn(c.after, "move A:eth7 -> host");
    expect(back.ops.map((op) => lower(op, (n) => n).command.join(" ")).slice(-7)).toEqual([
      "ip link set eth7 mtu 1500",
      "sysctl -qw net/ipv4/conf/eth7/rp_filter=2",
      "sysctl -qw net/ipv6/conf/eth7/hop_limit=33",
      "tc qdisc replace dev eth7 root tbf rate 1Mbit burst 32Kb lat 50ms",
      "ip link set eth7 up",
      "ip addr add 10.88.0.1/24 broadcast 10.88.0.200 label eth7:web dev eth7",
      "ip addr add 10.89.0.1/32 peer 10.89.0.2/32 dev eth7",
    ]);
  });

  it("says what it cannot put back: a classful root qdisc", () => {
    const lost = {
      ...base,
      interfaces: new Map([...base.interfaces, ["eth7", { ...eth7, qdisc: undefined, lostQdisc: "htb" }]]),
    };
    const r = evaluate(AB, stmt("move eth7 -> A"), factsFor(AB, lost));
    expect(r.ok && r.value.kind === "change" && r.value.change.summary).toEqual([
      "+ move eth7 -> A (10.88.0.1/24, 10.89.0.1/32, mtu 1500, up, 2 settings, not its qdisc htb: netl cannot put it back)",
    ]);
  });
});
