// Giving a moved interface back to the machine: the interface itself, found in the namespace that
// holds it, moved home before that namespace goes (deleting it would destroy a veth and send a
// physical one back bare), under its own name, or a free one when someone else has taken that name
// meanwhile (then said). Only then is its state put back, on it and nothing else: never on whatever
// else the machine calls by its old name.
import type { FailedCommand } from "../diagnostic.js";
import type { Origin } from "../interpreter/machine.js";
import { restoreOps } from "../interpreter/moved.js";
import { lower } from "../interpreter/ops/lower.js";
import { restep } from "../interpreter/ops/step.js";
import { HOST } from "../interpreter/world.js";
import { applyForce } from "./apply.js";
import { runBatch } from "./batch.js";
import type { Executor } from "./executor.js";
import type { PlannedLine } from "./stages.js";

export interface Homecoming {
  /** The namespace (kernel name) that holds it. */
  readonly ns: string;
  /** Its name there now. */
  readonly current: string;
  /** Its name on the machine, before it was moved. */
  readonly ifname: string;
  readonly origin: Origin;
}

export type GiveBackResult =
  | {
      readonly ok: true;
      /** The name it has on the machine again: its own, or a free one. */
      readonly as: string;
      /** Parts of its state the machine would not take back (an address it has again, say). */
      readonly restoreFailures: readonly FailedCommand[];
    }
  | { readonly ok: false; readonly failed: FailedCommand };

const identity = (node: string) => node;

/** A name the machine does not have, made from `ifname` (at most 15 characters, as Linux takes). */
export function freeName(ifname: string, taken: (name: string) => boolean): string {
  for (let n = 1; ; n++) {
    const name = `${ifname.slice(0, 15 - `-${n}`.length)}-${n}`;
    if (!taken(name)) return name;
  }
}

/** Its state, for the name it came back under (the routes through it name it). */
function renamed(origin: Origin, from: string, to: string): Origin {
  if (from === to) return origin;
  return { ...origin, routes: origin.routes.map((r) => (r.dev === from ? { ...r, dev: to } : r)) };
}

/**
 * Move it home (`ip -n NS link set dev CURRENT netns 1 [name NAME]`), then put its state back with
 * -force (what is there already is left as it is). `taken`: whether the machine has a name now.
 */
export async function giveBack(
  executor: Executor,
  h: Homecoming,
  taken: (name: string) => boolean,
  onCommand?: (argv: readonly string[]) => void,
): Promise<GiveBackResult> {
  const as = taken(h.ifname) ? freeName(h.ifname, taken) : h.ifname;
  const step = lower({ kind: "iface.move", ifname: h.current, from: h.ns, to: HOST }, identity);
  const words = as === h.current ? [] : ["name", as];
  const line: PlannedLine = {
    step: restep(step, { line: step.line.concat(words) }),
    ops: [0],
  };
  onCommand?.(line.step.command);
  const moved = await runBatch(executor, h.ns, [line], false);
  const failed = moved.failures[0];
  if (failed !== undefined) return { ok: false, failed };
  const restoreFailures = await applyForce(restoreOps(as, renamed(h.origin, h.ifname, as)), {
    executor,
    nsName: identity,
    ...(onCommand ? { onCommand } : {}),
  });
  return { ok: true, as, restoreFailures };
}

/** What a give-back under another name says. */
export const renamedText = (ifname: string, as: string, why: string): string =>
  `gave ${ifname} back to the machine as ${as}: ${why}`;
