// Firewall rules inside a node: what `block`, `allow` and `unblock` keep in the World, and how a
// rule reads in netl's words. Rules live in the node's own nftables table (ops/nft.ts writes it).

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
