// A link with a switch at one end (or both): the switch's end becomes a port of its bridge and gets
// no address; the other end gets what is written on it, else the next free address of each prefix of
// the switch's segment (the switches linked to it give theirs too). Two switches: link-segments.ts.
import type { LinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { autoPair, networkOf } from "../addressing.js";
import type { Op } from "../ops/types.js";
import { problem } from "../problem.js";
import { BRIDGE, isSwitch, joinBridge } from "../switches.js";
import type { LinkEndRef, Node, World } from "../world.js";
import type { EndAddresses } from "./link-addresses.js";
import { numberEnd, requireJoin } from "./link-segments.js";

/** The addresses of a link to a switch; undefined when neither end is a switch. */
export function switchLinkAddresses(
  world: World,
  stmt: LinkStmt,
  nodes: readonly [Node, Node],
  ends: readonly [LinkEndRef, LinkEndRef],
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
        : `give the switch the prefix (switch ${sw.name} ${prefix.address}/${prefix.prefixLength}), or ${other.name} an address of it: link ${other.name} ${firstHost(prefix.address, prefix.prefixLength, prefix.family)} <-> ${sw.name}`,
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
  if (isSwitch(other)) {
    const joined = requireJoin(world, stmt, aNode, bNode);
    return joined.ok ? ok({ a: [], b: [] }) : joined;
  }
  // Written addresses were checked by linkAddresses; only numbering from the switch is new here.
  if (otherWritten.addresses.length > 0) return undefined;
  const otherEnd = sw === aNode ? ends[1] : ends[0];
  const numbered = numberEnd(world, stmt, sw.name, other, otherEnd.ifname, new Set());
  if (!numbered.ok) return numbered;
  return ok(sw === aNode ? { a: [], b: numbered.value } : { a: numbered.value, b: [] });
}

/** The first host address of a prefix, as an end's address: `10.0.1.0/24` → `10.0.1.1/24`. */
function firstHost(network: string, prefixLength: number, family: 4 | 6): string {
  return `${autoPair(networkOf(network, prefixLength), prefixLength, family)[0]}/${prefixLength}`;
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
