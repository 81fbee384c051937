// `expect ping A B` / `expect no ping A C`: an assertion about reachability; an unknown node
// is an error either way, never a passing `no ping`. A tcp or udp check names the rule of A's own
// firewall that drops it, so a dropped SYN (silence) is still said to be blocked.
import type { ExpectStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { blockingRule, ruleText } from "../firewall.js";
import type { Query } from "../plan.js";
import { nodeOf, type World } from "../world.js";
import { pingQuery } from "./ping.js";

export function evaluateExpect(world: World, stmt: ExpectStmt): Result<Query> {
  const check = stmt.check;
  // The address to reach is the one ping would use; where it is tried from must be a lab node.
  const ping = pingQuery(world, { kind: "ping", from: check.from, to: check.to, span: check.span });
  if (!ping.ok) return ping;
  if (check.kind === "ping")
    return ok({
      kind: "expect-ping",
      negated: stmt.negated,
      ping: { ...ping.value, count: check.count ?? 1 },
      span: stmt.span,
    });
  const { from, target, address } = ping.value;
  const packet = address === undefined ? undefined : { address, protocol: check.protocol, port: check.port };
  const rule = packet === undefined ? undefined : blockingRule(nodeOf(world, from)?.firewall, packet);
  return ok({
    kind: "expect-reach",
    negated: stmt.negated,
    protocol: check.protocol,
    from,
    target,
    ...(address === undefined ? {} : { address }),
    port: check.port,
    ...(rule === undefined ? {} : { blockedBy: ruleText(from, rule) }),
    span: stmt.span,
  });
}
