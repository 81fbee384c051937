// `why A B` / `why A ADDR` / `why host A`: the ping to explain (the same address `ping` would use); the
// runtime walks the path hop by hop in the kernel (interpreter/why/walk.ts) and says what stops it.
import type { WhyStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import type { WhyQuery } from "../plan.js";
import type { World } from "../world.js";
import { pingQuery } from "./ping.js";

export function evaluateWhy(world: World, stmt: WhyStmt): Result<WhyQuery> {
  const ping = pingQuery(world, { kind: "ping", from: stmt.from, to: stmt.to, span: stmt.span });
  if (!ping.ok) return ping;
  return ok({ kind: "why", ping: ping.value, world, span: stmt.span });
}
