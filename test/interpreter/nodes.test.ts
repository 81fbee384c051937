// ns, router and del: names, ops in kernel order, summaries, and del's teardown of links and routes.
import { describe, expect, it } from "vitest";
import { emptyWorld } from "../../src/interpreter/world.js";
import { change, checkInvariants, failure, lab, refused, spanOf } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

describe("ns", () => {
  it("creates namespaces with lo up, one op per kernel step", () => {
    const c = change(emptyWorld, "ns A B");
    expect(c.ops).toEqual([
      { kind: "netns.add", node: "A" },
      { kind: "link.set", node: "A", ifname: "lo", up: true },
      { kind: "sysctl.set", node: "A", key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
      { kind: "netns.add", node: "B" },
      { kind: "link.set", node: "B", ifname: "lo", up: true },
      { kind: "sysctl.set", node: "B", key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
    ]);
    expect(c.summary).toEqual(["+ ns A", "+ ns B"]);
    expect(c.before).toBe(emptyWorld);
    expect(c.after.nodes.get("A")).toMatchObject({ name: "A", kind: "ns", routes: [] });
    expect(c.after.nodes.get("A")?.ifaces.get("lo")).toEqual({ name: "lo", addresses: [], up: true });
    checkInvariants(c.after);
  });

  it("refuses an existing name, pointing at it", () => {
    const line = "ns B A";
    const e = failure(lab("ns A"), line);
    expect(e).toMatchObject({
      code: "node-exists",
      message: "node 'A' already exists",
      hint: "pick another name, or remove it first: del A",
      span: spanOf(line, "A"),
    });
  });

  it("refuses a name given twice in one statement, at the second", () => {
    const line = "ns A A";
    const e = failure(emptyWorld, line);
    expect(e.message).toBe("node 'A' already exists");
    expect(e.span).toMatchObject(spanOf(line, "A", 2));
  });

  it("refuses a name over 32 characters", () => {
    const long = `n${"x".repeat(39)}`;
    const e = failure(emptyWorld, `ns ${long}`);
    expect(e).toMatchObject({
      code: "name-too-long",
      message: `node name '${long}' is too long (40 characters; at most 32)`,
      span: { col: 4, endCol: 44 },
    });
    expect(change(emptyWorld, `ns ${"y".repeat(32)}`).summary).toHaveLength(1);
  });

  it("reserves host", () => {
    const e = failure(emptyWorld, "ns A host");
    expect(e).toMatchObject({
      code: "reserved-name",
      message: "'host' is the machine's own namespace, not a node name",
      span: { col: 6, endCol: 10 },
    });
    expect(e.hint).toBeTruthy();
  });

  it("never sees a name that is not a name: the parser refuses it", () => {
    expect(refused("ns 9a")).toMatchObject({
      code: "syntax",
      message: "expected a node name, found '9a'",
      span: spanOf("ns 9a", "9a"),
    });
  });
});

describe("router", () => {
  it("is a namespace with DAD off and both forwarding sysctls on, recording the fresh values", () => {
    const c = change(emptyWorld, "router R");
    expect(c.ops).toEqual([
      { kind: "netns.add", node: "R" },
      { kind: "link.set", node: "R", ifname: "lo", up: true },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.all.forwarding", value: "1", previous: "0" },
    ]);
    expect(c.summary).toEqual(["+ router R"]);
    expect(c.after.nodes.get("R")?.kind).toBe("router");
  });

  it("checks names like ns", () => {
    expect(failure(lab("router R"), "router R").message).toBe("node 'R' already exists");
    expect(failure(lab("switch R"), "router R").message).toBe("node 'R' already exists");
    expect(failure(lab("ns A"), "router A A").code).toBe("node-exists");
  });

  it("turns an existing ns into a router: its forwarding on, one undo step", () => {
    const c = change(lab("ns A B"), "router A C");
    expect(c.ops).toEqual([
      { kind: "sysctl.set", node: "A", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
      { kind: "sysctl.set", node: "A", key: "net.ipv6.conf.all.forwarding", value: "1", previous: "0" },
      { kind: "netns.add", node: "C" },
      { kind: "link.set", node: "C", ifname: "lo", up: true },
      { kind: "sysctl.set", node: "C", key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "C", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
      { kind: "sysctl.set", node: "C", key: "net.ipv6.conf.all.forwarding", value: "1", previous: "0" },
    ]);
    expect(c.summary).toEqual(["+ router A: forwarding on", "+ router C"]);
    expect(c.after.nodes.get("A")?.kind).toBe("router");
    expectRoundTrip(c);
    expectRoundTrip(change(c.after, "del A"));
  });
});

describe("del", () => {
  it("removes a lone node: lo down, DAD as fresh, then the namespace", () => {
    const c = change(lab("ns A"), "del A");
    expect(c.ops).toEqual([
      { kind: "link.set", node: "A", ifname: "lo", up: false },
      { kind: "sysctl.set", node: "A", key: "net.ipv6.conf.default.accept_dad", value: "1", previous: "0" },
      { kind: "netns.del", node: "A" },
    ]);
    expect(c.summary).toEqual(["- ns A"]);
    expect(c.after.nodes.size).toBe(0);
  });

  it("removes a router's forwarding before its namespace", () => {
    const c = change(lab("router R"), "del R");
    expect(c.ops).toEqual([
      { kind: "link.set", node: "R", ifname: "lo", up: false },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.all.forwarding", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.default.accept_dad", value: "1", previous: "0" },
      { kind: "netns.del", node: "R" },
    ]);
    expect(c.summary).toEqual(["- router R"]);
  });

  it("takes every link of the node away, with the peers' routes through them", () => {
    const world = lab(
      "ns A B",
      "router R",
      "link A <-> R 10.1.0.0/24",
      "link R <-> B 10.2.0.0/24 fd02::/64",
      "route A default via R",
      "route B default via R",
      "route R 10.9.0.0/16 via 10.2.0.2",
      "addr R:lo 10.255.0.1/32",
    );
    const c = change(world, "del R");
    expect(c.summary).toEqual(["- link A:eth0 <-> R:eth0", "- link R:eth1 <-> B:eth0", "- router R"]);
    expect(c.ops).toEqual([
      { kind: "route.del", node: "A", route: { destination: "default", family: 4, via: "10.1.0.2", dev: "eth0" } },
      { kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.1.0.1/24" },
      { kind: "addr.del", node: "R", ifname: "eth0", cidr: "10.1.0.2/24" },
      { kind: "link.set", node: "A", ifname: "eth0", up: false },
      { kind: "link.set", node: "R", ifname: "eth0", up: false },
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "R", ifname: "eth0" } },
      { kind: "route.del", node: "R", route: { destination: "10.9.0.0/16", family: 4, via: "10.2.0.2", dev: "eth1" } },
      { kind: "route.del", node: "B", route: { destination: "default", family: 4, via: "10.2.0.1", dev: "eth0" } },
      { kind: "route.del", node: "B", route: { destination: "default", family: 6, via: "fd02::1", dev: "eth0" } },
      // Last added first, so that undo adds them back in their order (which IPv4 address is primary).
      { kind: "addr.del", node: "R", ifname: "eth1", cidr: "fd02::1/64" },
      { kind: "addr.del", node: "R", ifname: "eth1", cidr: "10.2.0.1/24" },
      { kind: "addr.del", node: "B", ifname: "eth0", cidr: "fd02::2/64" },
      { kind: "addr.del", node: "B", ifname: "eth0", cidr: "10.2.0.2/24" },
      { kind: "link.set", node: "R", ifname: "eth1", up: false },
      { kind: "link.set", node: "B", ifname: "eth0", up: false },
      { kind: "veth.del", a: { node: "R", ifname: "eth1" }, b: { node: "B", ifname: "eth0" } },
      { kind: "addr.del", node: "R", ifname: "lo", cidr: "10.255.0.1/32" },
      { kind: "link.set", node: "R", ifname: "lo", up: false },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.all.forwarding", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "0", previous: "1" },
      { kind: "sysctl.set", node: "R", key: "net.ipv6.conf.default.accept_dad", value: "1", previous: "0" },
      { kind: "netns.del", node: "R" },
    ]);
    const after = c.after;
    expect(after.links.size).toBe(0);
    expect(after.nodes.get("A")?.routes).toEqual([]);
    expect(after.nodes.get("B")?.routes).toEqual([]);
    expect([...(after.nodes.get("B")?.ifaces.keys() ?? [])]).toEqual(["lo"]);
    expect(after.addresses.size).toBe(0);
    checkInvariants(after);
  });

  it("deletes several nodes, a link between them once", () => {
    const c = change(lab("ns A B C", "link A <-> B"), "del A B");
    expect(c.summary).toEqual(["- link A:eth0 <-> B:eth0", "- ns A", "- ns B"]);
    expect([...c.after.nodes.keys()]).toEqual(["C"]);
  });

  it("refuses to delete what is not there, with did-you-mean", () => {
    const line = "del B2";
    expect(failure(lab("ns A B"), line)).toEqual({
      phase: "check",
      code: "unknown-node",
      message: "no node 'B2' to delete",
      hint: "did you mean 'B'?",
      span: expect.objectContaining(spanOf(line, "B2")),
    });
    expect(failure(lab("ns alpha"), "del zzz").hint).toBe("the lab's nodes: alpha");
    expect(failure(emptyWorld, "del zzz").hint).toBe("the lab is empty");
    expect(failure(lab("ns A"), "del A A")).toMatchObject({ message: "no node 'A' to delete", span: { col: 7 } });
  });

  it("does not delete host", () => {
    expect(failure(lab("ns A"), "del host").code).toBe("reserved-name");
  });
});
