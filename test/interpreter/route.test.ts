// route: gateways by node or address, always with a dev; duplicates, subnets and families checked.
import { describe, expect, it } from "vitest";
import { change, checkInvariants, failure, lab, spanOf } from "./harness.js";

const routed = lab("ns A B", "router R", "link A <-> R 10.1.0.0/24", "link R <-> B 10.2.0.0/24 fd02::/64");

describe("route via a node", () => {
  it("uses the node's address on the shared link, dev the own end", () => {
    const c = change(routed, "route A default via R");
    expect(c.ops).toEqual([
      { kind: "route.add", node: "A", route: { destination: "default", family: 4, via: "10.1.0.2", dev: "eth0" } },
    ]);
    expect(c.summary).toEqual(["+ route A default via 10.1.0.2 dev eth0"]);
    expect(c.after.nodes.get("A")?.routes).toEqual([
      { destination: "default", family: 4, via: "10.1.0.2", dev: "eth0" },
    ]);
    checkInvariants(c.after);
  });

  it("default via a dual-stack neighbour adds one route per family", () => {
    const c = change(routed, "route B default via R");
    expect(c.summary).toEqual(["+ route B default via 10.2.0.1 dev eth0", "+ route B default via fd02::1 dev eth0"]);
    expect(c.ops).toHaveLength(2);
  });

  it("a prefix via a node uses that prefix's family", () => {
    expect(change(routed, "route B fd01::/64 via R").summary).toEqual(["+ route B fd01::/64 via fd02::1 dev eth0"]);
    const line = "route A fd01::/64 via R";
    expect(failure(routed, line)).toMatchObject({
      code: "no-gateway",
      message: "'R' has no IPv6 address on a link it shares with 'A'",
      hint: "give it one: addr R:eth0 ADDRESS/PREFIX",
      span: spanOf(line, "R"),
    });
  });

  it("needs a shared link", () => {
    const line = "route A default via B";
    expect(failure(routed, line)).toMatchObject({
      code: "no-shared-link",
      message: "'A' and 'B' share no link; route via an address instead, or link them",
      hint: "A's links: A:eth0 <-> R:eth0",
      span: spanOf(line, "B"),
    });
  });

  it("needs an address on the shared link", () => {
    const world = lab("ns A B", "link A <-> B");
    expect(failure(world, "route A default via B")).toMatchObject({
      code: "no-gateway",
      message: "'B' has no address on a link it shares with 'A'",
    });
    const half = change(world, "addr B:eth0 10.0.0.2/24").after;
    expect(failure(half, "route A default via B")).toMatchObject({
      code: "gateway-unreachable",
      message: "10.0.0.2 is not on any subnet of A",
      hint: "give A:eth0 an address on B's subnet",
    });
  });

  it("not via itself; not via an unknown node", () => {
    expect(failure(routed, "route A default via A")).toMatchObject({
      code: "self-route",
      message: "'A' cannot route via itself",
      span: { col: 21, endCol: 22 },
    });
    expect(failure(routed, "route A default via R2")).toMatchObject({
      code: "unknown-node",
      hint: "did you mean 'R'?",
    });
  });
});

describe("route via an address", () => {
  it("finds the dev whose subnet holds the gateway", () => {
    const c = change(routed, "route R 10.9.0.0/16 via 10.2.0.2");
    expect(c.ops).toEqual([
      { kind: "route.add", node: "R", route: { destination: "10.9.0.0/16", family: 4, via: "10.2.0.2", dev: "eth1" } },
    ]);
    expect(c.summary).toEqual(["+ route R 10.9.0.0/16 via 10.2.0.2 dev eth1"]);
  });

  it("default via an IPv6 address is an IPv6 default", () => {
    expect(change(routed, "route B default via fd02::1").ops[0]).toMatchObject({ route: { family: 6, dev: "eth0" } });
  });

  it("the gateway must be on a subnet of the node", () => {
    const line = "route A 10.8.0.0/16 via 10.9.0.1";
    expect(failure(routed, line)).toMatchObject({
      code: "gateway-unreachable",
      message: "10.9.0.1 is not on any subnet of A",
      hint: "A's subnets: 10.1.0.0/24 (eth0)",
      span: spanOf(line, "10.9.0.1"),
    });
    expect(failure(lab("ns C"), "route C default via 10.0.0.1").hint).toBe("C has no addresses yet");
  });

  it("not the node's own address; the same family as the destination", () => {
    const own = "route A default via 10.1.0.1";
    expect(failure(routed, own)).toMatchObject({
      code: "via-own-address",
      message: "10.1.0.1 is A's own address",
      span: spanOf(own, "10.1.0.1"),
    });
    const mixed = "route B fd09::/64 via 10.2.0.1";
    expect(failure(routed, mixed)).toMatchObject({
      code: "family-mismatch",
      message: "10.2.0.1 is IPv4 but the destination is IPv6",
      span: spanOf(mixed, "10.2.0.1"),
    });
  });
});

describe("route destinations", () => {
  it("one route per destination and family", () => {
    const world = change(routed, "route B default via R").after;
    const line = "route B default via 10.2.0.1";
    expect(failure(world, line)).toMatchObject({
      code: "route-exists",
      message: "B already has a default route for IPv4 (via 10.2.0.1 dev eth0)",
      span: spanOf(line, "default"),
    });
    const prefixed = change(routed, "route A 10.2.0.0/16 via R").after;
    expect(failure(prefixed, "route A 10.2.0.0/16 via 10.1.0.2").message).toBe(
      "A already has a route to 10.2.0.0/16 (via 10.1.0.2 dev eth0)",
    );
    expect(change(prefixed, "route A 10.3.0.0/16 via R").summary).toHaveLength(1);
  });

  it("a network, not an address; not a subnet the node is on", () => {
    const line = "route A 10.9.0.1/16 via R";
    expect(failure(routed, line)).toMatchObject({
      code: "not-a-network",
      message: "10.9.0.1/16 is an address, not a network",
      hint: "write 10.9.0.0/16",
      span: spanOf(line, "10.9.0.1/16"),
    });
    const connected = "route A 10.1.0.0/24 via R";
    expect(failure(routed, connected)).toMatchObject({
      code: "connected-subnet",
      message: "A is on 10.1.0.0/24 already (eth0); it needs no route there",
      span: spanOf(connected, "10.1.0.0/24"),
    });
  });

  it("the node must exist", () => {
    expect(failure(routed, "route Z default via R")).toMatchObject({
      code: "unknown-node",
      span: { col: 7, endCol: 8 },
    });
  });
});
