// An interface's root qdisc, which carries its link conditions (`tc qdisc replace|del dev DEV root`).
import type { Conditions } from "../../conditions.js";
import { qdiscWords } from "../qdisc.js";
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep } from "../step.js";

const words = (c: Conditions | undefined) => (c === undefined ? undefined : qdiscWords(c).join(" "));

export const qdiscOps: OpGroup<"qdisc.set"> = {
  "qdisc.set": {
    inverse: (op) => {
      const { conditions, previous, ...where } = op;
      return {
        ...where,
        ...(previous === undefined ? {} : { conditions: previous }),
        ...(conditions === undefined ? {} : { previous: conditions }),
      };
    },
    lower: (op, ns) => {
      const line = op.conditions
        ? ["qdisc", "replace", "dev", op.ifname, "root", ...qdiscWords(op.conditions)]
        : ["qdisc", "del", "dev", op.ifname, "root"];
      return nsStep(ns(op.node), line, [ns(op.node)], "tc");
    },
    rtnl: undefined,
    words: (op) => ({ words: `${op.kind} on ${op.node}:${op.ifname}`, action: "restore" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (iface.qdisc !== words(op.previous))
        kernel.refuse(op, `qdisc is ${iface.qdisc ?? "none"}, not ${words(op.previous)}`);
      // `tc qdisc del` of the default qdisc fails: "Cannot delete qdisc with handle of zero".
      if (op.conditions === undefined && iface.qdisc === undefined) kernel.refuse(op, "no qdisc to delete");
      const next = words(op.conditions);
      if (next === undefined) delete iface.qdisc;
      else iface.qdisc = next;
    },
  },
};
