// Batching plan: ops → stages. A stage runs one global `ip -batch` of creations, then one
// `ip -n NS -batch -` per namespace (concurrently), then one global `ip -batch` of deletions.
// Lines move between phases only where no namespace they touch orders them otherwise.
import { lower, type NsName, type Step } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";

export interface PlannedLine {
  readonly step: Step;
  /** The op this line runs, then any ops it makes unnecessary (work inside a namespace deleted later). */
  readonly ops: readonly number[];
}

export interface Stage {
  readonly create: PlannedLine[];
  readonly ns: Map<string, PlannedLine[]>;
  readonly destroy: PlannedLine[];
}

interface Building extends Stage {
  readonly destroyTouches: Set<string>;
  /** Peers of a cross-namespace line (a veth deletion) in this stage: later work there waits. */
  readonly locked: Set<string>;
  /** Namespaces touched by those removals (both ends): creations there wait, they may reuse a name. */
  readonly removed: Set<string>;
}

const newStage = (): Building => ({
  create: [],
  ns: new Map(),
  destroy: [],
  destroyTouches: new Set(),
  locked: new Set(),
  removed: new Set(),
});

const anyIn = (names: readonly string[], set: { has(name: string): boolean }) => names.some((n) => set.has(n));

/**
 * For each op, the index of a later `netns.del` that makes it unnecessary (its namespace goes away
 * with everything in it), or -1. Creations and deletions of namespaces and veths' births are never elided.
 */
function elisions(steps: readonly Step[], ops: readonly Op[]): number[] {
  const result = new Array<number>(ops.length).fill(-1);
  const deletedLater = new Map<string, number>(); // ns → index of the netns.del that follows
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i] as Op;
    const step = steps[i] as Step;
    if (op.kind === "netns.del") deletedLater.set(step.ns, i);
    else if (op.kind === "netns.add") deletedLater.delete(step.ns);
    else if (op.kind !== "veth.add") {
      for (const ns of step.touches) {
        const j = deletedLater.get(ns);
        if (j !== undefined) {
          result[i] = j;
          break;
        }
      }
    }
  }
  return result;
}

export function planStages(ops: readonly Op[], nsName: NsName): Stage[] {
  const steps = ops.map((op) => lower(op, nsName));
  const elidedInto = elisions(steps, ops);
  const implied = new Map<number, number[]>();
  const extraTouches = new Map<number, Set<string>>();
  elidedInto.forEach((j, i) => {
    if (j < 0) return;
    implied.set(j, [...(implied.get(j) ?? []), i]);
    const touches = extraTouches.get(j) ?? new Set<string>();
    for (const ns of (steps[i] as Step).touches) touches.add(ns);
    extraTouches.set(j, touches);
  });

  const stages: Building[] = [];
  let stage = newStage();
  const push = () => {
    stages.push(stage);
    stage = newStage();
  };
  steps.forEach((step, i) => {
    if ((elidedInto[i] as number) >= 0) return;
    const line: PlannedLine = { step, ops: [i, ...(implied.get(i) ?? [])] };
    if (step.phase === "create") {
      // Creations only add objects: they wait only for removals of the names they may reuse.
      if (anyIn(step.touches, stage.removed) || anyIn(step.touches, stage.destroyTouches)) push();
      stage.create.push(line);
    } else if (step.phase === "ns") {
      const others = step.touches.filter((n) => n !== step.ns);
      if (anyIn(step.touches, stage.destroyTouches) || anyIn(step.touches, stage.locked) || anyIn(others, stage.ns))
        push();
      const lines = stage.ns.get(step.ns) ?? [];
      lines.push(line);
      stage.ns.set(step.ns, lines);
      for (const n of others) stage.locked.add(n);
      if (others.length > 0) for (const n of step.touches) stage.removed.add(n);
    } else {
      stage.destroy.push(line);
      for (const n of step.touches) stage.destroyTouches.add(n);
      for (const n of extraTouches.get(i) ?? []) stage.destroyTouches.add(n);
    }
  });
  if (stage.create.length + stage.ns.size + stage.destroy.length > 0) push();
  return stages.map(({ create, ns, destroy }) => ({ create, ns, destroy }));
}
