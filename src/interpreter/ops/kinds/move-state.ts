// What a moved interface had on the machine that the kernel does not keep across namespaces, put back
// when it returns (and taken off, as the inverse, before it leaves): its own root qdisc (`tc qdisc
// replace dev IF root …`, as tc showed it) and its settings under /proc/sys/net/{ipv4,ipv6}/conf/IF,
// which the runtime writes itself (a `conf` line, runtime/conf-lines.ts).
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep, withCommand } from "../step.js";

const qdiscText = (words: readonly string[]) => words.join(" ");

/** `ipv4/rp_filter` of eth5 → `net/ipv4/conf/eth5/rp_filter`: sysctl's slash form, right for a name with a dot. */
export const confPath = (ifname: string, key: string): string => {
  const [family = "", setting = ""] = key.split("/");
  return `net/${family}/conf/${ifname}/${setting}`;
};

export const moveStateOps: OpGroup<"qdisc.restore" | "qdisc.remove" | "conf.set"> = {
  "qdisc.restore": {
    inverse: (op) => ({ ...op, kind: "qdisc.remove" }),
    lower: (op, ns) =>
      nsStep(ns(op.node), ["qdisc", "replace", "dev", op.ifname, "root", ...op.words], [ns(op.node)], "tc"),
    rtnl: undefined,
    words: (op) => ({ words: `qdisc ${qdiscText(op.words)} on ${op.node}:${op.ifname}`, action: "restore" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (iface.qdisc !== undefined) kernel.refuse(op, `qdisc is ${iface.qdisc} already`);
      iface.qdisc = qdiscText(op.words);
    },
  },
  "qdisc.remove": {
    inverse: (op) => ({ ...op, kind: "qdisc.restore" }),
    lower: (op, ns) => nsStep(ns(op.node), ["qdisc", "del", "dev", op.ifname, "root"], [ns(op.node)], "tc"),
    rtnl: undefined,
    words: (op) => ({ words: `qdisc ${qdiscText(op.words)} on ${op.node}:${op.ifname}`, action: "remove" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (iface.qdisc !== qdiscText(op.words)) kernel.refuse(op, `qdisc is ${iface.qdisc ?? "the default"}`);
      delete iface.qdisc;
    },
  },
  "conf.set": {
    inverse: (op) => ({ ...op, value: op.previous, previous: op.value }),
    lower: (op, ns) =>
      withCommand(nsStep(ns(op.node), [op.ifname, op.key, op.value], [ns(op.node)], "conf"), [
        "sysctl",
        "-qw",
        `${confPath(op.ifname, op.key)}=${op.value}`,
      ]),
    rtnl: undefined,
    words: (op) => ({ words: `${confPath(op.ifname, op.key)}=${op.value} on ${op.node}`, action: "restore" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      // An interface arriving anywhere has every setting fresh: the first one set there may replace any value.
      const now = iface.conf?.[op.key];
      if (now !== undefined && now !== op.previous) kernel.refuse(op, `${op.key} is ${now}, not ${op.previous}`);
      iface.conf = { ...iface.conf, [op.key]: op.value };
    },
  },
};
