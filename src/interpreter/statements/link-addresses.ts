// The addresses of a new link's two ends: those written on each end, then for each prefix
// written after the link (auto-addressing) the first host address for A and the second for B.
import type { Cidr, LinkEnd, LinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { autoPair, cidrText, hasRoomForTwo, isNetwork, neighbour, networkOf, normalize } from "../addressing.js";
import { requireAddressFitsRoutes, requireFreeAddress } from "../checks.js";
import { problem } from "../problem.js";
import { requireOwnSubnet, requireUsableAddress, requireUsablePrefix } from "../usable.js";
import type { LinkEndRef, Node, World } from "../world.js";

export interface EndAddresses {
  /** CIDR texts, in the order written. */
  readonly a: readonly string[];
  readonly b: readonly string[];
}

/** How an end was written, for hints: `A` or `A:eth3`. */
const written = (end: LinkEnd): string => (end.ifname ? `${end.node.text}:${end.ifname.text}` : end.node.text);

const text = (c: Cidr): string => `${c.address}/${c.prefixLength}`;

/** A prefix usable for auto-addressing: room for two ends, no host bits. */
function checkPrefix(stmt: LinkStmt, p: Cidr): Result<string> {
  if (!hasRoomForTwo(p.prefixLength, p.family))
    return problem(
      "prefix-too-small",
      `${text(p)} is too small for a link: it needs room for two addresses`,
      p.span,
      p.family === 4 ? "use a /31 or a wider prefix" : "use a /127 or a wider prefix",
    );
  const network = networkOf(p.address, p.prefixLength);
  const usable = requireUsablePrefix(`${network}/${p.prefixLength}`, p.span);
  if (!usable.ok) return usable;
  if (!isNetwork(p.address, p.prefixLength)) {
    const other = `${neighbour(p.address, p.prefixLength, p.family)}/${p.prefixLength}`;
    // A broadcast address is no end's: then only the network is worth suggesting.
    const ends = requireUsableAddress(text(p), p.span).ok
      ? `, or give each end its address: link ${written(stmt.a)} ${text(p)} <-> ${written(stmt.b)} ${other}`
      : "";
    return problem(
      "not-a-network",
      `${text(p)} is an address, not a network`,
      p.span,
      `write ${network}/${p.prefixLength}${ends}`,
    );
  }
  return ok(network);
}

/** `nodes`: the two ends' nodes (World.host for the machine's end, whose addresses host-overlap.ts checks). */
export function linkAddresses(
  world: World,
  stmt: LinkStmt,
  [aEnd, bEnd]: readonly [LinkEndRef, LinkEndRef],
  nodes: readonly [Node, Node],
): Result<EndAddresses> {
  // Addresses claimed earlier in this statement, so `A 10.0.0.1/24 <-> B 10.0.0.1/24` is caught too.
  const pending = new Map<string, LinkEndRef>();
  const a: string[] = [];
  const b: string[] = [];
  const claim = (address: string, prefixLength: number, end: LinkEndRef, c: Cidr, hint: string): Result<void> => {
    const free = requireFreeAddress(world, pending, normalize(address), c.span, hint);
    if (!free.ok) return free;
    const cidr = cidrText(address, prefixLength);
    const usable = requireUsableAddress(cidr, c.span);
    if (!usable.ok) return usable;
    // The host end's subnet is checked against the machine and the lab's other host ends (host-overlap.ts).
    const endNode = end === aEnd ? nodes[0] : nodes[1];
    const node = endNode === world.host ? undefined : endNode;
    const fits = node === undefined ? ok(undefined) : requireAddressFitsRoutes(node, cidr, c.span);
    if (!fits.ok) return fits;
    const apart = node === undefined ? ok(undefined) : requireOwnSubnet(node, end.ifname, cidr, c.span);
    if (!apart.ok) return apart;
    pending.set(free.value, end);
    (end === aEnd ? a : b).push(cidr);
    return ok(undefined);
  };
  for (const [end, cidrs] of [
    [aEnd, stmt.a.addresses],
    [bEnd, stmt.b.addresses],
  ] as const) {
    for (const c of cidrs) {
      const claimed = claim(c.address, c.prefixLength, end, c, "pick another address");
      if (!claimed.ok) return claimed;
    }
  }
  for (const p of stmt.prefixes) {
    const network = checkPrefix(stmt, p);
    if (!network.ok) return network;
    const [first, second] = autoPair(network.value, p.prefixLength, p.family);
    for (const [address, end] of [
      [first, aEnd],
      [second, bEnd],
    ] as const) {
      const claimed = claim(address, p.prefixLength, end, p, "pick another prefix, or give each end its address");
      if (!claimed.ok) return claimed;
    }
  }
  return ok({ a, b });
}
