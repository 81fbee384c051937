// Link conditions and `set`: the ops each change makes (with what they replace, for undo), what
// the World keeps, and the checks that refuse nonsense before any op is made.
import { describe, expect, it } from "vitest";
import { lower } from "../../src/interpreter/ops/lower.js";
import { change, failure, lab, spanOf } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

const tc = (c: ReturnType<typeof change>) =>
  c.ops
    .map((op) => lower(op, (n) => n))
    .filter((s) => s.tool === "tc")
    .map((s) => s.command.join(" "));

describe("conditions on a new link", () => {
  it("netem on both ends (each direction sees the delay once), MTU on both", () => {
    const c = change(lab("ns A B"), "link A <-> B 10.0.0.0/24 delay 50ms jitter 5ms loss 1% mtu 1400");
    expect(tc(c)).toEqual([
      "tc -n A qdisc replace dev eth0 root netem delay 50ms 5ms loss 1%",
      "tc -n B qdisc replace dev eth0 root netem delay 50ms 5ms loss 1%",
    ]);
    expect(c.ops.filter((op) => op.kind === "link.mtu")).toEqual([
      { kind: "link.mtu", node: "A", ifname: "eth0", mtu: 1400, previous: 1500 },
      { kind: "link.mtu", node: "B", ifname: "eth0", mtu: 1400, previous: 1500 },
    ]);
    expect(c.summary).toEqual([
      "+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24 delay 50ms jitter 5ms loss 1% mtu 1400",
    ]);
    expect(c.after.nodes.get("B")?.ifaces.get("eth0")).toMatchObject({
      conditions: { delay: 50_000, jitter: 5000, loss: 1 },
      mtu: 1400,
    });
    expectRoundTrip(c);
  });

  it("a rate alone is tbf, which every kernel has; with anything else it is netem's own rate", () => {
    expect(tc(change(lab("ns A B"), "link A <-> B rate 2mbit"))[0]).toBe(
      "tc -n A qdisc replace dev eth0 root tbf rate 2mbit burst 6056 latency 100ms",
    );
    expect(tc(change(lab("ns A B"), "link A <-> B rate 2mbit loss 1%"))[0]).toBe(
      "tc -n A qdisc replace dev eth0 root netem loss 1% rate 2mbit",
    );
  });

  it("every netem condition, in tc's words", () => {
    const c = change(
      lab("ns A B"),
      "link A <-> B delay 10ms reorder 25% corrupt 0.1% duplicate 2% limit 500 loss 0.5% rate 10mbit",
    );
    expect(tc(c)[0]).toBe(
      "tc -n A qdisc replace dev eth0 root netem delay 10ms loss 0.5% rate 10mbit corrupt 0.1% duplicate 2% reorder 25% limit 500",
    );
  });

  it("jitter or reorder without a delay is refused at the condition", () => {
    const line = "link A <-> B loss 1% jitter 5ms";
    expect(failure(lab("ns A B"), line)).toMatchObject({
      code: "jitter-without-delay",
      message: "jitter needs a delay: jitter varies a delay",
      hint: "write both, such as: delay 50ms jitter 10ms",
      span: spanOf(line, "jitter 5ms"),
    });
    expect(failure(lab("ns A B"), "link A <-> B reorder 25%")).toMatchObject({ code: "reorder-without-delay" });
  });

  it("an MTU below 1280 on an end with IPv6 is refused (the kernel would drop its IPv6)", () => {
    const line = "link A <-> B fd10::/64 mtu 1000";
    expect(failure(lab("ns A B"), line)).toMatchObject({
      code: "mtu-too-small",
      message: "mtu 1000 is too small for IPv6: A:eth0 has fd10::1/64",
      span: spanOf(line, "mtu 1000"),
    });
  });
});

