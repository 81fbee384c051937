// A link with a switch at one end (or both): the switch's end becomes a port of its bridge and gets
// no address; the other end gets what is written on it, else the next free address of each of the
// switch's prefixes.
import type { LinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { cidrText, prefixLengthOf } from "../addressing.js";
import { requireAddressFitsRoutes } from "../checks.js";
import type { Op } from "../ops/types.js";
import { problem } from "../problem.js";
import { BRIDGE, isSwitch, joinBridge, nextFreeAddress } from "../switches.js";
import type { LinkEndRef, Node, World } from "../world.js";
import type { EndAddresses } from "./link-addresses.js";

/** The addresses of a link to a switch; undefined when neither end is a switch. */
export function switchLinkAddresses(
  world: World,
  stmt: LinkStmt,
  nodes: readonly [Node, Node],
): Result<EndAddresses> | undefined {
  const [aNode, bNode] = nodes;
  if (!isSwitch(aNode) && !isSwitch(bNode)) return undefined;
  const sw = isSwitch(aNode) ? aNode : bNode;
  const other = sw === aNode ? bNode : aNode;
  const [prefix] = stmt.prefixes;
  if (prefix !== undefined)
    return problem(
      "switch-port-address",
      `a link to switch ${sw.name} takes no prefix: its ports have no addresses`,
      prefix.span,
      isSwitch(other)
        ? "two switches linked make one segment; number the nodes on it"
        : `give the switch the prefix (switch ${sw.name} ${prefix.address}/${prefix.prefixLength}), or ${other.name} its address: link ${other.name} ${prefix.address}/${prefix.prefixLength} <-> ${sw.name}`,
    );
  const swWritten = sw === aNode ? stmt.a : stmt.b;
  const [swAddress] = swWritten.addresses;
  if (swAddress !== undefined)
    return problem(
      "switch-port-address",
      `switch ${sw.name}'s port gets no address`,
      swAddress.span,
      `put the address on ${other.name}'s end`,
    );
  const otherWritten = sw === aNode ? stmt.b : stmt.a;
  // Written addresses were checked by linkAddresses; only numbering from the switch is new here.
  if (isSwitch(other) || otherWritten.addresses.length > 0) return undefined;
  const numbered: string[] = [];
  const taken = new Set<string>();
  for (const prefix of sw.prefixes ?? []) {
    const address = nextFreeAddress(world, prefix, taken);
    if (address === undefined)
      return problem(
        "prefix-full",
        `switch ${sw.name}'s prefix ${prefix} has no free address left for ${other.name}`,
        stmt.span,
        `give ${other.name} an address of another prefix: link ${other.name} ADDRESS/LEN <-> ${sw.name}`,
      );
    const cidr = cidrText(address, prefixLengthOf(prefix));
    const fits = requireAddressFitsRoutes(other, cidr, stmt.span);
    if (!fits.ok) return fits;
    taken.add(address);
    numbered.push(cidr);
  }
  return ok(sw === aNode ? { a: [], b: numbered } : { a: numbered, b: [] });
}

/** The switch ends of a new link join their bridge: the ops and the World. */
export function joinPorts(world: World, ends: readonly LinkEndRef[]): { world: World; ops: Op[] } {
  let next = world;
  const ops: Op[] = [];
  for (const end of ends) {
    if (!isSwitch(world.nodes.get(end.node))) continue;
    next = joinBridge(next, end);
    ops.push({ kind: "link.master", ...end, master: BRIDGE });
  }
  return { world: next, ops };
}
