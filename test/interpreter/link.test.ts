// link: auto-addressing per prefix kind, explicit ends, default names, ops and every check.
import { describe, expect, it } from "vitest";
import { change, checkInvariants, failure, lab, spanOf } from "./harness.js";

const AB = lab("ns A B");
const ends = (line: string, world = AB) => {
  const after = change(world, line).after;
  const addrs = (node: string, ifname: string) => after.nodes.get(node)?.ifaces.get(ifname)?.addresses;
  return [addrs("A", "eth0"), addrs("B", "eth0")];
};

describe("link auto-addressing", () => {
  it.each([
    ["10.0.0.0/24", ["10.0.0.1/24"], ["10.0.0.2/24"]],
    ["10.0.0.4/30", ["10.0.0.5/30"], ["10.0.0.6/30"]],
    ["10.0.0.6/31", ["10.0.0.6/31"], ["10.0.0.7/31"]],
    ["fd10::/64", ["fd10::1/64"], ["fd10::2/64"]],
    ["fd10::6/127", ["fd10::6/127"], ["fd10::7/127"]],
    ["10.0.0.0/24 fd10::/64", ["10.0.0.1/24", "fd10::1/64"], ["10.0.0.2/24", "fd10::2/64"]],
  ])("link A <-> B %s", (prefixes, a, b) => {
    expect(ends(`link A <-> B ${prefixes}`)).toEqual([a, b]);
  });

  it("gives ops in kernel order and a summary listing every address", () => {
    const c = change(AB, "link A <-> B 10.0.0.0/24 fd10::/64");
    expect(c.ops).toEqual([
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "link.set", node: "A", ifname: "eth0", up: true },
      { kind: "link.set", node: "B", ifname: "eth0", up: true },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "fd10::1/64" },
      { kind: "addr.add", node: "B", ifname: "eth0", cidr: "10.0.0.2/24" },
      { kind: "addr.add", node: "B", ifname: "eth0", cidr: "fd10::2/64" },
    ]);
    expect(c.summary).toEqual(["+ link A:eth0 10.0.0.1/24 fd10::1/64 <-> B:eth0 10.0.0.2/24 fd10::2/64"]);
    expect(c.after.links.get(1)).toEqual({ id: 1, a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } });
    expect(c.after.addresses.get("fd10::2")).toEqual({ node: "B", ifname: "eth0" });
    checkInvariants(c.after);
  });

  it("without addresses is a bare veth pair", () => {
    const c = change(AB, "link A <-> B");
    expect(c.ops).toHaveLength(3);
    expect(c.summary).toEqual(["+ link A:eth0 <-> B:eth0"]);
  });

  it("takes explicit names and addresses on each end", () => {
    const c = change(AB, "link A:veth-a 10.200.1.1/24 <-> B:veth-b 10.200.1.2/24");
    expect(c.summary).toEqual(["+ link A:veth-a 10.200.1.1/24 <-> B:veth-b 10.200.1.2/24"]);
    expect(c.ops[0]).toEqual({
      kind: "veth.add",
      a: { node: "A", ifname: "veth-a" },
      b: { node: "B", ifname: "veth-b" },
    });
  });
});

describe("default interface names", () => {
  it("are the lowest ethN not used on each node", () => {
    let world = lab("ns A B C", "link A <-> B", "link A:eth1 <-> C");
    const c = change(world, "link A <-> C");
    expect(c.summary).toEqual(["+ link A:eth2 <-> C:eth1"]);
    world = change(change(c.after, "unlink A:eth0 <-> B").after, "link B <-> A").after;
    expect([...(world.nodes.get("A")?.ifaces.keys() ?? [])]).toEqual(["lo", "eth1", "eth2", "eth0"]);
    expect(world.links.last()?.b).toEqual({ node: "A", ifname: "eth0" });
  });
});

