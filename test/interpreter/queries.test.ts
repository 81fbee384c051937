// ping, expect, exec, show: queries that change nothing; ping picks the target's address.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import { failure, lab, query, refused, spanOf, stmt } from "./harness.js";

const world = lab(
  "ns A B C D",
  "router R",
  "link A <-> R 10.1.0.0/24",
  "link R <-> B fd02::/64 10.2.0.0/24",
  "link C <-> D fd03::/64",
);

describe("ping", () => {
  it("pings the target's address on a shared subnet, IPv4 preferred", () => {
    expect(query(world, "ping A R")).toEqual({
      kind: "ping",
      from: "A",
      target: "R",
      address: "10.1.0.2",
      count: 1,
      span: expect.objectContaining({ col: 1 }),
    });
    expect(query(world, "ping B R")).toMatchObject({ address: "10.2.0.1" });
    expect(query(world, "ping C D")).toMatchObject({ address: "fd03::2" });
  });

  it("else the target's first address, not lo's", () => {
    const w = lab("ns A B C", "addr B:lo 10.255.0.2/32", "link B <-> C 10.3.0.0/24");
    expect(query(w, "ping A B")).toMatchObject({ target: "B", address: "10.3.0.1" });
    expect(query(world, "ping A B")).toMatchObject({ address: "fd02::2" });
  });

  it("has no address when the target has none", () => {
    const q = query(lab("ns A B"), "ping A B count 3");
    expect(q).toMatchObject({ kind: "ping", target: "B", count: 3 });
    expect(q).not.toHaveProperty("address");
  });

  it("pings an address as written", () => {
    expect(query(world, "ping A 127.0.0.1")).toMatchObject({ target: "127.0.0.1", address: "127.0.0.1" });
  });

  it("needs both nodes; a count below 1 the parser refuses", () => {
    const line = "ping A B2";
    expect(failure(world, line)).toMatchObject({
      code: "unknown-node",
      message: "unknown node 'B2'",
      span: spanOf(line, "B2"),
    });
    expect(failure(world, "ping X B").span).toMatchObject(spanOf("ping X B", "X"));
    expect(refused("ping A B count 0")).toMatchObject({
      code: "bad-count",
      message: "count must be from 1 to 1000, not 0",
      span: { col: 16, endCol: 17 },
    });
  });

  it("changes nothing", () => {
    const r = evaluate(world, stmt("ping A B"));
    expect(r.ok && r.value.kind).toBe("query");
  });
});

describe("expect", () => {
  it("wraps a ping, negated or not", () => {
    expect(query(world, "expect no ping A B")).toMatchObject({
      kind: "expect-ping",
      negated: true,
      ping: { from: "A", target: "B", address: "fd02::2", count: 1 },
    });
    expect(query(world, "expect ping A R")).toMatchObject({ negated: false, ping: { address: "10.1.0.2" } });
  });

  it("an unknown node is an error even for `no ping`", () => {
    const line = "expect no ping A Q";
    expect(failure(world, line)).toMatchObject({ code: "unknown-node", span: spanOf(line, "Q") });
  });
});

describe("exec and show", () => {
  it("exec runs the rest of the line in a node", () => {
    expect(query(world, "exec A ip -br addr; echo done | cat")).toMatchObject({
      kind: "exec",
      node: "A",
      command: "ip -br addr; echo done | cat",
    });
    expect(failure(world, "exec Z ls")).toMatchObject({ code: "unknown-node", hint: "create it first: ns Z" });
    // Without a command the line never reaches the interpreter.
    expect(refused("exec A")).toMatchObject({
      code: "syntax",
      message: "expected a command after 'exec A'",
      span: { col: 7, endCol: 7 },
    });
  });

  it("show, or show one node", () => {
    expect(query(world, "show")).toMatchObject({ kind: "show" });
    expect(query(world, "show R")).toMatchObject({ kind: "show", node: "R" });
    expect(failure(world, "show R2")).toMatchObject({ code: "unknown-node", hint: "did you mean 'R'?" });
  });
});
