// For every statement of a rich scenario: ops take kernelView(before) to kernelView(after),
// and their inverses take it back, under the simulator's kernel semantics.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { stmt } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

const scenario = [
  "ns A B C",
  "router R1 R2",
  "link A <-> R1 10.1.0.0/24 fd01::/64",
  "link R1 <-> R2 10.12.0.0/31 fd12::/127",
  "link R2 <-> B 10.2.0.0/30",
  "link R2:down 10.3.0.1/24 <-> C:up 10.3.0.2/24",
  "link C <-> B",
  "link C <-> B fd99::/64",
  "addr C:eth0 10.4.0.1/24",
  "addr B:eth1 10.4.0.2/24",
  "addr R1:lo 10.255.0.1/32",
  "route A default via R1",
  "route R1 10.2.0.0/24 via R2",
  "route R1 fd02::/64 via fd12::1",
  "route B default via R2",
  "route C 10.9.0.0/16 via 10.4.0.2",
  "route R2 default via R1",
  "switch S 10.6.0.0/24 fd06::/64",
  "link A <-> S",
  "link S <-> R1",
  "route A 10.2.0.0/24 via R1",
  "unlink A <-> S",
  "link C <-> S",
  "ping A B",
  "show R1",
  "unlink C:eth0 <-> B",
  "unlink R1 <-> R2",
  "del R2",
  "link R1 <-> B 10.5.0.0/24",
  "route B 10.1.0.0/24 via R1",
  "del R1 A",
  "del B C",
  "del S",
];

describe("round trip through the simulated kernel", () => {
  it("holds for every statement of the scenario", () => {
    let world: World = emptyWorld;
    let changes = 0;
    for (const line of scenario) {
      const r = evaluate(world, stmt(line));
      if (!r.ok) throw new Error(`${line}: ${r.error.message}`);
      if (r.value.kind !== "change") continue;
      expectRoundTrip(r.value.change);
      world = r.value.change.after;
      changes++;
    }
    expect(changes).toBe(scenario.length - 2);
    expect(world.nodes.size).toBe(0);
  });
});