describe("set", () => {
  const slow = () => lab("ns A B", "link A <-> B 10.0.0.0/24 delay 50ms loss 1%");

  it("changes the conditions written and keeps the others; replace records what it replaces", () => {
    const c = change(slow(), "set A <-> B delay 5ms");
    expect(c.ops).toEqual([
      {
        kind: "qdisc.set",
        node: "A",
        ifname: "eth0",
        conditions: { delay: 5000, loss: 1 },
        previous: { delay: 50_000, loss: 1 },
      },
      {
        kind: "qdisc.set",
        node: "B",
        ifname: "eth0",
        conditions: { delay: 5000, loss: 1 },
        previous: { delay: 50_000, loss: 1 },
      },
    ]);
    expect(c.summary).toEqual(["~ A:eth0 <-> B:eth0: delay 5ms loss 1% (was delay 50ms loss 1%)"]);
    expectRoundTrip(c);
  });

  it("a 0 takes one condition away; the last one gone deletes the qdisc", () => {
    const c = change(lab("ns A B", "link A <-> B delay 50ms"), "set A <-> B delay 0ms");
    expect(tc(c)).toEqual(["tc -n A qdisc del dev eth0 root", "tc -n B qdisc del dev eth0 root"]);
    expect(c.after.nodes.get("A")?.ifaces.get("eth0")?.conditions).toBeUndefined();
    expectRoundTrip(c);
  });

  it("one direction: only the first end's queue", () => {
    const c = change(slow(), "set A -> B delay 30ms");
    expect(tc(c)).toEqual(["tc -n A qdisc replace dev eth0 root netem delay 30ms loss 1%"]);
    expect(c.summary).toEqual(["~ A:eth0 -> B:eth0: delay 30ms loss 1% (was delay 50ms loss 1%)"]);
    expect(change(slow(), "set B -> A delay 30ms").ops).toMatchObject([{ node: "B" }]);
    expectRoundTrip(c);
  });

  it("one interface: set A:eth0 …", () => {
    const c = change(slow(), "set B:eth0 rate 1mbit");
    expect(tc(c)).toEqual(["tc -n B qdisc replace dev eth0 root netem delay 50ms loss 1% rate 1mbit"]);
  });

  it("clear takes every condition away and puts the MTU back", () => {
    const world = lab("ns A B", "link A <-> B delay 50ms mtu 9000");
    const c = change(world, "set A <-> B clear");
    expect(c.ops).toEqual([
      { kind: "link.mtu", node: "A", ifname: "eth0", mtu: 1500, previous: 9000 },
      { kind: "qdisc.set", node: "A", ifname: "eth0", previous: { delay: 50_000 } },
      { kind: "link.mtu", node: "B", ifname: "eth0", mtu: 1500, previous: 9000 },
      { kind: "qdisc.set", node: "B", ifname: "eth0", previous: { delay: 50_000 } },
    ]);
    expect(c.summary).toEqual(["~ A:eth0 <-> B:eth0: plain (was delay 50ms mtu 9000)"]);
    expectRoundTrip(c);
  });

  it("jitter set on a link without delay is refused; with the delay it is fine", () => {
    expect(failure(lab("ns A B", "link A <-> B loss 1%"), "set A <-> B jitter 5ms")).toMatchObject({
      code: "jitter-without-delay",
    });
    expect(change(slow(), "set A <-> B jitter 5ms").ops).toHaveLength(2);
    // Taking the delay away from a link with jitter leaves jitter alone: refused at the delay.
    const jittery = lab("ns A B", "link A <-> B delay 50ms jitter 5ms");
    const line = "set A <-> B delay 0ms";
    expect(failure(jittery, line)).toMatchObject({ code: "jitter-without-delay", span: spanOf(line, "delay 0ms") });
  });

  it("needs a link or an interface that is a link's end", () => {
    expect(failure(slow(), "set A delay 5ms")).toMatchObject({ code: "missing-interface" });
    expect(failure(slow(), "set A:lo down")).toMatchObject({
      code: "not-a-link-end",
      message: "A:lo is not an end of a link",
    });
    expect(failure(lab("ns A B C", "link A <-> B"), "set A <-> C down")).toMatchObject({ code: "no-link" });
    expect(failure(slow(), "set A:eth9 down")).toMatchObject({ code: "unknown-interface" });
    expect(failure(slow(), "set A <-> D down")).toMatchObject({ code: "unknown-node" });
  });

  it("several links between two nodes: name one", () => {
    const world = lab("ns A B", "link A <-> B", "link A <-> B");
    expect(failure(world, "set A -> B delay 5ms")).toMatchObject({
      code: "ambiguous-link",
      message: "'A' and 'B' share 2 links (A:eth0, A:eth1); name one, e.g. set A:eth1 -> B",
    });
    expect(change(world, "set A:eth1 -> B delay 5ms").ops).toMatchObject([{ node: "A", ifname: "eth1" }]);
  });
});

