// A node's firewall as one nftables transaction (`nft -f`): the lab's own table, named for the node's
// namespace (`inet netl_LAB-A`: unique to the lab, never a table someone else made), one output chain,
// rebuilt whole from the rules; no rules left deletes the table. The first rule makes the table with
// `create`, which the kernel refuses when a table of that name is there already: netl never flushes or
// deletes a table it did not make. The machine's ruleset and any other table are never named.
import { inKernelOrder, type Rule } from "../firewall.js";

/** nft's longest table name (NFT_TABLE_MAXNAMELEN less its NUL). */
const MAX_NAME = 255;

/** FNV-1a, eight hex digits: a long name cut short stays the namespace's own. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** `inet netl_LAB-A`: the table netl keeps in the namespace `ns` (its kernel name). */
export function nftTable(ns: string): string {
  const name = `netl_${ns}`;
  return `inet ${name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 9)}_${fnv(ns)}`}`;
}

/**
 * The commands, `;`-separated, that make the node's table `table` hold exactly `rules`; `creating`:
 * it has none yet (the table is made, and refused if one of its name is there).
 */
export function nftScript(table: string, rules: readonly Rule[], creating: boolean): string {
  if (rules.length === 0) return `delete table ${table}`;
  return [
    `${creating ? "create" : "add"} table ${table}`,
    `add chain ${table} output { type filter hook output priority 0 ; policy accept ; }`,
    `flush chain ${table} output`,
    // Replies to what others started stay allowed: a rule is about what the node itself starts.
    `add rule ${table} output ct state established,related accept`,
    // Neighbour discovery is IPv6's ARP (which this table never sees): blocking it would cut the link both ways.
    `add rule ${table} output icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept`,
    ...inKernelOrder(rules).flatMap((r) => ruleCommands(table, r)),
  ].join(" ; ");
}

/** A firewall as the kernel oracle (simulate.ts, kernel-view.ts) keeps it: its rules, whatever its table's name. */
export const firewallText = (rules: readonly Rule[]): string => nftScript("inet netl", rules, false);

function ruleCommands(table: string, rule: Rule): string[] {
  const verdict = rule.action === "allow" ? "accept" : "drop";
  const l4 =
    rule.protocol === undefined
      ? []
      : rule.port === undefined
        ? [`meta l4proto ${rule.protocol}`]
        : [`${rule.protocol} dport ${rule.port}`];
  const rule1 = (match: string[]) => [`add rule ${table} output`, ...match, ...l4, verdict].join(" ");
  if (rule.destinations.length === 0) return [rule1([])];
  const v4 = rule.destinations.filter((d) => !d.includes(":"));
  const v6 = rule.destinations.filter((d) => d.includes(":"));
  return [
    ...(v4.length > 0 ? [rule1([`ip daddr { ${v4.join(", ")} }`])] : []),
    ...(v6.length > 0 ? [rule1([`ip6 daddr { ${v6.join(", ")} }`])] : []),
  ];
}
