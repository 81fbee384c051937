// An existing interface changes namespace (`ip link set DEV netns NS`; `host` is the machine's).
import { HOST } from "../../world.js";
import { splitEnd } from "../sim-kernel.js";
import { ifKey, type OpGroup } from "../spec.js";
import { nsStep } from "../step.js";

export const moveOps: OpGroup<"iface.move"> = {
  "iface.move": {
    inverse: (op) => ({ ...op, from: op.to, to: op.from }),
    lower: (op, ns) => {
      // Into the machine's namespace by pid 1's: the line runs inside the namespace it leaves.
      const target = op.to === HOST ? "1" : ns(op.to);
      return nsStep(ns(op.from), ["link", "set", op.ifname, "netns", target], [ns(op.from), ns(op.to)]);
    },
    rtnl: undefined,
    words: (op) => ({
      words: `interface ${op.ifname} in ${op.to === HOST ? "the machine" : op.to}`,
      action: "put back",
    }),
    iface: () => undefined,
    names: (op) => ({ made: [ifKey(op.to, op.ifname)], gone: [ifKey(op.from, op.ifname)] }),
    nodes: (op) => [op.from, op.to],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.from, op.ifname);
      if (kernel.ns(op, op.to).ifaces.has(op.ifname)) kernel.refuse(op, "interface exists where it goes");
      // It arrives down and bare; the routes through it stay behind and vanish.
      kernel.dropIface(op.from, op.ifname);
      kernel.ns(op, op.to).ifaces.set(op.ifname, {
        up: false,
        addresses: [],
        ...(iface.peer ? { peer: iface.peer } : {}),
      });
      // Its veth peer now names it where it went.
      const peer = iface.peer ? kernel.find(...splitEnd(iface.peer)) : undefined;
      if (peer) peer.peer = `${op.to}:${op.ifname}`;
    },
  },
};
