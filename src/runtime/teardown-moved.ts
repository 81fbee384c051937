// Teardown's first step: every interface of the machine that the lab holds goes home before any of
// its namespaces goes, each under its own name or, when the machine has another interface of that
// name now, a free one (said). One that cannot go home keeps its namespace standing: a namespace is
// never deleted with a moved interface inside (a veth would be destroyed, a physical one sent back bare).

import { takeOut } from "../interpreter/moved.js";
import { failureText } from "../interpreter/ops/failures.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { giveBack, renamedText } from "./give-back.js";

export interface SentHome {
  /** The World without its moved interfaces (those that could not go home are left where they are). */
  readonly world: World;
  /** Namespaces (kernel names) still holding one that could not: they must not be deleted. */
  readonly kept: ReadonlySet<string>;
  readonly failures: readonly string[];
  readonly notes: readonly string[];
}

export interface HomeContext {
  readonly executor: Executor;
  readonly nsName: NsName;
  /** Whether the machine has an interface of this name now. */
  readonly taken: (name: string) => boolean;
  /** Namespaces that are no longer the lab's (identity.ts): nothing in them is touched. */
  readonly foreign: ReadonlySet<string>;
  readonly onCommand?: (argv: readonly string[]) => void;
}

export async function sendMovedHome(world: World, ctx: HomeContext): Promise<SentHome> {
  let next = world;
  const kept = new Set<string>();
  const failures: string[] = [];
  const notes: string[] = [];
  const given = new Set<string>();
  const taken = (name: string) => given.has(name) || ctx.taken(name);
  for (const [ifname, node] of world.moved) {
    const origin = world.nodes.get(node)?.ifaces.get(ifname)?.origin;
    if (origin === undefined) continue;
    const ns = ctx.nsName(node);
    // Out of the World either way: nothing more is done to it, or on the machine in its name.
    next = takeOut(next, node, ifname);
    if (ctx.foreign.has(ns)) {
      failures.push(`${ifname} not given back: namespace ${ns} is not the one the lab made any more`);
      continue;
    }
    const r = await giveBack(ctx.executor, { ns, current: ifname, ifname, origin }, taken, ctx.onCommand);
    if (!r.ok) {
      kept.add(ns);
      failures.push(`${ifname} not given back, so namespace ${ns} stays: ${failureText(r.failed)}`);
      continue;
    }
    given.add(r.as);
    if (r.as !== ifname) notes.push(renamedText(ifname, r.as, `the machine has another ${ifname} now`));
    for (const f of r.restoreFailures) if (!/File exists/.test(f.stderr)) failures.push(failureText(f));
  }
  return { world: next, kept, failures, notes };
}
