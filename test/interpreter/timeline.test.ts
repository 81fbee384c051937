// Undo and redo as a model-based property: random statements with undo/redo interleaved.
// Invariants: the World equals the World rebuilt from the statements that remain; the ops of
// every undo/redo take the simulated kernel from one World's view to the next; undoing
// everything gives the empty World.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, type EvaluableStatement as Statement } from "../../src/interpreter/index.js";
import { kernelView } from "../../src/interpreter/kernel-view.js";
import { invertAll } from "../../src/interpreter/ops/inverse.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import type { Change } from "../../src/interpreter/plan.js";
import {
  emptyTimeline,
  historyLines,
  record,
  redo,
  resetChange,
  type Timeline,
  undo,
} from "../../src/interpreter/timeline.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { nodes, routed, statement } from "./arbitraries.js";
import { stmt } from "./harness.js";
import { factsFor, machineView } from "./machine.js";

type Command =
  | { kind: "stmt"; stmt: Statement }
  | { kind: "undo"; n: number }
  | { kind: "redo"; n: number }
  | { kind: "reset" };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: statement.map((s): Command => ({ kind: "stmt", stmt: s })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((n): Command => ({ kind: "undo", n })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n): Command => ({ kind: "redo", n })) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: "reset" }) },
);

/** The World made by the changes that remain, replayed from nothing. */
function rebuild(statements: readonly Statement[]): World {
  let world = emptyWorld;
  for (const s of statements) {
    const r = evaluate(world, s, factsFor(world));
    if (!r.ok || r.value.kind !== "change") throw new Error("a statement that remains no longer applies");
    world = r.value.change.after;
  }
  return world;
}

describe("timeline", () => {
  it("undo/redo keep the World equal to the replay of what remains, and the kernel in step", () => {
    let moves = 0;
    fc.assert(
      fc.property(
        fc.constantFrom([], nodes, routed),
        fc.array(command, { minLength: 5, maxLength: 40 }),
        (start, commands) => {
          let t: Timeline = emptyTimeline;
          // The model: the statements behind each undo step (reset's step is "replay nothing after it").
          let done: Statement[][] = [];
          let undone: Statement[][] = [];
          let kernel = machineView(emptyWorld);
          const all = [...start.map((s): Command => ({ kind: "stmt", stmt: s })), ...commands];
          for (const c of all) {
            const before = t;
            if (c.kind === "stmt") {
              const r = evaluate(t.world, c.stmt, factsFor(t.world));
              if (!r.ok || r.value.kind !== "change") continue;
              const tr = record(t, r.value.change, "s");
              kernel = simulate(kernel, tr.ops);
              t = tr.next;
              done = [...done, [c.stmt]];
              undone = [];
            } else if (c.kind === "reset") {
              const tr = record(t, resetChange(t.world), "reset");
              kernel = simulate(kernel, tr.ops);
              t = tr.next;
              done = [...done, []];
              undone = [];
            } else {
              const tr = c.kind === "undo" ? undo(t, c.n) : redo(t, c.n);
              kernel = simulate(kernel, tr.ops);
              t = tr.next;
              const k = Math.min(c.n, c.kind === "undo" ? done.length : undone.length);
              for (let i = 0; i < k; i++) {
                if (c.kind === "undo") undone = [...undone, done.pop() as Statement[]];
                else done = [...done, undone.pop() as Statement[]];
              }
              if (k > 0) moves++;
            }
            expect(kernel).toEqual(machineView(t.world));
            // Replay: everything since the last reset that is still done.
            const lastReset = done.map((s) => s.length === 0).lastIndexOf(true);
            expect(kernelView(t.world)).toEqual(kernelView(rebuild(done.slice(lastReset + 1).flat())));
            expect(t.done.size).toBe(done.length);
            expect(t.undone.size).toBe(undone.length);
            if (before !== t) expect(t).not.toBe(before);
          }
          const all_undone = undo(t, t.done.size);
          expect(simulate(kernel, all_undone.ops)).toEqual(machineView(emptyWorld));
          expect(all_undone.next.world.nodes.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(moves).toBeGreaterThan(100);
  });

  it("cuts undo N and redo N into their steps, each the inverse (or the ops) of one change", () => {
    let t = emptyTimeline;
    const changes = [];
    for (const line of ["ns A B", "link A <-> B 10.0.0.0/24", "del B"]) {
      const r = evaluate(t.world, stmt(line));
      if (!r.ok || r.value.kind !== "change") throw new Error(line);
      changes.push(r.value.change);
      t = record(t, r.value.change, line).next;
    }
    const back = undo(t, 3);
    expect(back.steps).toEqual([...changes].reverse().map((c) => invertAll(c.ops)));
    expect(back.ops).toEqual(back.steps?.flat());
    const again = redo(back.next, 2);
    expect(again.steps).toEqual(changes.slice(0, 2).map((c) => c.ops));
    // One step is not cut: a plain change.
    expect(undo(t, 1).steps).toBeUndefined();
    expect(record(t, changes[0] as (typeof changes)[0], "x").steps).toBeUndefined();
  });

  it("numbers spawned processes from #1 after reset, and undo brings back the old ones with theirs", () => {
    // Found by the property above: a lab built afresh numbers its processes from #1; reset's did not.
    let t = emptyTimeline;
    const step = (line: string) => {
      const r = line === "reset" ? undefined : evaluate(t.world, stmt(line));
      if (r !== undefined && (!r.ok || r.value.kind !== "change")) throw new Error(line);
      const change = r === undefined ? resetChange(t.world) : (r.value as { change: Change }).change;
      t = record(t, change, line).next;
      return change;
    };
    step("ns A");
    expect(step("spawn A sleep 1000").summary).toEqual(["+ spawn A #1: sleep 1000"]);
    step("reset");
    step("ns A");
    expect(step("spawn A sleep 1000").summary).toEqual(["+ spawn A #1: sleep 1000"]);
    const back = undo(t, 3).next;
    expect(back.world.nodes.get("A")?.processes).toEqual([{ id: 1, command: "sleep 1000" }]);
    expect(back.world.nextProcId).toBe(2);
  });

  it("says when there is nothing to undo or redo", () => {
    expect(undo(emptyTimeline, 1)).toMatchObject({ ops: [], summary: ["nothing to undo"] });
    expect(redo(emptyTimeline, 2)).toMatchObject({ ops: [], summary: ["nothing to redo"] });
  });

  it("prints undo as the reverse of the change, and numbers the history", () => {
    let t = emptyTimeline;
    for (const line of ["ns A B", "link A <-> B 10.0.0.0/24"]) {
      const r = evaluate(t.world, stmt(line));
      if (!r.ok || r.value.kind !== "change") throw new Error(line);
      t = record(t, r.value.change, line).next;
    }
    const back = undo(t, 3);
    expect(back.summary).toEqual([
      "undo link A <-> B 10.0.0.0/24",
      "- link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
      "undo ns A B",
      "- ns B",
      "- ns A",
      "nothing more to undo",
    ]);
    expect(historyLines(t)).toEqual(["  1  ns A B", "  2  link A <-> B 10.0.0.0/24"]);
    const once = undo(t, 1).next;
    expect(historyLines(once)).toEqual([
      "  1  ns A B",
      "  undone (redo brings back):",
      "       link A <-> B 10.0.0.0/24",
    ]);
    const again = redo(once, 1);
    expect(again.next.world).toBe(t.world);
    expect(again.summary).toEqual([
      "redo link A <-> B 10.0.0.0/24",
      "+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
    ]);
  });
});
