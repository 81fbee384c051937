// addr: an interface must be named and exist; the address must be free in the lab.
import { describe, expect, it } from "vitest";
import { change, checkInvariants, failure, lab, spanOf } from "./harness.js";

const world = lab("ns A B", "link A <-> B 10.0.0.0/24");

describe("addr", () => {
  it("adds one address with one op", () => {
    const c = change(world, "addr A:eth0 10.0.5.1/24");
    expect(c.ops).toEqual([{ kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.5.1/24" }]);
    expect(c.summary).toEqual(["+ addr A:eth0 10.0.5.1/24"]);
    expect(c.after.nodes.get("A")?.ifaces.get("eth0")?.addresses).toEqual(["10.0.0.1/24", "10.0.5.1/24"]);
    checkInvariants(c.after);
  });

  it("allows lo, and IPv6 in its normal form", () => {
    expect(change(world, "addr A:lo fd00:0:0::1/128").summary).toEqual(["+ addr A:lo fd00::1/128"]);
  });

  it("asks which interface, listing them", () => {
    const line = "addr A 10.0.5.1/24";
    expect(failure(world, line)).toMatchObject({
      code: "missing-interface",
      message: "which interface of A? write A:eth0",
      hint: "A's interfaces: lo, eth0",
      span: spanOf(line, "A"),
    });
    expect(failure(lab("ns C"), "addr C 10.0.5.1/24").message).toBe("which interface of C? write C:lo");
  });

  it("needs the interface to exist", () => {
    const line = "addr A:eth1 10.0.5.1/24";
    expect(failure(world, line)).toMatchObject({
      code: "unknown-interface",
      message: "A has no interface eth1",
      hint: "did you mean 'eth0'?",
      span: spanOf(line, "eth1"),
    });
    expect(failure(world, "addr A:zzzz 10.0.5.1/24").hint).toBe("A's interfaces: lo, eth0");
  });

  it("needs the address to be free", () => {
    const line = "addr A:lo 10.0.0.2/32";
    expect(failure(world, line)).toMatchObject({
      code: "address-in-use",
      message: "10.0.0.2 is already used by B:eth0",
      span: spanOf(line, "10.0.0.2/32"),
    });
  });

  it("needs the node to exist", () => {
    expect(failure(world, "addr Q:eth0 10.0.5.1/24")).toMatchObject({
      code: "unknown-node",
      span: { col: 6, endCol: 7 },
    });
  });

  it("must not make a route's gateway local, nor a routed IPv4 subnet connected (undo could not re-add the route)", () => {
    const routed = lab(
      "ns A B C",
      "link A <-> B 10.0.0.0/24",
      "route A default via 10.0.0.9",
      "route A 10.5.0.0/24 via B",
    );
    const line = "addr A:lo 10.0.0.9/32";
    expect(failure(routed, line)).toMatchObject({
      code: "address-is-gateway",
      message: "10.0.0.9 is the gateway of A's route default via 10.0.0.9 dev eth0",
      span: spanOf(line, "10.0.0.9/32"),
    });
    expect(failure(routed, "addr A:lo 10.5.0.1/24")).toMatchObject({
      code: "routed-subnet",
      message: "A routes 10.5.0.0/24 via 10.0.0.2 already; an address on it would clash",
    });
    expect(failure(routed, "link C <-> A 10.0.0.8/31")).toMatchObject({ code: "address-is-gateway" });
    // Another node may take the gateway address: it becomes the gateway (A's own end would overlap its eth0).
    expect(change(routed, "addr C:lo 10.0.0.9/32").summary).toEqual(["+ addr C:lo 10.0.0.9/32"]);
    expect(failure(routed, "link A <-> C 10.0.0.8/31")).toMatchObject({ code: "subnet-overlap" });
  });
});
