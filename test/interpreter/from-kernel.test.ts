// The World read back from the kernel (from-kernel.ts), on the simulated kernel: for random labs, the
// kernel view of a lab gives back a World with that very view; halfway through any change (the ops
// up to a random point done), the World read back says what that kernel holds, with its indexes
// whole, and `unlike` names exactly the nodes it cannot say (a namespace's settings that no kind of
// node has).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unlike, worldFromKernel } from "../../src/interpreter/from-kernel.js";
import { evaluate } from "../../src/interpreter/index.js";
import { type KernelView, kernelView, readable, sortView } from "../../src/interpreter/kernel-view.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import type { Change } from "../../src/interpreter/plan.js";
import { emptyWorld, HOST, type World } from "../../src/interpreter/world.js";
import { nodes, routed, statement } from "./arbitraries.js";
import { checkInvariants, lab } from "./harness.js";
import { factsFor, machineView } from "./machine.js";

/** The changes a random program makes, in order. */
function changesOf(statements: readonly Parameters<typeof evaluate>[1][]): Change[] {
  let world: World = emptyWorld;
  const changes: Change[] = [];
  for (const stmt of statements) {
    const r = evaluate(world, stmt, factsFor(world));
    if (!r.ok || r.value.kind !== "change") continue;
    changes.push(r.value.change);
    world = r.value.change.after;
  }
  return changes;
}

/** As the kernel reader reads the machine: only the lab's host ends, and the routes through them. */
function labOnly(view: KernelView, worlds: readonly World[]): KernelView {
  const ends = new Set(worlds.flatMap((w) => [...w.host.ifaces.keys()]));
  const namespaces = view.namespaces.flatMap((ns) => {
    if (ns.name !== HOST) return [ns];
    const interfaces = ns.interfaces.filter((i) => ends.has(i.name));
    const routes = ns.routes.filter((r) => r.dev !== undefined && ends.has(r.dev));
    return interfaces.length + routes.length === 0 ? [] : [{ ...ns, interfaces, routes }];
  });
  return sortView(namespaces);
}

const program = fc.tuple(
  fc.constantFrom([], nodes, routed, routed),
  fc.array(statement, { minLength: 3, maxLength: 25 }),
);

describe("worldFromKernel", () => {
  it("gives back a lab's very kernel view from that view read back", () => {
    fc.assert(
      fc.property(program, ([start, statements]) => {
        const world = changesOf([...start, ...statements]).at(-1)?.after ?? emptyWorld;
        const read = readable(kernelView(world));
        const back = worldFromKernel(read, [world]);
        expect(kernelView(back)).toEqual(kernelView(world));
        expect(unlike(back, read)).toEqual([]);
        checkInvariants(back);
      }),
      { numRuns: 300 },
    );
  });

  it("says what a kernel halfway through a change holds, and names what it cannot say", () => {
    let halfway = 0;
    let unsaid = 0;
    fc.assert(
      fc.property(program, fc.nat(), fc.nat(), ([start, statements], which, cut) => {
        const changes = changesOf([...start, ...statements]);
        const change = changes[which % Math.max(1, changes.length)];
        if (change === undefined) return;
        const done = change.ops.slice(0, cut % (change.ops.length + 1));
        const worlds = [change.before, change.after];
        const read = readable(labOnly(simulate(machineView(change.before), done), worlds));
        const back = worldFromKernel(read, worlds);
        checkInvariants(back);
        // Where the model cannot say the kernel (a namespace's settings no kind of node has), unlike names it.
        const views = new Map(readable(kernelView(back)).namespaces.map((ns) => [ns.name, ns]));
        const differ = read.namespaces
          .filter((ns) => JSON.stringify(views.get(ns.name)) !== JSON.stringify(ns))
          .map((ns) => ns.name);
        expect(unlike(back, read)).toEqual(differ.sort());
        // …and only the settings differ: everything else is as the kernel has it.
        const noSettings = (v: KernelView) => v.namespaces.map(({ sysctls: _s, ...ns }) => ns);
        expect(noSettings(readable(kernelView(back)))).toEqual(noSettings(read));
        if (done.length > 0 && done.length < change.ops.length) halfway++;
        if (differ.length > 0) unsaid++;
      }),
      { numRuns: 400 },
    );
    expect(halfway).toBeGreaterThan(100);
    expect(unsaid).toBeGreaterThan(5);
  });

  it("takes what the kernel cannot tell from the labs it knows: a switch's prefixes, conditions, origins", () => {
    const world = lab("switch S 10.0.5.0/24", "ns A", "link A <-> S delay 5ms", "route auto");
    const read = readable(kernelView(world));
    const back = worldFromKernel(read, [emptyWorld, world]);
    expect(back.nodes.get("S")?.prefixes).toEqual(["10.0.5.0/24"]);
    expect(back.nodes.get("A")?.ifaces.get("eth0")?.conditions).toEqual({ delay: 5000 });
    // A queue of another kind than the known one's is not taken for it.
    const other = readable({
      namespaces: read.namespaces.map((ns) => ({
        ...ns,
        interfaces: ns.interfaces.map((i) => (i.qdisc ? { ...i, qdisc: "tbf" } : i)),
      })),
    });
    expect(worldFromKernel(other, [world]).nodes.get("A")?.ifaces.get("eth0")?.conditions).toBeUndefined();
    expect(unlike(worldFromKernel(other, [world]), other)).toEqual(["A", "S"]);
  });
});
