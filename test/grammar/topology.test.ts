// The statements of switches, moved interfaces, automatic routes, pingall and why: ASTs, spans, errors.
import { describe, expect, test } from "vitest";
import { parse } from "../../grammar/index.js";
import { only, sp, statementsOf } from "./helpers.js";

const name = (text: string) => ({ text });
const v4 = (address: string, prefixLength: number) => ({ address, prefixLength, family: 4 });
const v6 = (address: string, prefixLength: number) => ({ address, prefixLength, family: 6 });

/** The only error of a text as `line:col message (hint: …)`. */
function error(text: string): string {
  const { errors } = parse(text);
  expect(errors).toHaveLength(1);
  const e = errors[0];
  return `${e?.span?.line}:${e?.span?.col} ${e?.message}${e?.hint ? ` (hint: ${e.hint})` : ""}`;
}

describe("switch", () => {
  test("names, with or without prefixes", () => {
    expect(statementsOf("switch S\nswitch S1, S2\nswitch S 10.0.1.0/24 fd10:1::/64")).toEqual([
      { kind: "switch", names: [name("S")], prefixes: [] },
      { kind: "switch", names: [name("S1"), name("S2")], prefixes: [] },
      { kind: "switch", names: [name("S")], prefixes: [v4("10.0.1.0", 24), v6("fd10:1::", 64)] },
    ]);
  });

  test("spans", () => {
    expect(only("switch s1 10.0.1.0/24")).toEqual({
      kind: "switch",
      names: [{ text: "s1", span: sp(1, 8, 10, 7) }],
      prefixes: [{ address: "10.0.1.0", prefixLength: 24, family: 4, span: sp(1, 11, 22, 10) }],
      span: sp(1, 1, 22, 0),
    });
  });

  test("errors", () => {
    expect(error("switch")).toBe("1:7 expected a node name, found end of line");
    expect(error("switch 10.0.1.0/24")).toBe("1:8 expected a node name, found '10.0.1.0/24'");
    expect(error("switch S 10.0.1.1")).toBe(
      "1:10 '10.0.1.1' needs a prefix length here (hint: write it like 10.0.1.1/24)",
    );
    expect(error("switch S 10.0.1.0/24 T")).toBe("1:22 expected end of line, found 'T'");
  });
});

describe("move", () => {
  test("an interface of the machine into a node, with or without force", () => {
    expect(statementsOf("move eth5 -> A\nmove veth-x->B force")).toEqual([
      { kind: "move", iface: { ifname: name("eth5") }, to: name("A"), force: false },
      { kind: "move", iface: { ifname: name("veth-x") }, to: name("B"), force: true },
    ]);
  });

  test("an interface of a node back to the machine", () => {
    expect(statementsOf("move A:eth5 -> host\nmove A:e-1->host")).toEqual([
      { kind: "move", iface: { node: name("A"), ifname: name("eth5") }, to: name("host"), force: false },
      { kind: "move", iface: { node: name("A"), ifname: name("e-1") }, to: name("host"), force: false },
    ]);
  });

  test("spans", () => {
    expect(only("move A:eth5 -> host force")).toEqual({
      kind: "move",
      iface: {
        node: { text: "A", span: sp(1, 6, 7, 5) },
        ifname: { text: "eth5", span: sp(1, 8, 12, 7) },
        span: sp(1, 6, 12, 5),
      },
      to: { text: "host", span: sp(1, 16, 20, 15) },
      force: true,
      span: sp(1, 1, 26, 0),
    });
    expect(only("move eth5 -> A")).toMatchObject({
      iface: { ifname: { text: "eth5", span: sp(1, 6, 10, 5) }, span: sp(1, 6, 10, 5) },
    });
  });

  test("errors", () => {
    expect(error("move eth5 A")).toBe("1:11 expected '->', found 'A'");
    expect(error("move eth5 <-> A")).toBe("1:11 expected '->', found '<->'");
    expect(error("move -> A")).toBe("1:6 expected a node name or an interface such as A:eth0, found '->'");
    expect(error("move eth5 ->")).toBe("1:13 expected a node name, found end of line");
    expect(error("move eth5 -> A:eth0")).toBe("1:14 expected a node name, found 'A:eth0'");
    expect(error("move eth5 -> A now")).toBe("1:16 expected end of line, found 'now'");
    expect(error("move eth5 -> force")).toBe("1:14 'force' is a keyword, not a node name");
  });
});

describe("route auto", () => {
  test("its own statement kind", () => {
    expect(only("route  auto")).toEqual({ kind: "route-auto", span: sp(1, 1, 12, 0) });
  });

  test("a node still may be routed; 'auto' is a keyword, so not a node name", () => {
    expect(statementsOf("route autobahn default via B")).toMatchObject([{ kind: "route", node: name("autobahn") }]);
    expect(error("route")).toBe("1:6 expected 'auto' or a node name, found end of line");
    expect(error("route auto default via B")).toBe("1:12 expected end of line, found 'default'");
    expect(error("ns auto")).toBe("1:4 'auto' is a keyword, not a node name");
  });
});

describe("pingall and why", () => {
  test("pingall", () => {
    expect(only("pingall")).toEqual({ kind: "pingall", span: sp(1, 1, 8, 0) });
    expect(error("pingall A")).toBe("1:9 expected end of line, found 'A'");
  });

  test("why a node or an address", () => {
    expect(statementsOf("why A B\nwhy A fd10::2")).toEqual([
      { kind: "why", from: name("A"), to: { kind: "node", name: name("B") } },
      { kind: "why", from: name("A"), to: { kind: "address", address: { address: "fd10::2", family: 6 } } },
    ]);
    expect(only("why A 10.0.0.2")).toEqual({
      kind: "why",
      from: { text: "A", span: sp(1, 5, 6, 4) },
      to: { kind: "address", address: { address: "10.0.0.2", family: 4, span: sp(1, 7, 15, 6) } },
      span: sp(1, 1, 15, 0),
    });
  });

  test("why errors", () => {
    expect(error("why A")).toBe("1:6 expected a node name or an address such as 10.0.0.2, found end of line");
    expect(error("why A B count 3")).toBe("1:9 expected end of line, found 'count'");
    expect(error("why A 10.0.0.0/24")).toBe(
      "1:7 '10.0.0.0/24' has a prefix length, but here an address is expected (hint: write the address alone: 10.0.0.0)",
    );
  });

  test("an unknown statement near a new keyword", () => {
    expect(error("swich S")).toBe("1:1 unknown statement 'swich' (hint: did you mean 'switch'?)");
    expect(error("pingal")).toBe("1:1 unknown statement 'pingal' (hint: did you mean 'pingall'?)");
  });
});

describe("'->' and names", () => {
  test("a '-' before '>' ends a name; other '-' stay in it", () => {
    expect(statementsOf("ns a-b a-")).toEqual([{ kind: "ns", names: [name("a-b"), name("a-")] }]);
    expect(statementsOf("move a-->b")).toEqual([
      { kind: "move", iface: { ifname: name("a-") }, to: name("b"), force: false },
    ]);
  });

  test("'<->' is still a link", () => {
    expect(statementsOf("link A<->B")).toMatchObject([
      { kind: "link", a: { node: name("A") }, b: { node: name("B") } },
    ]);
  });
});
