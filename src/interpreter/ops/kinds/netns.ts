// A node's network namespace, made and deleted whole (`ip netns add|del`).
import { HOST } from "../../world.js";
import { type SimKernel, splitEnd } from "../sim-kernel.js";
import { nsKey, type OpGroup } from "../spec.js";
import { globalStep, type NsName } from "../step.js";

const where = (node: string, nsName: NsName) =>
  node === HOST ? "the machine's own namespace" : `namespace ${nsName(node)}`;

const notTheMachine = (kernel: SimKernel, op: { kind: string; node: string }) => {
  if (op.node === HOST) kernel.refuse(op, "the machine's namespace is not the lab's");
};

export const netnsOps: OpGroup<"netns.add" | "netns.del"> = {
  "netns.add": {
    inverse: (op) => ({ kind: "netns.del", node: op.node }),
    // Its own tool: the runtime makes it in a process that journals its identity (`ip netns add` shown).
    lower: (op, ns) => {
      const line = ["netns", "add", ns(op.node)];
      return globalStep("create", [ns(op.node)], line, "netns");
    },
    rtnl: undefined,
    words: (op, nsName) => ({ words: where(op.node, nsName), action: "put back" }),
    iface: () => undefined,
    names: (op) => ({ made: [nsKey(op.node)], gone: [] }),
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      notTheMachine(kernel, op);
      if (kernel.hasNs(op.node)) kernel.refuse(op, "namespace exists");
      kernel.addNs(op.node);
    },
  },
  "netns.del": {
    inverse: (op) => ({ kind: "netns.add", node: op.node }),
    lower: (op, ns) => globalStep("destroy", [ns(op.node)], ["netns", "del", ns(op.node)]),
    rtnl: undefined,
    words: (op, nsName) => ({ words: where(op.node, nsName), action: "remove" }),
    iface: () => undefined,
    names: (op) => ({ made: [], gone: [nsKey(op.node)] }),
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      notTheMachine(kernel, op);
      const ns = kernel.ns(op, op.node);
      // A process inside keeps the namespace alive after `ip netns del`: it must have been ended.
      if ((ns.processes ?? []).length > 0) kernel.refuse(op, `processes still run there: ${ns.processes?.join(", ")}`);
      // Its veth ends go, and with them their peers in other namespaces.
      for (const iface of ns.ifaces.values()) if (iface.peer) kernel.dropIface(...splitEnd(iface.peer));
      kernel.deleteNs(op.node);
    },
  },
};
