// Every statement form parses to the exact AST; spans are checked in full for a few.
import { describe, expect, test } from "vitest";
import { errorsOf, only, sp, statementsOf } from "./helpers.js";

const name = (text: string) => ({ text });
const end = (node: string, ifname?: string, addresses: unknown[] = []) => ({
  node: name(node),
  ...(ifname ? { ifname: name(ifname) } : {}),
  addresses,
});
const v4 = (address: string, prefixLength: number) => ({ address, prefixLength, family: 4 });
const v6 = (address: string, prefixLength: number) => ({ address, prefixLength, family: 6 });

describe("nodes", () => {
  test("ns with spaces, commas, or both", () => {
    const names = [name("A"), name("B"), name("C")];
    expect(statementsOf("ns A B C")).toEqual([{ kind: "ns", names }]);
    expect(statementsOf("ns A, B, C")).toEqual([{ kind: "ns", names }]);
    expect(statementsOf("ns A,B C")).toEqual([{ kind: "ns", names }]);
  });

  test("ns spans: each name and the statement", () => {
    expect(only("ns A, web-1")).toEqual({
      kind: "ns",
      names: [
        { text: "A", span: sp(1, 4, 5, 3) },
        { text: "web-1", span: sp(1, 7, 12, 6) },
      ],
      span: sp(1, 1, 12, 0),
    });
  });

  test("router and del take names like ns", () => {
    expect(statementsOf("router R1, R2")).toEqual([{ kind: "router", names: [name("R1"), name("R2")] }]);
    expect(statementsOf("del A")).toEqual([{ kind: "del", names: [name("A")] }]);
  });

  test("names may start with a keyword", () => {
    expect(statementsOf("ns nsx linked router_1 host")).toEqual([
      { kind: "ns", names: [name("nsx"), name("linked"), name("router_1"), name("host")] },
    ]);
  });
});

describe("links", () => {
  test("a bare link", () => {
    expect(statementsOf("link A <-> B")).toEqual([
      { kind: "link", a: end("A"), b: end("B"), prefixes: [], conditions: [] },
    ]);
  });

  test("prefixes after the right end number both ends when the left has none", () => {
    expect(statementsOf("link A <-> B 10.0.0.0/24 fd10::/64")).toEqual([
      { kind: "link", a: end("A"), b: end("B"), prefixes: [v4("10.0.0.0", 24), v6("fd10::", 64)], conditions: [] },
    ]);
  });

  test("addresses after the right end are its own when the left has some", () => {
    expect(statementsOf("link A:eth3 10.0.0.9/24 <-> B 10.0.0.10/24")).toEqual([
      {
        kind: "link",
        a: end("A", "eth3", [v4("10.0.0.9", 24)]),
        b: end("B", undefined, [v4("10.0.0.10", 24)]),
        prefixes: [],
        conditions: [],
      },
    ]);
    expect(statementsOf("link A 10.0.0.1/30 <-> B:veth-b")).toEqual([
      {
        kind: "link",
        a: end("A", undefined, [v4("10.0.0.1", 30)]),
        b: end("B", "veth-b"),
        prefixes: [],
        conditions: [],
      },
    ]);
  });

  test("link spans: interface refs split into node and interface names", () => {
    expect(only("link A:eth3 10.0.0.9/24 <-> B 10.0.0.10/24")).toEqual({
      kind: "link",
      a: {
        node: { text: "A", span: sp(1, 6, 7, 5) },
        ifname: { text: "eth3", span: sp(1, 8, 12, 7) },
        addresses: [{ address: "10.0.0.9", prefixLength: 24, family: 4, span: sp(1, 13, 24, 12) }],
        span: sp(1, 6, 24, 5),
      },
      b: {
        node: { text: "B", span: sp(1, 29, 30, 28) },
        addresses: [{ address: "10.0.0.10", prefixLength: 24, family: 4, span: sp(1, 31, 43, 30) }],
        span: sp(1, 29, 43, 28),
      },
      prefixes: [],
      conditions: [],
      span: sp(1, 1, 43, 0),
    });
  });

  test("the right end's span stops at its name when what follows are link prefixes", () => {
    const link = only("link A <-> B 10.0.0.0/24");
    expect(link.kind === "link" && link.b.span).toEqual(sp(1, 12, 13, 11));
  });

  test("unlink", () => {
    expect(statementsOf("unlink A:eth1 <-> B")).toEqual([
      { kind: "unlink", a: { node: name("A"), ifname: name("eth1") }, b: { node: name("B") } },
    ]);
  });

  test("addr, with or without an interface (the checker wants one)", () => {
    expect(statementsOf("addr A:eth0 10.0.5.1/24")).toEqual([
      { kind: "addr", target: { node: name("A"), ifname: name("eth0") }, cidr: v4("10.0.5.1", 24) },
    ]);
    expect(statementsOf("addr A fd10:0:0::1/64")).toEqual([
      { kind: "addr", target: { node: name("A") }, cidr: v6("fd10::1", 64) },
    ]);
  });
});

