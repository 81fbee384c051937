// Machine output without a kernel: the lab and outcomes as the JSON docs/JSON.md promises.
import { describe, expect, it } from "vitest";
import { errorJson, outcomeJson, worldJson } from "../../src/present/json.js";
import { lab } from "../interpreter/harness.js";

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("--json values", () => {
  const world = lab(
    "switch s 10.5.0.0/24",
    "ns A B",
    "router R",
    "link A <-> s",
    "link R <-> s",
    "link R <-> B 10.6.0.0/24 delay 20ms loss 1% rate 10mbit mtu 1400",
    "route auto",
    "set R <-> B down",
    "block A -> B tcp 8080",
    "spawn B python3 -m http.server 8080",
  );

  it("the lab: nodes with interfaces, conditions as netl writes them, routes, firewall, processes; links", () => {
    const j = worldJson(world) as {
      nodes: { name: string; kind: string; interfaces: Record<string, unknown>[]; [k: string]: unknown }[];
      links: unknown[];
      host: unknown;
    };
    expect(roundTrip(j)).toEqual(j);
    expect(j.nodes.map((n) => [n.name, n.kind])).toEqual([
      ["s", "switch"],
      ["A", "ns"],
      ["B", "ns"],
      ["R", "router"],
    ]);
    const [s, A, B] = j.nodes;
    expect(s).toMatchObject({ prefixes: ["10.5.0.0/24"], members: ["A:eth0", "R:eth0"] });
    expect(A?.interfaces[1]).toEqual({
      name: "eth0",
      addresses: ["10.5.0.1/24"],
      up: true,
      mtu: 1500,
      conditions: {},
      link: 1,
      master: null,
      bridge: false,
      moved: false,
    });
    expect(A?.firewall).toEqual([
      {
        action: "block",
        to: "B",
        protocol: "tcp",
        port: 8080,
        destinations: ["10.6.0.2/32"],
        text: "block A -> B tcp 8080",
      },
    ]);
    // B's end is down: its address is still B's, its route is held until `set … up`.
    expect(B?.interfaces[1]).toMatchObject({
      up: false,
      mtu: 1400,
      conditions: { delay: "20ms", loss: "1%", rate: "10mbit" },
    });
    expect(B?.routes).toEqual([
      { destination: "default", family: 4, via: "10.6.0.1", dev: "eth0", auto: true, held: true },
    ]);
    expect(B?.processes).toEqual([{ id: 1, command: "python3 -m http.server 8080" }]);
    expect(j.links).toEqual([
      { id: 1, a: "A:eth0", b: "s:eth0" },
      { id: 2, a: "R:eth0", b: "s:eth1" },
      { id: 3, a: "R:eth1", b: "B:eth0" },
    ]);
    expect(j.host).toEqual({ interfaces: [] });
  });

  it("outcomes: pingall with its drop rate, show A, a load's steps, an error", () => {
    const rows = [
      { from: "A", results: [{ to: "B", ok: true }] },
      { from: "B", results: [{ to: "A", ok: false }] },
    ];
    expect(outcomeJson({ kind: "pingall", rows, lost: 1, total: 2 }, world)).toEqual({
      kind: "pingall",
      rows,
      lost: 1,
      total: 2,
      dropRate: 50,
    });
    expect(outcomeJson({ kind: "show", node: "A", kernel: "eth0 UP" }, world)).toMatchObject({
      kind: "show",
      node: "A",
      model: { name: "A" },
      kernel: "eth0 UP",
    });
    expect(
      outcomeJson(
        { kind: "load", steps: [{ text: "expect ping A B", outcome: { kind: "expect", passed: false, text: "x" } }] },
        world,
      ),
    ).toEqual({ kind: "load", steps: [{ statement: "expect ping A B", kind: "expect", passed: false, text: "x" }] });
    expect(outcomeJson({ kind: "ping", ok: false, text: "A -> B: failed (B has no address)" }, world)).toEqual({
      kind: "ping",
      ok: false,
      from: null,
      to: null,
      address: null,
      rttMs: null,
      text: "A -> B: failed (B has no address)",
    });
    const span = { line: 3, col: 6, endLine: 3, endCol: 7, offset: 20, endOffset: 21 };
    expect(errorJson({ phase: "check", code: "unknown-node", message: "unknown node 'C'", span }, "lab.netl")).toEqual({
      kind: "error",
      file: "lab.netl",
      line: 3,
      column: 6,
      phase: "check",
      code: "unknown-node",
      message: "unknown node 'C'",
      hint: null,
      failed: null,
    });
  });
});
