// A process `spawn` starts in a node (its own process group), or ends (the whole group); a `capture`'s
// tcpdump the same way. The runtime does these itself (runtime/proc-lines.ts); the lines name the
// process for it (a capture's line carries what it watches).
import { tcpdumpArgv } from "../../capture.js";
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep, withCommand } from "../step.js";

const running = (op: { id: number; command: string }) => `${op.id} ${op.command}`;

export const procOps: OpGroup<"proc.start" | "proc.stop"> = {
  "proc.start": {
    inverse: (op) => ({ ...op, kind: "proc.stop" }),
    lower: (op, ns) =>
      op.capture
        ? withCommand(
            nsStep(ns(op.node), ["capture", String(op.id), op.node, JSON.stringify(op.capture)], [ns(op.node)], "proc"),
            ["ip", "netns", "exec", ns(op.node), ...tcpdumpArgv(op.capture)],
          )
        : withCommand(nsStep(ns(op.node), ["start", String(op.id), op.node, op.command], [ns(op.node)], "proc"), [
            "ip",
            "netns",
            "exec",
            ns(op.node),
            "sh",
            "-c",
            op.command,
          ]),
    rtnl: undefined,
    words: (op) => ({ words: op.kind, action: "restore" }),
    iface: () => undefined,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      if (ns.processes?.includes(running(op))) kernel.refuse(op, "already running");
      ns.processes = [...(ns.processes ?? []), running(op)];
    },
  },
  "proc.stop": {
    inverse: (op) => ({ ...op, kind: "proc.start" }),
    lower: (op, ns) =>
      withCommand(nsStep(ns(op.node), ["stop", String(op.id), op.node], [ns(op.node)], "proc"), [
        "kill",
        "-TERM",
        "--",
        `-<process group of spawn ${op.id}: ${op.command}>`,
      ]),
    rtnl: undefined,
    words: (op) => ({ words: op.kind, action: "restore" }),
    iface: () => undefined,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      if (!ns.processes?.includes(running(op))) kernel.refuse(op, "not running");
      ns.processes = (ns.processes ?? []).filter((x) => x !== running(op));
    },
  },
};
