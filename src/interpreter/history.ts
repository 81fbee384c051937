// The undo history keeps what undo needs, not every World: each step's ops and words, and how to make
// its World again from the one before (re-evaluating its statement). A World is kept only every
// CHECKPOINT steps, at the first step, and after a step that cannot be made again cheaply; any other
// World is made again from the nearest kept one below, in at most CHECKPOINT - 1 re-evaluations.
import type { Stack } from "immutable";
import type { Op } from "./ops/types.js";
import type { World } from "./world.js";

/** The World after a step, made again from the World before it (a pure function: same World in, equal World out). */
export type Replay = (before: World) => World;

/** One undo step: a change's ops and words, the statement text that made it, and what makes its World again. */
export interface Entry {
  readonly change: { readonly ops: readonly Op[]; readonly summary: readonly string[] };
  readonly text: string;
  /** Undefined: the step is not made again, and `after` is kept. */
  readonly replay: Replay | undefined;
  /** The World before it, kept for the first step of a history only. */
  readonly before: World | undefined;
  /** The World after it, kept every CHECKPOINT steps, when there is no replay, and when undo had it in hand. */
  readonly after: World | undefined;
}

/** How far apart the kept Worlds are: the most re-evaluations an undo or a World made again costs. */
export const CHECKPOINT = 128;

/** A change of more ops than this keeps its World rather than being made again. */
const BIG = 64;

/** A new step on top of `done` (a history of `done.size` steps), keeping the Worlds the rules above keep. */
export function entryOn(
  done: Stack<Entry>,
  change: Entry["change"],
  text: string,
  worlds: { readonly before: World; readonly after: World },
  replay?: Replay,
): Entry {
  // A big change (`router` of thousands of names) is kept too: making it again would cost what it did.
  const keepAfter = replay === undefined || change.ops.length > BIG || (done.size + 1) % CHECKPOINT === 0;
  // Every field always present: one shape for every entry.
  return {
    change,
    text,
    replay,
    before: done.size === 0 ? worlds.before : undefined,
    after: keepAfter ? worlds.after : undefined,
  };
}

/** The World at a point of a history: after its newest step done, else before its oldest step undone. */
export function worldAt(done: Stack<Entry>, undone: Stack<Entry>): World {
  if (done.size > 0) return worldAfter(done);
  const oldest = undone.peek()?.before;
  if (oldest === undefined) throw new Error("history: no World kept for an empty history");
  return oldest;
}

/** The World after the newest step of `done`: from the nearest kept World below it, each step after that made again in order. */
function worldAfter(done: Stack<Entry>): World {
  const pending: Entry[] = [];
  let start: World | undefined;
  for (const entry of done) {
    if (entry.after !== undefined) {
      start = entry.after;
      break;
    }
    pending.push(entry);
    if (entry.before !== undefined) {
      start = entry.before;
      break;
    }
  }
  if (start === undefined) throw new Error("history: its first step keeps no World");
  let world = start;
  for (let i = pending.length - 1; i >= 0; i--) {
    const replay = (pending[i] as Entry).replay;
    // Entries without a replay keep their World (entryOn), so the walk above stopped at them.
    if (replay === undefined) throw new Error("history: a step with neither its World nor a replay");
    world = replay(world);
  }
  return world;
}