describe("set down and up", () => {
  const routed = () =>
    lab("ns A B", "router R", "link A <-> R 10.0.0.0/24 fd10::/64", "link R <-> B 10.0.1.0/24", "route auto");

  it("down: the routes through the ends and their IPv6 addresses are taken off first, and held", () => {
    const c = change(routed(), "set A <-> R down");
    expect(c.ops).toEqual([
      { kind: "route.del", node: "A", route: { destination: "default", family: 4, via: "10.0.0.2", dev: "eth0" } },
      { kind: "addr.del", node: "A", ifname: "eth0", cidr: "fd10::1/64" },
      { kind: "link.set", node: "A", ifname: "eth0", up: false },
      { kind: "addr.del", node: "R", ifname: "eth0", cidr: "fd10::2/64" },
      { kind: "link.set", node: "R", ifname: "eth0", up: false },
    ]);
    const a = c.after.nodes.get("A");
    expect(a?.routes).toEqual([]);
    expect(a?.ifaces.get("eth0")).toMatchObject({ up: false, addresses: ["10.0.0.1/24"] });
    expect(a?.ifaces.get("eth0")?.held?.addresses).toEqual(["fd10::1/64"]);
    expect(c.after.addresses.has("fd10::1")).toBe(true);
    expectRoundTrip(c);
  });

  it("up puts back what down held: the cable plugged in again", () => {
    const down = change(routed(), "set A <-> R down").after;
    const c = change(down, "set A <-> R up");
    expect(c.after.nodes.get("A")?.routes).toEqual(routed().nodes.get("A")?.routes);
    expect(c.after.nodes.get("A")?.ifaces.get("eth0")).toEqual(routed().nodes.get("A")?.ifaces.get("eth0"));
    expectRoundTrip(c);
  });

  it("a route through a down end is refused; one end down only changes that end", () => {
    const down = change(lab("ns A B", "link A <-> B 10.0.0.0/24"), "set A:eth0 down").after;
    expect(failure(down, "route A default via B")).toMatchObject({
      code: "link-down",
      hint: "bring it up first: set A:eth0 up",
    });
    expect(down.nodes.get("B")?.ifaces.get("eth0")?.up).toBe(true);
  });

  it("down twice changes nothing the second time", () => {
    const down = change(lab("ns A B", "link A <-> B"), "set A <-> B down").after;
    expect(change(down, "set A <-> B down").ops).toEqual([]);
  });

  it("unlink of a link with conditions and down ends: undo brings all of it back", () => {
    const world = lab("ns A B", "link A <-> B 10.0.0.0/24 fd10::/64 delay 5ms mtu 1400", "set A -> B down");
    const c = change(world, "unlink A <-> B");
    expect(c.ops.filter((op) => op.kind === "qdisc.set" || op.kind === "link.mtu")).toHaveLength(4);
    expect(c.after.addresses.size).toBe(0);
    expectRoundTrip(c);
  });
});

describe("undo of a set says what came back", () => {
  it("the summary of an undone set names the state it returns to", async () => {
    const { emptyTimeline, record, undo } = await import("../../src/interpreter/timeline.js");
    const world = lab("ns A B", "link A <-> B delay 50ms");
    const t = record({ ...emptyTimeline, world }, change(world, "set A <-> B delay 5ms"), "set A <-> B delay 5ms").next;
    expect(undo(t, 1).summary).toEqual([
      "undo set A <-> B delay 5ms",
      "~ A:eth0 <-> B:eth0: delay 50ms (was delay 5ms)",
    ]);
  });
});
