// A node's firewall as one nftables transaction (`nft -f`): netl's own table `inet netl`, one output
// chain, rebuilt whole from the rules; no rules left deletes the table. The machine's ruleset and any
// other table are never named.
import { inKernelOrder, type Rule } from "../firewall.js";

export const NFT_TABLE = "inet netl";

/** The commands, `;`-separated, that make the node's table hold exactly `rules`. */
export function nftScript(rules: readonly Rule[]): string {
  if (rules.length === 0) return `delete table ${NFT_TABLE}`;
  return [
    `add table ${NFT_TABLE}`,
    `add chain ${NFT_TABLE} output { type filter hook output priority 0 ; policy accept ; }`,
    `flush chain ${NFT_TABLE} output`,
    // Replies to what others started stay allowed: a rule is about what the node itself starts.
    `add rule ${NFT_TABLE} output ct state established,related accept`,
    // Neighbour discovery is IPv6's ARP (which this table never sees): blocking it would cut the link both ways.
    `add rule ${NFT_TABLE} output icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept`,
    ...inKernelOrder(rules).flatMap(ruleCommands),
  ].join(" ; ");
}

function ruleCommands(rule: Rule): string[] {
  const verdict = rule.action === "allow" ? "accept" : "drop";
  const l4 =
    rule.protocol === undefined
      ? []
      : rule.port === undefined
        ? [`meta l4proto ${rule.protocol}`]
        : [`${rule.protocol} dport ${rule.port}`];
  const rule1 = (match: string[]) => [`add rule ${NFT_TABLE} output`, ...match, ...l4, verdict].join(" ");
  if (rule.destinations.length === 0) return [rule1([])];
  const v4 = rule.destinations.filter((d) => !d.includes(":"));
  const v6 = rule.destinations.filter((d) => d.includes(":"));
  return [
    ...(v4.length > 0 ? [rule1([`ip daddr { ${v4.join(", ")} }`])] : []),
    ...(v6.length > 0 ? [rule1([`ip6 daddr { ${v6.join(", ")} }`])] : []),
  ];
}
