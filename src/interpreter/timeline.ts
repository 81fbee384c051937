// The history of a lab as a pure value: the World now, the changes that led to it (for undo)
// and the changes undone since the last new one (for redo). Undo and redo are ops too: the
// inverses of a change's ops, newest first, or its ops again.
import { Stack } from "immutable";
import { invertAll } from "./ops/inverse.js";
import type { Op } from "./ops/types.js";
import type { Change } from "./plan.js";
import { emptied } from "./teardown.js";
import { emptyWorld, type World } from "./world.js";

/** One undo step: a change and the statement text that made it. */
export interface Entry {
  readonly change: Change;
  readonly text: string;
}

export interface Timeline {
  readonly world: World;
  readonly done: Stack<Entry>;
  readonly undone: Stack<Entry>;
}

export const emptyTimeline: Timeline = { world: emptyWorld, done: Stack(), undone: Stack() };

/** What moving along the timeline does: the kernel ops, the printed lines, and where it ends. */
export interface Transition {
  readonly ops: readonly Op[];
  /**
   * `ops` cut into the undo steps it walks, when it walks several (undo N, redo N): the kernel takes
   * them one after another, as N single steps would, never reordered across a cut.
   */
  readonly steps?: readonly (readonly Op[])[];
  readonly summary: readonly string[];
  readonly next: Timeline;
}

/** A new change: it becomes the newest undo step and clears what could be redone. */
export function record(t: Timeline, change: Change, text: string): Transition {
  return {
    ops: change.ops,
    summary: change.summary,
    next: { world: change.after, done: t.done.push({ change, text }), undone: Stack() },
  };
}

/** `+ link …` read backwards is `- link …`. */
/** `+` ↔ `-`; a change in place (`~ WHAT: NEW (was OLD)`) goes back to OLD. */
function reversed(line: string): string {
  if (line.startsWith("+")) return `-${line.slice(1)}`;
  if (line.startsWith("-")) return `+${line.slice(1)}`;
  const m = /^~ (.+?): (.*) \(was (.*)\)$/.exec(line);
  return m ? `~ ${m[1]}: ${m[3]} (was ${m[2]})` : line;
}

/** A walk over undo steps: their ops, cut into the steps when there are several. */
function walked(steps: readonly (readonly Op[])[], summary: readonly string[], next: Timeline): Transition {
  return { ops: steps.flat(), ...(steps.length > 1 ? { steps } : {}), summary, next };
}

export function undo(t: Timeline, count: number): Transition {
  let next = t;
  const steps: Op[][] = [];
  const summary: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = next.done.peek();
    if (entry === undefined) break;
    steps.push(invertAll(entry.change.ops));
    summary.push(`undo ${entry.text}`, ...[...entry.change.summary].reverse().map(reversed));
    next = { world: entry.change.before, done: next.done.pop(), undone: next.undone.push(entry) };
  }
  if (next === t) summary.push("nothing to undo");
  else if (next.done.size === 0 && t.done.size < count) summary.push("nothing more to undo");
  return walked(steps, summary, next);
}

export function redo(t: Timeline, count: number): Transition {
  let next = t;
  const steps: (readonly Op[])[] = [];
  const summary: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = next.undone.peek();
    if (entry === undefined) break;
    steps.push(entry.change.ops);
    summary.push(`redo ${entry.text}`, ...entry.change.summary);
    next = { world: entry.change.after, done: next.done.push(entry), undone: next.undone.pop() };
  }
  if (next === t) summary.push("nothing to redo");
  else if (next.undone.size === 0 && t.undone.size < count) summary.push("nothing more to redo");
  return walked(steps, summary, next);
}

/** `reset`: the change that removes the whole lab (itself one undo step). */
export function resetChange(world: World): Change {
  const { world: after, ops, summary } = emptied(world);
  return { before: world, after, ops, summary: summary.length > 0 ? summary : ["the lab is already empty"] };
}

/** `history`: the undo steps, oldest first, numbered; then what could be redone. */
export function historyLines(t: Timeline): string[] {
  const done = [...t.done].reverse();
  const lines = done.map((e, i) => `${String(i + 1).padStart(3)}  ${e.text}`);
  const undone = [...t.undone];
  if (undone.length > 0) lines.push("  undone (redo brings back):", ...undone.map((e) => `       ${e.text}`));
  return lines.length > 0 ? lines : ["no changes yet"];
}
