// The inverse of each op: applying op then inverse(op) leaves the kernel as it was.
import type { Op } from "./types.js";

export function inverse(op: Op): Op {
  switch (op.kind) {
    case "netns.add":
      return { kind: "netns.del", node: op.node };
    case "netns.del":
      return { kind: "netns.add", node: op.node };
    case "veth.add":
      return { ...op, kind: "veth.del" };
    case "veth.del":
      return { ...op, kind: "veth.add" };
    case "link.set":
      return { ...op, up: !op.up };
    case "bridge.add":
      return { ...op, kind: "bridge.del" };
    case "bridge.del":
      return { ...op, kind: "bridge.add" };
    case "link.master":
      return { ...op, kind: "link.nomaster" };
    case "link.nomaster":
      return { ...op, kind: "link.master" };
    case "iface.move":
      return { ...op, from: op.to, to: op.from };
    case "link.mtu":
      return { ...op, mtu: op.previous, previous: op.mtu };
    case "qdisc.set": {
      const { conditions, previous, ...where } = op;
      return {
        ...where,
        ...(previous === undefined ? {} : { conditions: previous }),
        ...(conditions === undefined ? {} : { previous: conditions }),
      };
    }
    case "fw.set":
      return { ...op, rules: op.previous, previous: op.rules };
    case "proc.start":
      return { ...op, kind: "proc.stop" };
    case "proc.stop":
      return { ...op, kind: "proc.start" };
    case "addr.add":
      return { ...op, kind: "addr.del" };
    case "addr.del":
      return { ...op, kind: "addr.add" };
    case "route.add":
      return { ...op, kind: "route.del" };
    case "route.del":
      return { ...op, kind: "route.add" };
    case "sysctl.set":
      return { ...op, value: op.previous, previous: op.value };
  }
}

/** The ops that undo a whole list: inverses in reverse order. */
export function invertAll(ops: readonly Op[]): Op[] {
  return ops.map(inverse).reverse();
}
