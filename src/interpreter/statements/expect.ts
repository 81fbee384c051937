// `expect ping A B` / `expect no ping A C`: an assertion about reachability; an unknown node
// is an error either way, never a passing `no ping`.
import type { ExpectStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import type { Query } from "../plan.js";
import type { World } from "../world.js";
import { pingQuery } from "./ping.js";

export function evaluateExpect(world: World, stmt: ExpectStmt): Result<Query> {
  const ping = pingQuery(world, stmt.check);
  if (!ping.ok) return ping;
  return ok({ kind: "expect-ping", negated: stmt.negated, ping: ping.value, span: stmt.span });
}
