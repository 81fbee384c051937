// `expect ping A B` / `expect no ping A C`: an assertion about reachability; an unknown node
// is an error either way, never a passing `no ping`.
import type { ExpectStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import type { Query } from "../plan.js";
import type { World } from "../world.js";
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
  return ok({
    kind: "expect-reach",
    negated: stmt.negated,
    protocol: check.protocol,
    from,
    target,
    ...(address === undefined ? {} : { address }),
    port: check.port,
    span: stmt.span,
  });
}