describe("routing", () => {
  test("default via a node", () => {
    expect(statementsOf("route A default via B")).toEqual([
      { kind: "route", node: name("A"), destination: { kind: "default" }, via: { kind: "node", name: name("B") } },
    ]);
  });

  test("a prefix via an address, IPv4 and IPv6", () => {
    expect(statementsOf("route A 10.1.0.0/16 via 10.0.0.2")).toEqual([
      {
        kind: "route",
        node: name("A"),
        destination: { kind: "prefix", ...v4("10.1.0.0", 16) },
        via: { kind: "address", address: { address: "10.0.0.2", family: 4 } },
      },
    ]);
    expect(statementsOf("route A fd20::/48 via FD10::0001")).toEqual([
      {
        kind: "route",
        node: name("A"),
        destination: { kind: "prefix", ...v6("fd20::", 48) },
        via: { kind: "address", address: { address: "fd10::1", family: 6 } },
      },
    ]);
  });

  test("route spans", () => {
    expect(only("route A default via 10.0.0.2")).toEqual({
      kind: "route",
      node: { text: "A", span: sp(1, 7, 8, 6) },
      destination: { kind: "default", span: sp(1, 9, 16, 8) },
      via: { kind: "address", address: { address: "10.0.0.2", family: 4, span: sp(1, 21, 29, 20) } },
      span: sp(1, 1, 29, 0),
    });
  });
});

describe("running things", () => {
  test("ping a node or an address, with a count", () => {
    expect(statementsOf("ping A B\nping A 10.0.0.2 count 3")).toEqual([
      { kind: "ping", from: name("A"), to: { kind: "node", name: name("B") } },
      { kind: "ping", from: name("A"), to: { kind: "address", address: { address: "10.0.0.2", family: 4 } }, count: 3 },
    ]);
  });

  test("exec takes the rest of the line verbatim; its span ends at the last non-blank", () => {
    expect(only("exec A ip -br addr   ")).toEqual({
      kind: "exec",
      node: { text: "A", span: sp(1, 6, 7, 5) },
      command: "ip -br addr",
      span: sp(1, 1, 19, 0),
    });
  });

  test("show the lab or one node", () => {
    expect(statementsOf("show\nshow A")).toEqual([{ kind: "show" }, { kind: "show", node: name("A") }]);
  });

  test("expect ping and expect no ping", () => {
    const ping = { kind: "ping", from: name("A"), to: { kind: "node", name: name("B") } };
    expect(statementsOf("expect ping A B\nexpect no ping A B count 2")).toEqual([
      { kind: "expect", negated: false, check: ping },
      { kind: "expect", negated: true, check: { ...ping, count: 2 } },
    ]);
  });

  test("expect spans: the check spans its own ping", () => {
    expect(only("expect no ping A B")).toEqual({
      kind: "expect",
      negated: true,
      check: {
        kind: "ping",
        from: { text: "A", span: sp(1, 16, 17, 15) },
        to: { kind: "node", name: { text: "B", span: sp(1, 18, 19, 17) } },
        span: sp(1, 11, 19, 10),
      },
      span: sp(1, 1, 19, 0),
    });
  });
});

describe("capture", () => {
  test("an interface, or every interface of a node, with a count, a filter and a file in any order", () => {
    expect(statementsOf("capture A:eth0")).toEqual([
      { kind: "capture", end: { node: name("A"), ifname: name("eth0") } },
    ]);
    expect(statementsOf('capture A filter "arp or icmp" count 4')).toEqual([
      { kind: "capture", end: { node: name("A") }, count: 4, filter: "arp or icmp" },
    ]);
    expect(statementsOf('capture A:eth0 to "a b.pcap" count 2')).toEqual([
      { kind: "capture", end: { node: name("A"), ifname: name("eth0") }, count: 2, file: { path: "a b.pcap" } },
    ]);
  });

  test("what is not a capture's is refused, where it is", () => {
    expect(errorsOf('capture A:eth0 into "x"')).toEqual(["1:16 expected 'count', 'filter' or 'to', found 'into'"]);
    expect(errorsOf("capture A count 2 count 3")).toEqual(["1:25 capture takes one count"]);
    expect(errorsOf('capture A filter "a" filter "b"')).toEqual(["1:22 capture takes one filter"]);
    expect(errorsOf('capture A to ""')).toEqual(["1:14 a file name cannot be empty"]);
    expect(errorsOf('capture A filter " "')).toEqual(["1:18 an empty filter"]);
    expect(errorsOf("capture A count 0")).toEqual(["1:17 count must be from 1 to 1000, not 0"]);
    expect(errorsOf("capture")).not.toEqual([]);
    expect(errorsOf("capture A filter arp")).not.toEqual([]);
  });
});
