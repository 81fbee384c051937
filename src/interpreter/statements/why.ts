// `why A B` / `why A ADDR`: the ping to explain (the same address `ping` would use); the runtime
// walks the path hop by hop in the kernel and says what stops it.
import type { WhyStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import type { WhyQuery } from "../plan.js";
import { problem } from "../problem.js";
import { HOST, type World } from "../world.js";
import { pingQuery } from "./ping.js";

export function evaluateWhy(world: World, stmt: WhyStmt): Result<WhyQuery> {
  if (stmt.from.text === HOST)
    return problem(
      "not-supported",
      "why follows a ping from a node of the lab, not from the machine",
      stmt.from.span,
      "ask the other way round, or from a node linked to host",
    );
  const ping = pingQuery(world, { kind: "ping", from: stmt.from, to: stmt.to, span: stmt.span });
  if (!ping.ok) return ping;
  return ok({ kind: "why", ping: ping.value, world, span: stmt.span });
}