describe("link checks", () => {
  it("unknown node, with did-you-mean or how to create it", () => {
    const line = "link A <-> B2 10.0.0.0/24";
    expect(failure(AB, line)).toMatchObject({
      code: "unknown-node",
      message: "unknown node 'B2'",
      hint: "did you mean 'B'?",
      span: { line: 1, ...spanOf(line, "B2") },
    });
    expect(failure(lab("ns A"), "link A <-> B").hint).toBe("create it first: ns B");
    expect(failure(lab("ns A"), "link Q <-> A")).toMatchObject({ message: "unknown node 'Q'", span: { col: 6 } });
  });

  it("self-link", () => {
    const line = "link A <-> A";
    expect(failure(AB, line)).toMatchObject({
      code: "self-link",
      message: "cannot link 'A' to itself",
      span: spanOf(line, "A", 2),
    });
  });

  it("prefix too small for two addresses", () => {
    for (const [p, hint] of [
      ["10.0.0.0/32", "use a /31 or a wider prefix"],
      ["fd10::/128", "use a /127 or a wider prefix"],
    ] as const) {
      const line = `link A <-> B ${p}`;
      expect(failure(AB, line)).toMatchObject({
        code: "prefix-too-small",
        message: `${p} is too small for a link: it needs room for two addresses`,
        hint,
        span: spanOf(line, p),
      });
    }
  });

  it("an address where a network is expected, with both ways out", () => {
    const line = "link A <-> B 10.0.0.5/24";
    expect(failure(AB, line)).toMatchObject({
      code: "not-a-network",
      message: "10.0.0.5/24 is an address, not a network",
      hint: "write 10.0.0.0/24, or give each end its address: link A 10.0.0.5/24 <-> B 10.0.0.6/24",
      span: spanOf(line, "10.0.0.5/24"),
    });
    expect(failure(AB, "link A:x <-> B 10.0.0.254/24").hint).toBe(
      "write 10.0.0.0/24, or give each end its address: link A:x 10.0.0.254/24 <-> B 10.0.0.253/24",
    );
    expect(failure(AB, "link A <-> B fd10::5/64").hint).toBe(
      "write fd10::/64, or give each end its address: link A fd10::5/64 <-> B fd10::6/64",
    );
  });

  it("an address already used in the lab, or twice in the statement", () => {
    const world = lab("ns A B C", "link A <-> B 10.0.0.0/24");
    const line = "link C <-> B 10.0.0.0/24";
    expect(failure(world, line)).toMatchObject({
      code: "address-in-use",
      message: "10.0.0.1 is already used by A:eth0",
      span: spanOf(line, "10.0.0.0/24"),
    });
    const explicit = "link C 10.1.0.1/24 <-> B 10.0.0.2/24";
    expect(failure(world, explicit)).toMatchObject({
      message: "10.0.0.2 is already used by B:eth0",
      span: spanOf(explicit, "10.0.0.2/24"),
    });
    expect(failure(world, "link C 10.1.0.1/24 <-> B 10.1.0.1/24").message).toBe("10.1.0.1 is already used by C:eth0");
  });

  it("interface names: length, lo, already used", () => {
    const world = lab("ns A B", "link A <-> B");
    const long = "link A:abcdefghijklmnop <-> B";
    expect(failure(world, long)).toMatchObject({
      code: "ifname-too-long",
      message: "interface name 'abcdefghijklmnop' is too long (16 characters; at most 15)",
      span: spanOf(long, "abcdefghijklmnop"),
    });
    expect(change(world, "link A:abcdefghijklmno <-> B").summary).toEqual(["+ link A:abcdefghijklmno <-> B:eth1"]);
    expect(failure(world, "link A <-> B:lo")).toMatchObject({
      code: "reserved-name",
      message: "'lo' is B's loopback, not a link end",
      hint: "name the end something else, e.g. B:eth1",
      span: { col: 14, endCol: 16 },
    });
    expect(failure(world, "link A:eth0 <-> B")).toMatchObject({
      code: "ifname-exists",
      message: "A already has an interface eth0",
      hint: "leave the name out to get the next free one (eth1)",
      span: { col: 8, endCol: 12 },
    });
  });
});
