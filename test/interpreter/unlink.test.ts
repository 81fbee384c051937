// unlink: the link must exist and be unambiguous; ops remove routes, addresses, ends, pair.
import { describe, expect, it } from "vitest";
import { change, checkInvariants, failure, lab, spanOf } from "./harness.js";

describe("unlink", () => {
  it("removes routes through the link, addresses, both ends, the pair; summary names the ends", () => {
    const world = lab(
      "ns A B",
      "link A <-> B 10.0.0.0/24",
      "route A 10.9.0.0/16 via B",
      "route B default via 10.0.0.1",
    );
    const c = change(world, "unlink B <-> A");
    expect(c.summary).toEqual(["- link A:eth0 <-> B:eth0"]);
    expect(c.ops).toEqual([
      { kind: "route.del", node: "A", route: { destination: "10.9.0.0/16", family: 4, via: "10.0.0.2", dev: "eth0" } },
      { kind: "route.del", node: "B", route: { destination: "default", family: 4, via: "10.0.0.1", dev: "eth0" } },
      { kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "addr.del", node: "B", ifname: "eth0", cidr: "10.0.0.2/24" },
      { kind: "link.set", node: "A", ifname: "eth0", up: false },
      { kind: "link.set", node: "B", ifname: "eth0", up: false },
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
    ]);
    expect(c.after.links.size).toBe(0);
    expect(c.after.addresses.size).toBe(0);
    expect(c.after.nodes.get("A")?.routes).toEqual([]);
    checkInvariants(c.after);
  });

  it("keeps routes through other links", () => {
    const world = lab("ns A B C", "link A <-> B 10.0.0.0/24", "link A <-> C 10.0.1.0/24", "route A default via C");
    const c = change(world, "unlink A <-> B");
    expect(c.ops.filter((op) => op.kind === "route.del")).toEqual([]);
    expect(c.after.nodes.get("A")?.routes).toHaveLength(1);
  });

  it("needs a link between the two", () => {
    const line = "unlink A <-> B";
    expect(failure(lab("ns A B C", "link A <-> C"), line)).toMatchObject({
      code: "no-link",
      message: "'A' and 'B' share no link",
      hint: "A's links: A:eth0 <-> C:eth0",
      span: { col: 1, endCol: line.length + 1 },
    });
    expect(failure(lab("ns A B"), line).hint).toBe("A has no links");
    expect(failure(lab("ns A"), "unlink A <-> B2")).toMatchObject({ code: "unknown-node", span: { col: 14 } });
  });

  it("asks to name one of several", () => {
    const world = lab("ns A B", "link A <-> B", "link A <-> B");
    expect(failure(world, "unlink A <-> B")).toMatchObject({
      code: "ambiguous-link",
      message: "'A' and 'B' share 2 links (A:eth0, A:eth1); name one, e.g. unlink A:eth1 <-> B",
      hint: "the links: A:eth0 <-> B:eth0, A:eth1 <-> B:eth1",
    });
    expect(change(world, "unlink A:eth1 <-> B").summary).toEqual(["- link A:eth1 <-> B:eth1"]);
    expect(change(world, "unlink B:eth0 <-> A").summary).toEqual(["- link A:eth0 <-> B:eth0"]);
    expect(change(world, "unlink A <-> B:eth1").summary).toEqual(["- link A:eth1 <-> B:eth1"]);
  });

  it("checks named interfaces", () => {
    const world = lab("ns A B C", "link A <-> B", "link A <-> C");
    const line = "unlink A:eth7 <-> B";
    expect(failure(world, line)).toMatchObject({
      code: "unknown-interface",
      message: "A has no interface eth7",
      span: spanOf(line, "eth7"),
    });
    expect(failure(world, "unlink A:eth1 <-> B")).toMatchObject({
      code: "no-link",
      message: "there is no link A:eth1 <-> B",
      hint: "links between 'A' and 'B': A:eth0 <-> B:eth0",
    });
  });

  it("host ends: a node and host that share no link", () => {
    expect(failure(lab("ns A"), "unlink A <-> host")).toMatchObject({ code: "no-link", hint: "A has no links" });
  });
});
