// Ops cut into parts that the kernel takes one after another: the steps of `undo N` / `redo N`, each
// as a single step would run. Consecutive parts are planned together (one batch per namespace for
// the lot, stages.ts) unless one makes a name — a namespace, an interface — that an earlier one of
// the group removes: the batching puts creations first and drops work into later deletions, and
// the kernel frees a deleted namespace's names only after `ip` returns, so such a part starts a
// group of its own, after the earlier one has run.

import { append } from "../append.js";
import type { NsName } from "../interpreter/ops/step.js";
import { specOf } from "../interpreter/ops/table.js";
import type { Op } from "../interpreter/ops/types.js";
import type { Transition } from "../interpreter/timeline.js";
import { type PlannedLine, planStages, type Stage, shifted } from "./stages.js";

/** Ops cut into parts (a plain change is one part). */
export type Parts = readonly (readonly Op[])[];

/** Consecutive parts joined where nothing makes again a name an earlier part of the group removed. */
export function groupParts(parts: Parts): Op[][] {
  const groups: Op[][] = [];
  let group: Op[] | undefined;
  let gone = new Set<string>();
  for (const part of parts) {
    const each = part.map((op) => specOf(op).names(op));
    if (group === undefined || each.some((n) => n.made.some((name) => gone.has(name)))) {
      group = [];
      groups.push(group);
      gone = new Set();
    }
    append(group, part);
    for (const n of each) for (const name of n.gone) gone.add(name);
  }
  return groups;
}

/** The parts' stages, each group of parts planned alone, after the group before. Op indices count over all. */
export function planParts(parts: Parts, nsName: NsName): Stage[] {
  let offset = 0;
  return groupParts(parts).flatMap((group) => {
    const at = offset;
    offset += group.length;
    if (at === 0) return planStages(group, nsName);
    const shift = (l: PlannedLine): PlannedLine => shifted(l, at);
    return planStages(group, nsName).map((stage) => ({
      ...stage,
      create: stage.create.map(shift),
      ns: new Map([...stage.ns].map(([ns, lines]) => [ns, lines.map(shift)])),
      destroy: stage.destroy.map(shift),
    }));
  });
}

/**
 * The ops of transitions taken together, cut where the kernel must take them in turn: each step of an
 * undo N or redo N on its own; a script's consecutive new changes in one part (batched together).
 */
export function partsOf(transitions: readonly Transition[]): Op[][] {
  const parts: Op[][] = [];
  let open: Op[] | undefined;
  for (const tr of transitions) {
    if (tr.steps === undefined) {
      if (open === undefined) {
        open = [];
        parts.push(open);
      }
      append(open, tr.ops);
    } else {
      append(
        parts,
        tr.steps.map((part) => [...part]),
      );
      open = undefined;
    }
  }
  return parts;
}
