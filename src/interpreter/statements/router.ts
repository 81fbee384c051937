// `router R`: a namespace like `ns`, with IPv4 and IPv6 forwarding turned on. Naming a plain `ns`
// node that exists turns its forwarding on instead (what `route auto` and `why` suggest).
import type { Name, RouterStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { updateNode } from "../edit.js";
import { FORWARDING_SYSCTLS, FRESH_NAMESPACE_VALUE, forwardingValue } from "../forwarding.js";
import type { Op } from "../ops/types.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import type { World } from "../world.js";
import { createNodes } from "./ns.js";

/** An `ns` node becomes a router: the sysctls a router's creation sets, set now. */
function promote(world: World, name: Name): Result<Change> {
  const ops: Op[] = FORWARDING_SYSCTLS.map((key) => ({
    kind: "sysctl.set",
    node: name.text,
    key,
    value: forwardingValue("router"),
    previous: FRESH_NAMESPACE_VALUE,
  }));
  const after = updateNode(world, name.text, (n) => ({ ...n, kind: "router" }));
  return ok({ before: world, after, ops, summary: [`+ router ${name.text}: forwarding on`] });
}

export function evaluateRouter(world: World, stmt: RouterStmt): Result<Change> {
  const existing = stmt.names.filter((n) => world.nodes.get(n.text)?.kind === "ns");
  const fresh = stmt.names.filter((n) => !existing.includes(n));
  for (const name of existing)
    if (existing.filter((n) => n.text === name.text).length > 1)
      return problem("node-exists", `'${name.text}' is named twice`, name.span, "name each router once");
  let after = world;
  const ops: Op[] = [];
  const summary: string[] = [];
  for (const name of existing) {
    const promoted = promote(after, name);
    if (!promoted.ok) return promoted;
    after = promoted.value.after;
    ops.push(...promoted.value.ops);
    summary.push(...promoted.value.summary);
  }
  if (fresh.length > 0) {
    const created = createNodes(after, fresh, "router");
    if (!created.ok) return created;
    after = created.value.after;
    ops.push(...created.value.ops);
    summary.push(...created.value.summary);
  }
  return ok({ before: world, after, ops, summary });
}
