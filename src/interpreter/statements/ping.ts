// `ping A B [count N]` / `ping A 10.0.0.2`: a query; for a node, which of its addresses to ping.
// `host` may be either end: its addresses are those of the lab's host ends (the machine's own are not the lab's).
import type { PingStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { addressOf, familyOf, normalize, onSubnet } from "../addressing.js";
import { requireNodeOrHost } from "../checks.js";
import type { PingQuery } from "../plan.js";
import { problem } from "../problem.js";
import type { Node, World } from "../world.js";

/** Every address of a node's interfaces but lo, as CIDR texts, in interface order. */
function* ownAddresses(node: Node): Generator<string> {
  for (const iface of node.ifaces.values()) if (iface.name !== "lo") yield* iface.addresses;
}

/** Whether one of the node's routes (a default one included) covers the address. */
const routed = (node: Node, address: string): boolean =>
  node.routes.some(
    (r) => r.family === familyOf(address) && (r.destination === "default" || onSubnet(r.destination, address)),
  );

/**
 * The target's address on a subnet the source is on (IPv4 first, then IPv6), else one the source
 * has a route to (IPv4 first), else the target's first address; undefined when it has none (the
 * runtime reports that).
 */
export function pingAddress(from: Node, to: Node): string | undefined {
  const subnets = [...ownAddresses(from)];
  let first: string | undefined;
  let shared6: string | undefined;
  let routed4: string | undefined;
  let routed6: string | undefined;
  for (const cidr of ownAddresses(to)) {
    const address = addressOf(cidr);
    const v4 = familyOf(address) === 4;
    first ??= address;
    if (subnets.some((own) => onSubnet(own, address))) {
      if (v4) return address;
      shared6 ??= address;
    } else if (routed(from, address)) {
      if (v4) routed4 ??= address;
      else routed6 ??= address;
    }
  }
  return shared6 ?? routed4 ?? routed6 ?? first;
}

export function pingQuery(world: World, stmt: PingStmt): Result<PingQuery> {
  const from = requireNodeOrHost(world, stmt.from);
  if (!from.ok) return from;
  const count = stmt.count ?? 1;
  if (!Number.isInteger(count) || count < 1)
    return problem("bad-count", `count must be a whole number of at least 1, not ${count}`, stmt.span, "e.g. count 3");
  const base = { kind: "ping", from: from.value.name, count, span: stmt.span } as const;
  if (stmt.to.kind === "address") {
    const address = normalize(stmt.to.address.address);
    return ok({ ...base, target: address, address });
  }
  const to = requireNodeOrHost(world, stmt.to.name);
  if (!to.ok) return to;
  const address = pingAddress(from.value, to.value);
  return ok({ ...base, target: to.value.name, ...(address === undefined ? {} : { address }) });
}
