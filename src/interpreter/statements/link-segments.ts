// Two switches linked: their segments become one. Refused when they are one already (a second path
// between bridges is a loop that floods the segment: Linux bridges run no spanning tree here) and when
// the two would bring two prefixes of one family. Otherwise every node end on the joined segment that has
// no address yet gets one from each of its prefixes, as a node linked to it afterwards would.
import type { LinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { addressOf, cidrText, familyOf, prefixLengthOf } from "../addressing.js";
import { requireAddressFitsRoutes } from "../checks.js";
import { addAddress } from "../edit.js";
import type { Op } from "../ops/types.js";
import { problem } from "../problem.js";
import { segmentOfLink, segmentPrefixes, switchCluster } from "../segments.js";
import { nextFreeAddress } from "../switches.js";
import { requireOwnSubnet } from "../usable.js";
import { HOST, type Link, type Node, type World } from "../world.js";

const family = (prefix: string) => familyOf(addressOf(prefix));

/** Whether `a <-> b`, both switches, may join their segments. */
export function requireJoin(world: World, stmt: LinkStmt, a: Node, b: Node): Result<void> {
  const cluster = switchCluster(world, a.name);
  if (cluster.includes(b.name))
    return problem(
      "switch-loop",
      `${a.name} and ${b.name} are on one segment already (switches ${cluster.join(", ")}): a second path between them is a loop that floods it`,
      stmt.span,
      "a segment's switches form a tree: link a node to both instead, or unlink the other path first",
    );
  const mine = segmentPrefixes(world, a.name);
  const theirs = segmentPrefixes(world, b.name);
  for (const p of mine) {
    const clash = theirs.find((q) => family(q) === family(p) && q !== p);
    if (clash !== undefined)
      return problem(
        "segment-prefix",
        `${a.name}'s segment numbers from ${p} and ${b.name}'s from ${clash}: linked, they would be one segment with two IPv${family(p)} prefixes`,
        stmt.span,
        `a segment takes one prefix per family: give only one switch of it a prefix, or link a router between them`,
      );
  }
  return ok(undefined);
}

export interface Numbered {
  readonly world: World;
  readonly ops: readonly Op[];
  readonly summary: readonly string[];
}

/** After `link` joined two switches: the ends on the segment without an address get the segment's prefixes. */
export function numberJoined(world: World, link: Link, stmt: LinkStmt): Result<Numbered> {
  let next = world;
  const ops: Op[] = [];
  const summary: string[] = [];
  const taken = new Set<string>();
  // The machine's end is left alone: a link between two switches does not read the machine it would check against.
  for (const end of segmentOfLink(world, link)) {
    const node = world.nodes.get(end.node);
    const iface = node?.ifaces.get(end.ifname);
    if (node === undefined || iface === undefined || end.node === HOST) continue;
    if (!iface.up || iface.addresses.length > 0 || (iface.held?.addresses.length ?? 0) > 0) continue;
    const numbered = numberEnd(world, stmt, link.a.node, node, end.ifname, taken);
    if (!numbered.ok) return numbered;
    for (const cidr of numbered.value) {
      next = addAddress(next, end, cidr);
      ops.push({ kind: "addr.add", ...end, cidr });
      summary.push(`+ addr ${end.node}:${end.ifname} ${cidr}`);
    }
  }
  return ok({ world: next, ops, summary });
}

/**
 * An end's addresses from the prefixes of `sw`'s segment: the next free one of each. `taken` holds
 * those given out earlier in the same statement (and gets these).
 */
export function numberEnd(
  world: World,
  stmt: { readonly span: LinkStmt["span"] },
  sw: string,
  node: Node,
  ifname: string,
  taken: Set<string>,
): Result<string[]> {
  const numbered: string[] = [];
  for (const prefix of segmentPrefixes(world, sw)) {
    const address = nextFreeAddress(world, prefix, taken);
    if (address === undefined)
      return problem(
        "prefix-full",
        `the prefix ${prefix} of ${sw}'s segment has no free address left for ${node.name}`,
        stmt.span,
        `give ${node.name} an address of another prefix: link ${node.name} ADDRESS/LEN <-> ${sw}`,
      );
    const cidr = cidrText(address, prefixLengthOf(prefix));
    const fits = requireAddressFitsRoutes(node, cidr, stmt.span);
    if (!fits.ok) return fits;
    const apart = requireOwnSubnet(node, ifname, cidr, stmt.span);
    if (!apart.ok) return apart;
    taken.add(address);
    numbered.push(cidr);
  }
  return ok(numbered);
}
