// A kernel step in words, for the report of a rollback (or teardown) that failed in part: which
// object was left behind, not put back or not restored, next to the exact command that would do it.
import type { FailedCommand, KernelObject } from "../../diagnostic.js";
import { fromPeer } from "./kinds/veth.js";
import { lower } from "./lower.js";
import type { NsName } from "./step.js";
import { specOf } from "./table.js";
import type { Op } from "./types.js";

/** The object an op works on, in words; namespaces by their kernel name, the rest by node. */
export const describeOp = (op: Op, nsName: NsName): KernelObject => specOf(op).words(op, nsName);

const key = (argv: readonly string[]) => argv.join("\u0000");

/** Each failed command with the object it works on, found among the ops that were run (by their command). */
export function nameFailures(failures: readonly FailedCommand[], ops: readonly Op[], nsName: NsName): FailedCommand[] {
  if (failures.length === 0) return [];
  const byCommand = new Map<string, Op>();
  for (const op of ops) {
    // A veth deletion may have run from either end.
    for (const form of new Set([op, fromPeer(op)])) {
      const step = lower(form, nsName);
      // A line may have run in one of its namespaces' batches instead (`inside`, runtime/stages.ts).
      for (const command of [step.command, step.inside?.command]) {
        if (command === undefined) continue;
        const k = key(command);
        if (!byCommand.has(k)) byCommand.set(k, op);
      }
    }
  }
  return failures.map((f) => {
    const op = byCommand.get(key(f.argv));
    return op === undefined ? f : { ...f, object: describeOp(op, nsName) };
  });
}

/** For each action: what is wrong, and how the command is offered. */
export const ACTION_WORDS = {
  remove: ["left behind", "remove it with"],
  "put back": ["not put back", "put it back with"],
  restore: ["not restored", "restore it with"],
} as const;

/** One line: `left behind: namespace nlt-x-A; remove it with: ip netns del nlt-x-A (kernel said: …)`. */
export function failureText(f: FailedCommand): string {
  const command = f.argv.join(" ");
  const said = f.stderr === "" ? "" : ` (kernel said: ${f.stderr})`;
  if (f.object === undefined) return `${command}${said}`;
  const [label, verb] = ACTION_WORDS[f.object.action];
  return `${label}: ${f.object.words}; ${verb}: ${command}${said}`;
}
