// A namespace's setting under /proc/sys/net (`sysctl -qw key=value`), with the value it replaces.
import { NO_NAMES, type OpGroup } from "../spec.js";
import { globalStep } from "../step.js";

export const sysctlOps: OpGroup<"sysctl.set"> = {
  "sysctl.set": {
    inverse: (op) => ({ ...op, value: op.previous, previous: op.value }),
    // A global line: the runtime sets every namespace's settings of a stage in one process.
    lower: (op, ns) => {
      const line = ["netns", "exec", ns(op.node), "sysctl", "-qw", `${op.key}=${op.value}`];
      return globalStep("create", [ns(op.node)], line, "sysctl");
    },
    rtnl: undefined,
    words: (op) => ({ words: `${op.key}=${op.value} in ${op.node}`, action: "restore" }),
    iface: () => undefined,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      if (!(op.key in ns.sysctls)) kernel.refuse(op, "unknown sysctl");
      // The recorded previous value is what undo puts back: it must be the real one.
      if (ns.sysctls[op.key] !== op.previous)
        kernel.refuse(op, `previous is ${ns.sysctls[op.key]}, not ${op.previous}`);
      ns.sysctls[op.key] = op.value;
    },
  },
};
