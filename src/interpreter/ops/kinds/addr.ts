// An address on an interface (`ip addr add|del CIDR dev DEV`); a machine's own address put back carries
// its peer, broadcast and label as it had them (Origin.details).
import type { AddrDetail } from "../../world.js";
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep, prefixParts, type RtnlRequest } from "../step.js";

const isV6 = (cidr: string) => cidr.includes(":");

function request(ifname: string, cidr: string): RtnlRequest {
  const family = isV6(cidr) ? 6 : 4;
  const { address, prefix } = prefixParts(cidr, family);
  return {
    kind: "addr",
    dev: ifname,
    family,
    address,
    prefix,
    // As ip does: an IPv4 loopback address is the host's alone.
    scope: !isV6(cidr) && address.startsWith("127.") ? "host" : "universe",
    nodad: isV6(cidr),
  };
}

/** `peer P/LEN` (deleting needs it too: the kernel finds such an address by its peer), then `broadcast`, `label`. */
const detailWords = (d: AddrDetail | undefined, adding: boolean): string[] => [
  ...(d?.peer ? ["peer", d.peer] : []),
  ...(adding && d?.broadcast ? ["broadcast", d.broadcast] : []),
  ...(adding && d?.label ? ["label", d.label] : []),
];

const words = (op: { node: string; ifname: string; cidr: string }) => `address ${op.cidr} on ${op.node}:${op.ifname}`;

export const addrOps: OpGroup<"addr.add" | "addr.del"> = {
  "addr.add": {
    inverse: (op) => ({ ...op, kind: "addr.del" }),
    // IPv6 without duplicate address detection: the address is usable at once, not tentative.
    lower: (op, ns) =>
      // concat, not spreads: an array spread into makes room for more, and a big change keeps every line a while.
      nsStep(
        ns(op.node),
        ["addr", "add", op.cidr].concat(
          detailWords(op.detail, true),
          ["dev", op.ifname],
          isV6(op.cidr) ? ["nodad"] : [],
        ),
      ),
    // A detail is only ever on the machine's own addresses, whose namespace the helper never serves.
    rtnl: (op) => request(op.ifname, op.cidr),
    words: (op) => ({ words: words(op), action: "put back" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (iface.addresses.some((c) => kernel.addressOf(c) === kernel.addressOf(op.cidr)))
        kernel.refuse(op, "address exists");
      iface.addresses.push(op.cidr);
    },
  },
  "addr.del": {
    inverse: (op) => ({ ...op, kind: "addr.add" }),
    lower: (op, ns) =>
      nsStep(ns(op.node), ["addr", "del", op.cidr, ...detailWords(op.detail, false), "dev", op.ifname]),
    rtnl: undefined,
    words: (op) => ({ words: words(op), action: "remove" }),
    iface: (op) => `${op.node}:${op.ifname}`,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const iface = kernel.iface(op, op.node, op.ifname);
      if (!iface.addresses.includes(op.cidr)) kernel.refuse(op, "no such address");
      iface.addresses = iface.addresses.filter((c) => c !== op.cidr);
      // The last IPv4 address takes the IPv4 routes through the interface with it.
      const v4Left = iface.addresses.some((c) => kernel.family(kernel.addressOf(c)) === 4);
      if (kernel.family(kernel.addressOf(op.cidr)) === 4 && !v4Left)
        kernel.flushRoutes(kernel.ns(op, op.node), op.ifname, 4);
    },
  },
};
