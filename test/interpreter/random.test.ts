// Property: for random statement sequences over a small name pool, evaluate never throws,
// refusals are positioned check errors with a hint, and every change round-trips.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { nodes, routed, statement } from "./arbitraries.js";
import { expectRoundTripOn, factsFor } from "./machine.js";

const starts = [[], nodes, nodes, routed, routed] as const;

describe("random statement sequences", () => {
  it("never throw, refuse with positioned check errors, and round-trip every change", () => {
    const done = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.constantFrom(...starts),
        fc.array(statement, { minLength: 5, maxLength: 40, size: "medium" }),
        (start, statements) => {
          let world: World = emptyWorld;
          for (const stmt of [...start, ...statements]) {
            const r = evaluate(world, stmt, factsFor(world));
            if (!r.ok) {
              expect(r.error).toMatchObject({ phase: "check", span: expect.any(Object) });
              expect(r.error.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
              expect(r.error.hint).toBeTruthy();
              continue;
            }
            if (r.value.kind !== "change") continue;
            expectRoundTripOn(r.value.change);
            if (r.value.change.ops.some((op) => op.kind === "route.del"))
              done.set("route.del", (done.get("route.del") ?? 0) + 1);
            done.set(stmt.kind, (done.get(stmt.kind) ?? 0) + 1);
            world = r.value.change.after;
          }
        },
      ),
      { numRuns: 600 },
    );
    // The generator must reach every kind of change, not just refusals.
    for (const kind of [
      "ns",
      "router",
      "switch",
      "del",
      "link",
      "unlink",
      "addr",
      "route",
      "route-auto",
      "route.del",
      "move",
      "set",
      "spawn",
      "block",
    ])
      expect(done.get(kind) ?? 0).toBeGreaterThan(5);
  });
});
