// A switch's Linux bridge (`ip link add br0 type bridge`) and its ports (`ip link set DEV master br0`).
import { ifKey, NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep } from "../step.js";

export const bridgeOps: OpGroup<"bridge.add" | "bridge.del" | "link.master" | "link.nomaster"> = {
  "bridge.add": {
    inverse: (op) => ({ ...op, kind: "bridge.del" }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "add", op.ifname, "type", "bridge"]),
    rtnl: undefined,
    words: (op) => ({ words: `bridge ${op.node}:${op.ifname}`, action: "put back" }),
    iface: () => undefined,
    names: (op) => ({ made: [ifKey(op.node, op.ifname)], gone: [] }),
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      if (ns.ifaces.has(op.ifname)) kernel.refuse(op, "interface exists");
      ns.ifaces.set(op.ifname, { up: false, addresses: [], bridge: true });
    },
  },
  "bridge.del": {
    inverse: (op) => ({ ...op, kind: "bridge.add" }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "del", op.ifname]),
    rtnl: undefined,
    words: (op) => ({ words: `bridge ${op.node}:${op.ifname}`, action: "remove" }),
    iface: () => undefined,
    names: (op) => ({ made: [], gone: [ifKey(op.node, op.ifname)] }),
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      if (!kernel.iface(op, op.node, op.ifname).bridge) kernel.refuse(op, "not a bridge");
      // Its ports stay, no longer enslaved.
      for (const i of kernel.ns(op, op.node).ifaces.values()) if (i.master === op.ifname) delete i.master;
      kernel.dropIface(op.node, op.ifname);
    },
  },
  "link.master": {
    inverse: (op) => ({ ...op, kind: "link.nomaster" }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "set", op.ifname, "master", op.master]),
    rtnl: undefined,
    words: (op) => ({ words: `${op.node}:${op.ifname} as a port of bridge ${op.master}`, action: "put back" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (!kernel.iface(op, op.node, op.master).bridge) kernel.refuse(op, "master is not a bridge");
      if (iface.master !== undefined) kernel.refuse(op, `already a port of ${iface.master}`);
      iface.master = op.master;
    },
  },
  "link.nomaster": {
    inverse: (op) => ({ ...op, kind: "link.master" }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "set", op.ifname, "nomaster"]),
    rtnl: undefined,
    words: (op) => ({ words: `${op.node}:${op.ifname} as a port of bridge ${op.master}`, action: "remove" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      // Not refused by a kernel, but an op that changes nothing would have a wrong inverse.
      if (iface.master !== op.master) kernel.refuse(op, `not a port of ${op.master}`);
      delete iface.master;
    },
  },
};
