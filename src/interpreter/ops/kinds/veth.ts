// A veth pair between two nodes (`host` for a host end): made in one line, deleted from one end.
import { HOST } from "../../world.js";
import { MACHINE_NS } from "../machine-ns.js";
import { ifKey, type OpGroup } from "../spec.js";
import { globalStep, globalStepInside, type NsName, nsStep, type Step } from "../step.js";
import type { End, Op } from "../types.js";

function add(a: End, b: End, ns: NsName): Step {
  // A host end is born in the machine's namespace: it is named first, with no `netns`.
  const [h, other] = b.node === HOST ? [b, a] : [a, b];
  if (h.node === HOST) {
    const peer = ns(other.node);
    return globalStep(
      "create",
      [MACHINE_NS, peer],
      ["link", "add", h.ifname, "type", "veth", "peer", "name", other.ifname, "netns", peer],
    );
  }
  const [nsA, nsB] = [ns(a.node), ns(b.node)];
  return globalStepInside(
    [nsA, nsB],
    ["link", "add", a.ifname, "netns", nsA, "type", "veth", "peer", "name", b.ifname, "netns", nsB],
    () => nsStep(nsA, ["link", "add", a.ifname, "type", "veth", "peer", "name", b.ifname, "netns", nsB], [nsA, nsB]),
  );
}

// Deleting one end removes its peer too: the line runs in a's namespace but touches b's.
// A host end is deleted from the machine's side, so no namespace deletion can leave it behind.
const del = (a: End, b: End, ns: NsName): Step =>
  b.node === HOST
    ? nsStep(MACHINE_NS, ["link", "del", b.ifname], [ns(a.node), MACHINE_NS])
    : nsStep(ns(a.node), ["link", "del", a.ifname], [ns(a.node), ns(b.node)]);

/**
 * The same veth deletion, run from the other end: batching deletes a pair from the end whose
 * namespace stays (runtime/stages.ts); another op is itself.
 */
export const fromPeer = (op: Op): Op => (op.kind === "veth.del" ? { ...op, a: op.b, b: op.a } : op);

const ends = (op: { a: End; b: End }) => [ifKey(op.a.node, op.a.ifname), ifKey(op.b.node, op.b.ifname)];

const words = (a: End, b: End) => `veth ${a.node}:${a.ifname} <-> ${b.node}:${b.ifname}`;

export const vethOps: OpGroup<"veth.add" | "veth.del"> = {
  "veth.add": {
    inverse: (op) => ({ ...op, kind: "veth.del" }),
    lower: (op, ns) => add(op.a, op.b, ns),
    rtnl: undefined,
    words: (op) => ({ words: words(op.a, op.b), action: "put back" }),
    iface: () => undefined,
    names: (op) => ({ made: ends(op), gone: [] }),
    nodes: (op) => [op.a.node, op.b.node],
    effect: (kernel, op) => {
      for (const end of [op.a, op.b])
        if (kernel.ns(op, end.node).ifaces.has(end.ifname)) kernel.refuse(op, "interface exists");
      const peer = (end: End) => `${end.node}:${end.ifname}`;
      kernel.ns(op, op.a.node).ifaces.set(op.a.ifname, { up: false, addresses: [], peer: peer(op.b) });
      kernel.ns(op, op.b.node).ifaces.set(op.b.ifname, { up: false, addresses: [], peer: peer(op.a) });
    },
  },
  "veth.del": {
    inverse: (op) => ({ ...op, kind: "veth.add" }),
    lower: (op, ns) => del(op.a, op.b, ns),
    rtnl: undefined,
    words: (op) => ({ words: words(op.a, op.b), action: "remove" }),
    iface: () => undefined,
    names: (op) => ({ made: [], gone: ends(op) }),
    nodes: (op) => [op.a.node, op.b.node],
    effect: (kernel, op) => {
      if (kernel.iface(op, op.a.node, op.a.ifname).peer !== `${op.b.node}:${op.b.ifname}`)
        kernel.refuse(op, "not that veth pair");
      kernel.dropIface(op.a.node, op.a.ifname);
      kernel.dropIface(op.b.node, op.b.ifname);
    },
  },
};
