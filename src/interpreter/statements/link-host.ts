// A link with one end in the machine's own namespace (`link A <-> host 10.213.0.0/30`): netl
// names that end (lab-unique, host-names.ts), and refuses a host address that would overlap
// what the machine routes (host-overlap.ts) before anything changes.
import type { Cidr, LinkEnd, LinkStmt } from "../../../grammar/ast.js";
import type { Span } from "../../diagnostic.js";
import { ok, type Result } from "../../diagnostic.js";
import { addressOf, normalize, onSubnet } from "../addressing.js";
import { freeHostIfname } from "../host-names.js";
import { requireHostAddressFree } from "../host-overlap.js";
import type { MachineFacts } from "../machine.js";
import { problem } from "../problem.js";
import { HOST, type LinkEndRef, type World } from "../world.js";
import type { EndAddresses } from "./link-addresses.js";

/** The host end: always named by netl, so it can never take a name of the machine's. */
export function hostEndRef(world: World, facts: MachineFacts, end: LinkEnd): Result<LinkEndRef> {
  const ifname = freeHostIfname(world, facts);
  if (end.ifname !== undefined)
    return problem(
      "host-ifname",
      `netl names a link's host end itself (this one would be ${ifname})`,
      end.ifname.span,
      "write just 'host': its name is unique to this lab, so it never takes one of the machine's",
    );
  return ok({ node: HOST, ifname });
}

/** Where an address of the host end was written: its own CIDR, or the prefix it was numbered from. */
function spanOf(stmt: LinkStmt, written: LinkEnd, cidr: string): Span {
  const address = addressOf(cidr);
  const same = (c: Cidr) => normalize(c.address) === address;
  const from = (c: Cidr) => onSubnet(`${c.address}/${c.prefixLength}`, address);
  return (written.addresses.find(same) ?? stmt.prefixes.find(from) ?? written.node).span;
}

/** Every address the host end gets must keep clear of the machine's routes and addresses. */
export function requireHostAddresses(
  world: World,
  facts: MachineFacts,
  stmt: LinkStmt,
  ends: readonly [LinkEndRef, LinkEndRef],
  addresses: EndAddresses,
): Result<void> {
  for (const [end, written, cidrs] of [
    [ends[0], stmt.a, addresses.a],
    [ends[1], stmt.b, addresses.b],
  ] as const) {
    if (end.node !== HOST) continue;
    for (const cidr of cidrs) {
      const free = requireHostAddressFree(world, facts, cidr, spanOf(stmt, written, cidr));
      if (!free.ok) return free;
    }
  }
  return ok(undefined);
}
