// The round-trip property every change must keep: its ops take the kernel view of the World
// before to that of the World after, and their inverses in reverse order take it back.
import { expect } from "vitest";
import { kernelView } from "../../src/interpreter/kernel-view.js";
import { invertAll } from "../../src/interpreter/ops/inverse.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import type { Change } from "../../src/interpreter/plan.js";
import { checkInvariants } from "./harness.js";

export function expectRoundTrip(change: Change): void {
  const before = kernelView(change.before);
  const after = kernelView(change.after);
  expect(simulate(before, change.ops)).toEqual(after);
  expect(simulate(after, invertAll(change.ops))).toEqual(before);
  checkInvariants(change.after);
}
