// A kernel step in words, for the report of a rollback (or teardown) that failed in part: which
// object was left behind, not put back or not restored, next to the exact command that would do it.
import type { FailedCommand, KernelObject } from "../diagnostic.js";
import { lower, type NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { HOST } from "../interpreter/world.js";

/** The object an op works on, in words; namespaces by their kernel name, the rest by node. */
export function describeOp(op: Op, nsName: NsName): KernelObject {
  const ns = (node: string) => (node === HOST ? "the machine's own namespace" : `namespace ${nsName(node)}`);
  switch (op.kind) {
    case "netns.add":
      return { words: ns(op.node), action: "put back" };
    case "netns.del":
      return { words: ns(op.node), action: "remove" };
    case "veth.add":
    case "veth.del":
      return {
        words: `veth ${op.a.node}:${op.a.ifname} <-> ${op.b.node}:${op.b.ifname}`,
        action: op.kind === "veth.del" ? "remove" : "put back",
      };
    case "bridge.add":
    case "bridge.del":
      return { words: `bridge ${op.node}:${op.ifname}`, action: op.kind === "bridge.del" ? "remove" : "put back" };
    case "link.master":
    case "link.nomaster":
      return {
        words: `${op.node}:${op.ifname} as a port of bridge ${op.master}`,
        action: op.kind === "link.nomaster" ? "remove" : "put back",
      };
    case "addr.add":
    case "addr.del":
      return {
        words: `address ${op.cidr} on ${op.node}:${op.ifname}`,
        action: op.kind === "addr.del" ? "remove" : "put back",
      };
    case "route.add":
    case "route.del": {
      const dev = op.route.dev === undefined ? "" : ` dev ${op.route.dev}`;
      return {
        words: `route ${op.route.destination} via ${op.route.via}${dev} in ${op.node}`,
        action: op.kind === "route.del" ? "remove" : "put back",
      };
    }
    case "link.set":
      return { words: `${op.node}:${op.ifname} ${op.up ? "up" : "down"}`, action: "restore" };
    case "link.mtu":
      return { words: `MTU ${op.mtu} on ${op.node}:${op.ifname}`, action: "restore" };
    case "iface.move":
      return { words: `interface ${op.ifname} in ${op.to === HOST ? "the machine" : op.to}`, action: "put back" };
    case "sysctl.set":
      return { words: `${op.key}=${op.value} in ${op.node}`, action: "restore" };
    default: {
      // A kind added later: what it works on, as far as the common fields say.
      const o = op as { kind: string; node?: string; ifname?: string };
      return { words: o.node && o.ifname ? `${o.kind} on ${o.node}:${o.ifname}` : o.kind, action: "restore" };
    }
  }
}

/** The same veth deletion, run from the other end (as batching does when only that end's namespace stays). */
const fromPeer = (op: Op): Op | undefined => (op.kind === "veth.del" ? { ...op, a: op.b, b: op.a } : undefined);

const key = (argv: readonly string[]) => argv.join("\u0000");

/** Each failed command with the object it works on, found among the ops that were run (by their command). */
export function nameFailures(failures: readonly FailedCommand[], ops: readonly Op[], nsName: NsName): FailedCommand[] {
  if (failures.length === 0) return [];
  const byCommand = new Map<string, Op>();
  for (const op of ops) {
    for (const form of [op, fromPeer(op)]) {
      if (form === undefined) continue;
      const step = lower(form, nsName);
      // A line may have run in one of its namespaces' batches instead (`inside`, stages.ts).
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
