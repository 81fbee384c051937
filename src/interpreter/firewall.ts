// Firewall rules inside a node: what `block`, `allow` and `unblock` keep in the World, and how a
// rule reads in netl's words, and which rule drops a packet. Rules live in the node's own nftables
// table (ops/nft.ts writes it).
import { onSubnet } from "./addressing.js";

export interface Rule {
  readonly action: "allow" | "block";
  /** What was written after `->`: a node name, `any`, or an address or prefix. */
  readonly to: string;
  /** The destinations it matches, as CIDRs (a node's addresses when the rule was written); none: any. */
  readonly destinations: readonly string[];
  readonly protocol?: "tcp" | "udp";
  readonly port?: number;
}

/** `-> B tcp 8080`: what a rule matches, without its action. */
export function selectorText(rule: Pick<Rule, "to" | "protocol" | "port">): string {
  return ["->", rule.to, ...(rule.protocol ? [rule.protocol] : []), ...(rule.port ? [String(rule.port)] : [])].join(
    " ",
  );
}

/** `block A -> B tcp 8080`: the rule as a statement. */
export const ruleText = (node: string, rule: Rule): string => `${rule.action} ${node} ${selectorText(rule)}`;

export const sameSelector = (a: Pick<Rule, "to" | "protocol" | "port">, b: Pick<Rule, "to" | "protocol" | "port">) =>
  selectorText(a) === selectorText(b);

/** The order the kernel checks them: every allow before any block (an allow is an exception). */
export const inKernelOrder = (rules: readonly Rule[]): Rule[] => [
  ...rules.filter((r) => r.action === "allow"),
  ...rules.filter((r) => r.action === "block"),
];

/** What a packet a node starts is: ICMP (a ping), or TCP or UDP to a port. */
export interface Packet {
  readonly address: string;
  readonly protocol: "icmp" | "tcp" | "udp";
  readonly port?: number;
}

function matches(rule: Rule, p: Packet): boolean {
  const to = rule.destinations.length === 0 || rule.destinations.some((cidr) => onSubnet(cidr, p.address));
  if (!to) return false;
  if (rule.protocol === undefined) return true;
  return rule.protocol === p.protocol && (rule.port === undefined || rule.port === p.port);
}

/** The rule that drops a packet the node starts, as the kernel checks them (allows first); none: it goes out. */
export function blockingRule(rules: readonly Rule[] | undefined, p: Packet): Rule | undefined {
  const first = inKernelOrder(rules ?? []).find((r) => matches(r, p));
  return first?.action === "block" ? first : undefined;
}
