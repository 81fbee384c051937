// The history of a lab as a pure value: the World now, the changes that led to it (for undo)
// and the changes undone since the last new one (for redo). Undo and redo are ops too: the
// inverses of a change's ops, newest first, or its ops again. The history keeps few Worlds
// (history.ts); a point of it reached by a step keeps its own World until it is released.
import { Stack } from "immutable";
import { type Entry, entryOn, type Replay, worldAt } from "./history.js";
import { invertAll } from "./ops/inverse.js";
import type { Op } from "./ops/types.js";
import type { Change } from "./plan.js";
import { emptied } from "./teardown.js";
import { emptyWorld, type World } from "./world.js";

export type { Entry, Replay } from "./history.js";

export interface Timeline {
  readonly world: World;
  readonly done: Stack<Entry>;
  readonly undone: Stack<Entry>;
}

export const emptyTimeline: Timeline = { world: emptyWorld, done: Stack(), undone: Stack() };

/**
 * A point reached by a step. Its World is a cache: `release` drops it when the history can make it
 * again, so that a check holding a point per statement (program.ts) holds few Worlds.
 */
class Point implements Timeline {
  #world: World | undefined;
  constructor(
    readonly done: Stack<Entry>,
    readonly undone: Stack<Entry>,
    world: World,
  ) {
    this.#world = world;
  }

  get world(): World {
    this.#world ??= worldAt(this.done, this.undone);
    return this.#world;
  }

  release(): void {
    if (this.done.size > 0 || this.undone.size > 0) this.#world = undefined;
  }
}

/** Drop a point's World where the history makes it again when asked (a plain Timeline keeps its own). */
export function release(t: Timeline): void {
  if (t instanceof Point) t.release();
}

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

/**
 * A new change: it becomes the newest undo step and clears what could be redone. `replay` makes its
 * World again from the one before (the statement evaluated again); without one the history keeps it.
 */
export function record(t: Timeline, change: Change, text: string, replay?: Replay): Transition {
  const entry = entryOn(t.done, { ops: change.ops, summary: change.summary }, text, change, replay);
  return { ops: change.ops, summary: change.summary, next: new Point(t.done.push(entry), Stack(), change.after) };
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
  let { done, undone } = t;
  const steps: Op[][] = [];
  const summary: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = done.peek();
    if (entry === undefined) break;
    steps.push(invertAll(entry.change.ops));
    summary.push(`undo ${entry.text}`, ...[...entry.change.summary].reverse().map(reversed));
    // The newest step undone keeps the World it leaves, so that redo gives back that very World.
    done = done.pop();
    undone = undone.push(i === 0 && entry.after === undefined ? { ...entry, after: t.world } : entry);
  }
  if (steps.length === 0) return walked(steps, ["nothing to undo"], t);
  if (done.size === 0 && t.done.size < count) summary.push("nothing more to undo");
  return walked(steps, summary, new Point(done, undone, worldAt(done, undone)));
}

export function redo(t: Timeline, count: number): Transition {
  let { done, undone, world } = t;
  const steps: (readonly Op[])[] = [];
  const summary: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = undone.peek();
    if (entry === undefined) break;
    steps.push(entry.change.ops);
    summary.push(`redo ${entry.text}`, ...entry.change.summary);
    world = entry.after ?? (entry.replay as Replay)(world);
    done = done.push(entry);
    undone = undone.pop();
  }
  if (steps.length === 0) return walked(steps, ["nothing to redo"], t);
  if (undone.size === 0 && t.undone.size < count) summary.push("nothing more to redo");
  return walked(steps, summary, new Point(done, undone, world));
}

/**
 * `reset`: the change that removes the whole lab (itself one undo step). Spawned processes are numbered
 * from #1 again, as in a lab built afresh (undo brings back the old ones, and their numbers, only once
 * what came after is undone).
 */
export function resetChange(world: World): Change {
  const { world: emptiedWorld, ops, summary } = emptied(world);
  const after = { ...emptiedWorld, nextProcId: 1 };
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
