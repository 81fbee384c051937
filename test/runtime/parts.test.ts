// undo N's steps planned as N single steps would run: parts joined into one plan (one batch per
// namespace for the lot) unless a part makes again a name an earlier part of the group removed.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, type Timeline, type Transition, undo } from "../../src/interpreter/timeline.js";
import { groupParts, partsOf, planParts } from "../../src/runtime/parts.js";
import type { Stage } from "../../src/runtime/stages.js";

const ns = (node: string) => `p-${node}`;
const lines = (stage: Stage) => ({
  create: stage.create.map((l) => l.step.line.join(" ")),
  ns: Object.fromEntries([...stage.ns].map(([k, v]) => [k, v.map((l) => l.step.line.join(" "))])),
  destroy: stage.destroy.map((l) => l.step.line.join(" ")),
});

/** The steps of `undo N` after the lines, as the timeline cuts them. */
function undoSteps(text: string, n: number): readonly (readonly Op[])[] {
  let t: Timeline = emptyTimeline;
  for (const stmt of parse(text).program.statements) {
    const r = step(t, stmt, "");
    if (!r.ok || r.value.kind !== "transition") throw new Error(text);
    t = r.value.transition.next;
  }
  const back = undo(t, n);
  return back.steps ?? [back.ops];
}

describe("groupParts", () => {
  it("joins steps that only remove (undo of a build): one plan, as fast as one change", () => {
    const steps = undoSteps("ns A\nns B\nlink A <-> B 10.0.0.0/24\nrouter R\nlink R <-> B 10.0.1.0/24", 5);
    expect(steps).toHaveLength(5);
    expect(groupParts(steps)).toEqual([steps.flat()]);
    expect(planParts(steps, ns).map(lines)).toEqual([
      { create: [], ns: {}, destroy: ["netns del p-R", "netns del p-B", "netns del p-A"] },
    ]);
  });

  it("starts a group at a step that makes again a name removed before it (issue 18's undo 7)", () => {
    const steps = undoSteps(
      "ns n1\nns n2\nlink n2 <-> n1 10.154.3.0/24\ndel n2\nrouter r3\nswitch s4 10.154.105.0/24\nlink n1 <-> r3 10.154.6.0/24",
      7,
    );
    // Undo of the last link, of s4 and of r3 remove; undo of `del n2` makes n1:eth0 again.
    const groups = groupParts(steps);
    expect(groups.map((g) => g.length)).toEqual([steps.slice(0, 3).flat().length, steps.slice(3).flat().length]);
    const stages = planParts(steps, ns).map(lines);
    const removed = stages.findIndex(
      (s) => Object.values(s.ns).flat().includes("link del eth0") || s.destroy.includes("netns del p-r3"),
    );
    const made = stages.findIndex((s) =>
      s.create.includes("link add eth0 netns p-n2 type veth peer name eth0 netns p-n1"),
    );
    expect(removed).toBeGreaterThanOrEqual(0);
    expect(made).toBeGreaterThan(removed);
    // The first group ran whole before: its last stage is before the re-creation's.
    expect(stages.slice(made).flatMap((s) => s.destroy)).not.toContain("netns del p-r3");
  });

  it("does not cut for a name made again that no earlier part removed, nor for one made and removed in one part", () => {
    const a: Op = { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } };
    const other: Op = { kind: "veth.add", a: { node: "A", ifname: "eth1" }, b: { node: "C", ifname: "eth0" } };
    expect(groupParts([[a], [other]])).toHaveLength(1);
    const again: Op = { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "C", ifname: "eth0" } };
    expect(groupParts([[a, again]])).toHaveLength(1);
    expect(groupParts([[a], [again]])).toHaveLength(2);
    // A namespace made again, and an interface moved back where it was removed from.
    expect(groupParts([[{ kind: "netns.del", node: "A" }], [{ kind: "netns.add", node: "A" }]])).toHaveLength(2);
    const out: Op = { kind: "iface.move", ifname: "eth5", from: "host", to: "A" };
    const back: Op = { kind: "iface.move", ifname: "eth5", from: "A", to: "host" };
    expect(groupParts([[out], [back]])).toHaveLength(2);
  });

  it("counts op indices over all parts", () => {
    const parts: Op[][] = [[{ kind: "netns.del", node: "A" }], [{ kind: "netns.add", node: "A" }]];
    const stages = planParts(parts, ns);
    expect(stages.map(lines)).toEqual([
      { create: [], ns: {}, destroy: ["netns del p-A"] },
      { create: ["netns add p-A"], ns: {}, destroy: [] },
    ]);
    expect(stages[1]?.create[0]?.ops).toEqual([1]);
  });
});

describe("parts of a huge change", () => {
  // A 32×32 grid's `route auto` is two million ops in one transition: spreading them as arguments
  // (`push(...ops)`) overflowed the stack, and netl run stopped with an internal error.
  const HUGE = 2_000_000;
  const op = undoSteps("ns A", 1)[0]?.[0] as Op;
  const ops: Op[] = new Array(HUGE).fill(op);
  const tr = (steps?: Op[][]): Transition => ({
    ops,
    summary: [],
    next: emptyTimeline,
    ...(steps ? { steps } : {}),
  });

  it("partsOf and groupParts take two million ops in one part, and as many steps", () => {
    const parts = partsOf([tr(), tr()]);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toHaveLength(2 * HUGE);
    expect(groupParts(parts)[0]).toHaveLength(2 * HUGE);
    const steps = partsOf([tr(ops.map((o) => [o]))]);
    expect(steps).toHaveLength(HUGE);
  });
});
