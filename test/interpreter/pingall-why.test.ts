// pingall and why as queries, and the address a ping picks once routes exist.
import { describe, expect, it } from "vitest";
import { failure, lab, query } from "./harness.js";

const routed = lab(
  "switch S 10.60.1.0/24",
  "ns A B",
  "router R",
  "link A <-> S",
  "link R <-> S",
  "link R <-> B 10.60.2.0/24 fd60:2::/64",
  "addr B:lo 10.60.255.2/32",
);

describe("ping's address", () => {
  it("a shared subnet first; else one the source has a route to; else the first", () => {
    expect(query(routed, "ping A R")).toMatchObject({ address: "10.60.1.2" });
    // No route yet: B's first address.
    expect(query(routed, "ping A B")).toMatchObject({ address: "10.60.2.2" });
    const v6Only = lab(
      "ns A B",
      "router R",
      "link A <-> R fd61:1::/64 10.61.1.0/24",
      "link R <-> B 10.61.2.0/24 fd61:2::/64",
      "route A fd61:2::/64 via R",
    );
    // A routes IPv6 to B's subnet, not IPv4: B's IPv6 address, though its IPv4 one comes first.
    expect(query(v6Only, "ping A B")).toMatchObject({ address: "fd61:2::2" });
    const both = lab(
      "ns A B",
      "router R",
      "link A <-> R fd61:1::/64 10.61.1.0/24",
      "link R <-> B fd61:2::/64 10.61.2.0/24",
      "route A default via R",
    );
    expect(query(both, "ping A B")).toMatchObject({ address: "10.61.2.2" });
  });
});

describe("pingall", () => {
  it("one ping from every node to every other, switches aside, in lab order", () => {
    const q = query(routed, "pingall");
    expect(q.kind === "pingall" && q.nodes).toEqual(["A", "B", "R"]);
    expect(q.kind === "pingall" && q.pings.map((p) => `${p.from}->${p.target} ${p.address} ${p.count}`)).toEqual([
      "A->B 10.60.2.2 1",
      "A->R 10.60.1.2 1",
      "B->A 10.60.1.1 1",
      "B->R 10.60.2.1 1",
      "R->A 10.60.1.1 1",
      "R->B 10.60.2.2 1",
    ]);
  });

  it("a node without an address is pinged without one (the runtime says so)", () => {
    const q = query(lab("ns A B"), "pingall");
    expect(q.kind === "pingall" && q.pings.map((p) => p.address)).toEqual([undefined, undefined]);
  });
});

describe("why", () => {
  it("carries the ping it explains and the World", () => {
    const q = query(routed, "why A B");
    expect(q).toMatchObject({ kind: "why", ping: { from: "A", target: "B", address: "10.60.2.2", count: 1 } });
    expect(q.kind === "why" && q.world).toBe(routed);
    expect(query(routed, "why A 10.60.255.2")).toMatchObject({ ping: { address: "10.60.255.2" } });
  });

  it("needs lab nodes or host, and asks from either", () => {
    expect(failure(routed, "why A Q")).toMatchObject({ code: "unknown-node" });
    expect(failure(routed, "why Q A")).toMatchObject({ code: "unknown-node", span: { col: 5, endCol: 6 } });
    expect(query(routed, "why host A")).toMatchObject({ kind: "why", ping: { from: "host", target: "A" } });
  });
});
