// route auto: shortest-path static routes, default routes for single-homed hosts, re-running
// replaces only its own routes, and a path through a node that does not forward is refused.
import { describe, expect, it } from "vitest";
import { routeText } from "../../src/interpreter/summary.js";
import type { World } from "../../src/interpreter/world.js";
import { showWorld } from "../../src/present/show.js";
import { change, failure, lab } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

/** Every route of the lab as `A dest via X dev Y`, with `*` for the ones route auto added. */
const routes = (world: World): string[] =>
  [...world.nodes.values()].flatMap((n) => n.routes.map((r) => `${routeText(n.name, r)}${r.auto ? " *" : ""}`));

// Two LANs (on switches) joined by a chain of three routers.
const twoLans = [
  "switch S1 10.30.1.0/24 fd30:1::/64",
  "switch S2 10.30.2.0/24",
  "ns h1 h2 h3",
  "router R1 R2 R3",
  "link h1 <-> S1",
  "link h2 <-> S1",
  "link R1 <-> S1",
  "link R1 <-> R2 10.30.12.0/30",
  "link R2 <-> R3 10.30.23.0/30",
  "link R3 <-> S2",
  "link h3 <-> S2",
];

describe("route auto", () => {
  it("routes every node to every subnet it is not on, hosts by default routes (IPv6 is all on one LAN here)", () => {
    const c = change(lab(...twoLans), "route auto");
    expect(routes(c.after)).toEqual([
      "h1 default via 10.30.1.3 dev eth0 *",
      "h2 default via 10.30.1.3 dev eth0 *",
      "h3 default via 10.30.2.1 dev eth0 *",
      "R1 10.30.2.0/24 via 10.30.12.2 dev eth1 *",
      "R1 10.30.23.0/30 via 10.30.12.2 dev eth1 *",
      "R2 10.30.1.0/24 via 10.30.12.1 dev eth0 *",
      "R2 10.30.2.0/24 via 10.30.23.2 dev eth1 *",
      "R3 10.30.1.0/24 via 10.30.23.1 dev eth0 *",
      "R3 10.30.12.0/30 via 10.30.23.1 dev eth0 *",
    ]);
    expect(c.ops.every((op) => op.kind === "route.add")).toBe(true);
    expect(c.summary[0]).toBe("+ route h1 default via 10.30.1.3 dev eth0");
    expectRoundTrip(c);
  });

  it("run again: nothing to do; after a change, only what differs is replaced", () => {
    const first = change(lab(...twoLans), "route auto").after;
    const again = change(first, "route auto");
    expect(again.ops).toEqual([]);
    expect(again.summary).toEqual(["route auto: every route is up to date"]);
    // A shortcut R1 <-> R3 makes the middle router one hop further away for some subnets.
    const shortcut = change(change(first, "link R1 <-> R3 10.30.13.0/30").after, "route auto");
    expect(shortcut.summary).toEqual([
      "- route R1 10.30.2.0/24 via 10.30.12.2 dev eth1",
      "+ route R1 10.30.2.0/24 via 10.30.13.2 dev eth2",
      "+ route R2 10.30.13.0/30 via 10.30.12.1 dev eth0",
      "- route R3 10.30.1.0/24 via 10.30.23.1 dev eth0",
      // R1 and R2 are both on 10.30.12.0/30, one hop from R3: the first in lab order wins.
      "- route R3 10.30.12.0/30 via 10.30.23.1 dev eth0",
      "+ route R3 10.30.1.0/24 via 10.30.13.1 dev eth2",
      "+ route R3 10.30.12.0/30 via 10.30.13.1 dev eth2",
    ]);
    expect(shortcut.ops.map((op) => op.kind)).toEqual([
      ...["route.del", "route.del", "route.del"],
      ...["route.add", "route.add", "route.add", "route.add"],
    ]);
    expectRoundTrip(shortcut);
  });

  it("leaves routes written by hand alone, and does not route their destinations", () => {
    const w = lab(...twoLans, "route R1 10.30.2.0/24 via 10.30.12.2", "route h3 default via 10.30.2.1");
    const c = change(w, "route auto");
    const all = routes(c.after);
    expect(all).toContain("R1 10.30.2.0/24 via 10.30.12.2 dev eth1");
    expect(all).toContain("h3 default via 10.30.2.1 dev eth0");
    expect(all.filter((r) => r.startsWith("R1 10.30.2.0/24") || r.startsWith("h3 "))).toHaveLength(2);
    expectRoundTrip(c);
  });

  it("refuses a path through a node that does not forward, naming it; router makes it one", () => {
    const chain = lab("ns A B C", "link A <-> B 10.31.1.0/24", "link B <-> C 10.31.2.0/24");
    const e = failure(chain, "route auto");
    expect(e).toMatchObject({
      code: "not-a-router",
      message: "C reaches 10.31.1.0/24 only through B, which does not forward: it is not a router",
      hint: "make it a router: router B",
      span: { col: 1, endCol: 11 },
    });
    const fixed = change(change(chain, "router B").after, "route auto");
    expect(routes(fixed.after)).toEqual(["A default via 10.31.1.2 dev eth0 *", "C default via 10.31.2.1 dev eth0 *"]);
  });

  it("a node's own loopback address is reached through it, router or not", () => {
    const w = lab("ns A B", "link A <-> B 10.32.1.0/24", "addr B:lo 10.32.255.2/32");
    expect(routes(change(w, "route auto").after)).toEqual(["A default via 10.32.1.2 dev eth0 *"]);
  });

  it("a lab with nothing to route changes nothing", () => {
    expect(change(lab("switch S 10.33.0.0/24", "ns A B", "link A <-> S", "link B <-> S"), "route auto").ops).toEqual(
      [],
    );
  });
});

describe("routes by hand after route auto", () => {
  it("a destination route auto routes already: the hint says how to take it over", () => {
    const w = change(lab(...twoLans), "route auto").after;
    expect(failure(w, "route R1 10.30.2.0/24 via 10.30.12.2")).toMatchObject({
      code: "route-exists",
      hint: "route auto added that one: undo it, write this route, then run route auto again (it keeps routes written by hand)",
    });
  });
});

describe("show", () => {
  it("marks the routes route auto added", () => {
    const w = change(lab(...twoLans, "route h3 default via 10.30.2.1"), "route auto").after;
    const lines = showWorld(w).split("\n");
    expect(lines).toContain("  h1  default via 10.30.1.3 dev eth0  (auto)");
    expect(lines).toContain("  h3  default via 10.30.2.1 dev eth0");
  });
});
