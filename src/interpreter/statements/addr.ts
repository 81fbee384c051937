// `addr A:eth0 10.0.5.1/24`: one more address on an existing interface (lo included); `addr host:IF …`
// on a host end of the lab, kept clear of what the machine routes like the link's own addresses.
import type { AddrStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { cidrText, normalize } from "../addressing.js";
import {
  interfaceList,
  requireAddressFitsRoutes,
  requireFreeAddress,
  requireIface,
  requireNodeOrHost,
} from "../checks.js";
import { addAddress } from "../edit.js";
import { requireHostAddressFree } from "../host-overlap.js";
import { type MachineFacts, UNREAD } from "../machine.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { requireOwnSubnet, requireUsableAddress } from "../usable.js";
import { HOST, type World } from "../world.js";

export function evaluateAddr(world: World, stmt: AddrStmt, machine: MachineFacts = UNREAD): Result<Change> {
  const node = requireNodeOrHost(world, stmt.target.node);
  if (!node.ok) return node;
  const n = node.value;
  if (n.kind === "switch")
    return problem(
      "switch-address",
      `switch ${n.name} has no addresses: it only joins its links`,
      stmt.target.span,
      `put the address on a node linked to ${n.name}`,
    );
  if (stmt.target.ifname === undefined) {
    const example = [...n.ifaces.keys()].find((name) => name !== "lo") ?? (n.name === HOST ? "IF" : "lo");
    return problem(
      "missing-interface",
      `which interface of ${n.name}? write ${n.name}:${example}`,
      stmt.target.span,
      `${n.name}'s interfaces: ${interfaceList(n)}`,
    );
  }
  const iface = requireIface(n, stmt.target.ifname);
  if (!iface.ok) return iface;
  const free = requireFreeAddress(
    world,
    new Map(),
    normalize(stmt.cidr.address),
    stmt.cidr.span,
    "pick another address",
  );
  if (!free.ok) return free;
  const end = { node: n.name, ifname: iface.value.name };
  const cidr = cidrText(stmt.cidr.address, stmt.cidr.prefixLength);
  const usable = requireUsableAddress(cidr, stmt.cidr.span);
  if (!usable.ok) return usable;
  const fits = requireAddressFitsRoutes(n, cidr, stmt.cidr.span);
  if (!fits.ok) return fits;
  const apart =
    n.name === HOST
      ? requireHostAddressFree(world, machine, cidr, stmt.cidr.span)
      : requireOwnSubnet(n, end.ifname, cidr, stmt.cidr.span);
  if (!apart.ok) return apart;
  return ok({
    before: world,
    after: addAddress(world, end, cidr),
    ops: [{ kind: "addr.add", ...end, cidr }],
    summary: [`+ addr ${end.node}:${end.ifname} ${cidr}`],
  });
}
