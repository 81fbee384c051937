// After a rollback the kernel refused in part, the lab is neither before nor after its change: read
// the kernel back (kernel-read.ts) and, unless it is as before after all, the World that says what it
// holds (interpreter/from-kernel.ts), so that the model and the kernel are never out of step.
import { unlike, worldFromKernel } from "../interpreter/from-kernel.js";
import type { NsName } from "../interpreter/ops/lower.js";
import { HOST, type World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { readKernel } from "./kernel-read.js";

export interface ReadBack {
  /** Whether the kernel could be read back at all. */
  readonly read: boolean;
  /** The World the kernel holds; undefined when that is `worlds[0]` (the rollback got there after all). */
  readonly world?: World;
  /** Nodes whose kernel state the model cannot say exactly (shown as near as it can). */
  readonly unsaid: readonly string[];
}

/** `worlds`: the one the rollback was taking the lab back to, then the others the change went through. */
export async function readBack(executor: Executor, nsName: NsName, worlds: readonly World[]): Promise<ReadBack> {
  const nodes = [...new Set(worlds.flatMap((w) => [...w.nodes.keys()]))];
  // The machine's own interfaces are read only where they are the lab's host ends: never a moved one
  // that went home, never anything else of the machine's.
  const ends = new Set(worlds.flatMap((w) => [...w.host.ifaces.keys()]));
  const view = await readKernel(executor, [
    ...nodes.map((node) => ({ node, ns: nsName(node) })),
    ...(ends.size > 0 ? [{ node: HOST, ns: undefined, names: ends }] : []),
  ]);
  if (view === undefined) return { read: false, unsaid: [] };
  const [target] = worlds;
  if (target !== undefined && unlike(target, view).length === 0) return { read: true, unsaid: [] };
  const world = worldFromKernel(view, worlds);
  return { read: true, world, unsaid: unlike(world, view) };
}
