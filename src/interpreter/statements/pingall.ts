// `pingall`: every node pings every other once (Mininet's pingall); switches have no address to ping.
import type { PingallStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import type { PingallQuery, PingQuery } from "../plan.js";
import type { World } from "../world.js";
import { pingAddress } from "./ping.js";

export function evaluatePingall(world: World, stmt: PingallStmt): Result<PingallQuery> {
  const nodes = [...world.nodes.values()].filter((n) => n.kind !== "switch");
  const pings: PingQuery[] = [];
  for (const from of nodes) {
    for (const to of nodes) {
      if (to === from) continue;
      const address = pingAddress(from, to);
      const base = { kind: "ping", from: from.name, target: to.name, count: 1, span: stmt.span } as const;
      pings.push(address === undefined ? base : { ...base, address });
    }
  }
  return ok({ kind: "pingall", nodes: nodes.map((n) => n.name), pings, span: stmt.span });
}
