// `block A -> B [tcp|udp [PORT]]`, `allow …`, `unblock …`: a rule in A's own nftables table, one
// transaction per statement, undone by putting back the rules that were there.
import type { FirewallStmt, Name } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { normalize } from "../addressing.js";
import { requireNode } from "../checks.js";
import { updateNode } from "../edit.js";
import { type Rule, ruleText, sameSelector, selectorText } from "../firewall.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { HOST, type Node, type World } from "../world.js";

const machineRefused = <T>(name: Name): Result<T> =>
  problem(
    "host-firewall",
    "the machine's own firewall is not netl's: block and allow work inside lab nodes",
    name.span,
    "name a node of the lab, or any",
  );

/** A node's addresses as single-host CIDRs (lo's included: they are the node's too). */
function hostCidrs(node: Node): string[] {
  return [...node.ifaces.values()].flatMap((i) =>
    [...i.addresses, ...(i.held?.addresses ?? [])].map((c) => {
      const address = normalize(c.slice(0, c.indexOf("/")));
      return `${address}/${address.includes(":") ? 128 : 32}`;
    }),
  );
}

function target(world: World, stmt: FirewallStmt): Result<Pick<Rule, "to" | "destinations">> {
  const to = stmt.to;
  if (to.kind === "any") return ok({ to: "any", destinations: [] });
  if (to.kind === "address") {
    const cidr = `${to.address.address}/${to.address.prefixLength}`;
    return ok({ to: cidr, destinations: [cidr] });
  }
  if (to.name.text === HOST) return machineRefused(to.name);
  const node = requireNode(world, to.name);
  if (!node.ok) return node;
  const destinations = hostCidrs(node.value).filter((c) => !c.startsWith("127.") && c !== "::1/128");
  if (destinations.length === 0)
    return problem(
      "no-address",
      `${node.value.name} has no address to ${stmt.kind}`,
      to.name.span,
      `give it one first (link … with a prefix, or addr ${node.value.name}:eth0 …)`,
    );
  return ok({ to: node.value.name, destinations });
}

export function evaluateFirewall(world: World, stmt: FirewallStmt): Result<Change> {
  if (stmt.from.text === HOST) return machineRefused(stmt.from);
  const from = requireNode(world, stmt.from);
  if (!from.ok) return from;
  const node = from.value;
  const dest = target(world, stmt);
  if (!dest.ok) return dest;
  const selector = {
    ...dest.value,
    ...(stmt.protocol ? { protocol: stmt.protocol } : {}),
    ...(stmt.port === undefined ? {} : { port: stmt.port }),
  };
  const current = node.firewall ?? [];
  const existing = current.find((r) => sameSelector(r, selector));
  let rules: Rule[];
  let line: string;
  if (stmt.kind === "unblock") {
    if (existing === undefined)
      return problem(
        "no-rule",
        `${node.name} has no rule ${selectorText(selector)}`,
        stmt.span,
        current.length === 0
          ? `${node.name} has no rules`
          : `its rules: ${current.map((r) => ruleText(node.name, r)).join("; ")}`,
      );
    rules = current.filter((r) => r !== existing);
    line = `- ${ruleText(node.name, existing)}`;
  } else {
    if (existing !== undefined)
      return problem(
        "rule-exists",
        `${node.name} already has ${ruleText(node.name, existing)}`,
        stmt.span,
        `unblock ${node.name} ${selectorText(existing)} first, or undo it`,
      );
    const rule: Rule = { action: stmt.kind, ...selector };
    rules = [...current, rule];
    line = `+ ${ruleText(node.name, rule)}`;
  }
  const after = updateNode(world, node.name, (n) => {
    const { firewall: _, ...rest } = n;
    return rules.length > 0 ? { ...rest, firewall: rules } : rest;
  });
  return ok({
    before: world,
    after,
    ops: [{ kind: "fw.set", node: node.name, rules, previous: current }],
    summary: [line],
  });
}
