// A 10,000-statement chain (ns + link per step) evaluates; each step touches only its two nodes.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import type { Change } from "../../src/interpreter/plan.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { cidr, endRef, linkEnd, name, nowhere as span } from "./build.js";

const STEPS = 5000; // two statements each

function step(world: World, i: number): [World, Change, Change] {
  const made = evaluate(world, { kind: "ns", names: [name(`n${i}`)], span });
  if (!made.ok || made.value.kind !== "change") throw new Error(`ns n${i} failed`);
  const subnet = `10.${Math.floor(i / 256)}.${i % 256}.0/24`;
  const linked = evaluate(made.value.change.after, {
    kind: "link",
    a: linkEnd(endRef(name(`n${i - 1}`))),
    b: linkEnd(endRef(name(`n${i}`))),
    prefixes: [cidr(subnet)],
    conditions: [],
    span,
  });
  if (!linked.ok || linked.value.kind !== "change") throw new Error(`link n${i - 1} <-> n${i} failed`);
  return [linked.value.change.after, made.value.change, linked.value.change];
}

describe("a long chain", () => {
  it("evaluates 10,000 statements", () => {
    const first = evaluate(emptyWorld, { kind: "ns", names: [name("n0")], span });
    if (!first.ok || first.value.kind !== "change") throw new Error("ns n0 failed");
    let world = first.value.change.after;
    let last: Change | undefined;
    for (let i = 1; i < STEPS; i++) {
      const [next, made, linked] = step(world, i);
      expect(made.ops).toHaveLength(3);
      expect(linked.ops).toHaveLength(5);
      world = next;
      last = linked;
    }
    expect(last?.summary).toEqual(["+ link n4998:eth1 10.19.135.1/24 <-> n4999:eth0 10.19.135.2/24"]);
    expect(world.nodes.size).toBe(STEPS);
    expect(world.links.size).toBe(STEPS - 1);
    expect(world.addresses.size).toBe(2 * (STEPS - 1));
    expect([...(world.nodes.get("n2500")?.ifaces.keys() ?? [])]).toEqual(["lo", "eth0", "eth1"]);

    const del = evaluate(world, { kind: "del", names: [name("n2500")], span });
    expect(del.ok && del.value.kind === "change" && del.value.change.summary).toEqual([
      "- link n2499:eth1 <-> n2500:eth0",
      "- link n2500:eth1 <-> n2501:eth0",
      "- ns n2500",
    ]);
  });
});
