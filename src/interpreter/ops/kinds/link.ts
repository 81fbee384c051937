// An interface's own state: up or down (`ip link set DEV up|down`) and its MTU.
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep } from "../step.js";

export const linkOps: OpGroup<"link.set" | "link.mtu"> = {
  "link.set": {
    inverse: (op) => ({ ...op, up: !op.up }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "set", op.ifname, op.up ? "up" : "down"]),
    rtnl: (op) => ({ kind: "link", dev: op.ifname, up: op.up }),
    words: (op) => ({ words: `${op.node}:${op.ifname} ${op.up ? "up" : "down"}`, action: "restore" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      // Not refused by a kernel, but an op that changes nothing would have a wrong inverse.
      if (iface.up === op.up) kernel.refuse(op, `already ${op.up ? "up" : "down"}`);
      iface.up = op.up;
      if (!op.up) {
        // Down: the routes through it go, and so do its IPv6 addresses.
        kernel.flushRoutes(kernel.ns(op, op.node), op.ifname);
        iface.addresses = iface.addresses.filter((c) => kernel.family(kernel.addressOf(c)) === 4);
      }
    },
  },
  "link.mtu": {
    inverse: (op) => ({ ...op, mtu: op.previous, previous: op.mtu }),
    lower: (op, ns) => nsStep(ns(op.node), ["link", "set", op.ifname, "mtu", String(op.mtu)]),
    rtnl: undefined,
    words: (op) => ({ words: `MTU ${op.mtu} on ${op.node}:${op.ifname}`, action: "restore" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      // A moved interface going home gets its own MTU back (moved.ts: previous = mtu), whatever the
      // simulation knew of it; any other op must name the MTU it replaces, which undo puts back.
      if (op.mtu === op.previous) return;
      if ((iface.mtu ?? 1500) !== op.previous) kernel.refuse(op, `mtu is ${iface.mtu ?? 1500}, not ${op.previous}`);
      if (op.mtu === 1500) delete iface.mtu;
      else iface.mtu = op.mtu;
    },
  },
};
