// A node's firewall: the lab's own nftables table, rebuilt whole in one transaction (`nft -f`).
import type { Rule } from "../../firewall.js";
import { firewallText, nftScript, nftTable } from "../nft.js";
import { NO_NAMES, type OpGroup } from "../spec.js";
import { nsStep, withCommand } from "../step.js";

/** The table as the script that makes it; none without rules. */
const table = (rules: readonly Rule[]) => (rules.length === 0 ? undefined : firewallText(rules));

export const fwOps: OpGroup<"fw.set"> = {
  "fw.set": {
    inverse: (op) => ({ ...op, rules: op.previous, previous: op.rules }),
    lower: (op, ns) => {
      const script = nftScript(nftTable(ns(op.node)), op.rules, op.previous.length === 0);
      return withCommand(nsStep(ns(op.node), [script], [ns(op.node)], "nft"), [
        "ip",
        "netns",
        "exec",
        ns(op.node),
        "nft",
        script,
      ]);
    },
    rtnl: undefined,
    words: (op) => ({ words: op.kind, action: "restore" }),
    iface: () => undefined,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      if (ns.firewall !== table(op.previous))
        kernel.refuse(op, `firewall is ${ns.firewall}, not ${table(op.previous)}`);
      const next = table(op.rules);
      if (next === undefined) delete ns.firewall;
      else ns.firewall = next;
    },
  },
};
