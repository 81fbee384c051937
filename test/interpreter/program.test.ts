// checkProgram: statements in order, queries change nothing, stop at the first error.
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/interpreter/program.js";
import { emptyWorld } from "../../src/interpreter/world.js";
import { stmt } from "./harness.js";

describe("checkProgram", () => {
  it("runs a whole script", () => {
    const lines = ["ns A B", "link A <-> B 10.0.0.0/24", "ping A B", "expect ping B A", "show", "exec A ip a"];
    const r = checkProgram(emptyWorld, lines.map(stmt));
    expect(r.error).toBeUndefined();
    expect(r.changes.map((c) => c.summary)).toEqual([
      ["+ ns A", "+ ns B"],
      ["+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24"],
    ]);
    expect([...r.world.nodes.keys()]).toEqual(["A", "B"]);
    expect(r.changes[1]?.ops.map((op) => op.kind)).toEqual([
      "veth.add",
      "link.set",
      "link.set",
      "addr.add",
      "addr.add",
    ]);
  });

  it("stops at the first error, keeping what passed", () => {
    const r = checkProgram(emptyWorld, ["ns A", "ping A B", "ns B"].map(stmt));
    expect(r.error).toMatchObject({ code: "unknown-node", message: "unknown node 'B'" });
    expect(r.changes).toHaveLength(1);
    expect([...r.world.nodes.keys()]).toEqual(["A"]);
  });

  it("checks the seed examples", () => {
    const lines = [
      "ns red",
      "exec red ip -br link",
      "ping red 127.0.0.1",
      "ns blue",
      "link red:veth-red 10.200.1.1/24 <-> blue:veth-blue 10.200.1.2/24",
      "link red <-> blue fd00:200::/64",
      "expect ping red blue",
      "expect ping red fd00:200::2",
      "router R",
      "link red <-> R 10.10.1.0/24",
      "route red 10.10.2.0/24 via R",
    ];
    const r = checkProgram(emptyWorld, lines.map(stmt));
    expect(r.error).toBeUndefined();
    expect(r.changes[3]?.summary).toEqual(["+ link red:eth0 fd00:200::1/64 <-> blue:eth0 fd00:200::2/64"]);
  });
});

describe("checkProgram with undo, redo and reset", () => {
  const span = stmt("ns A").span;
  const undoOnce = { kind: "undo" as const, count: 1, span };
  const redoOnce = { kind: "redo" as const, count: 1, span };

  it("checks what follows an undo against the World before the undone change", () => {
    expect(checkProgram(emptyWorld, [stmt("ns A"), undoOnce, stmt("ns A")]).error).toBeUndefined();
    const r = checkProgram(emptyWorld, [stmt("ns A"), stmt("ns B"), undoOnce, stmt("ping A B")]);
    expect(r.error).toMatchObject({ code: "unknown-node", message: "unknown node 'B'" });
  });

  it("checks what follows a redo or a reset against the World they lead to", () => {
    expect(checkProgram(emptyWorld, [stmt("ns A"), undoOnce, redoOnce, stmt("ns A")]).error).toMatchObject({
      message: "node 'A' already exists",
    });
    const r = checkProgram(emptyWorld, [stmt("ns A"), { kind: "reset", span }, stmt("ns A")]);
    expect(r.error).toBeUndefined();
    expect(r.changes.map((c) => c.summary)).toEqual([["+ ns A"], ["- ns A"], ["+ ns A"]]);
  });
});
