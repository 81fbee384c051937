// `link A <-> B [prefix…]`: a veth pair with one end in each node, both up, with addresses.
import type { LinkEnd, LinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { freeIfname, requireLinkNodes, requireNewIfname } from "../checks.js";
import { addLink } from "../edit.js";
import { conditionBothEnds } from "../end-conditions.js";
import { type MachineFacts, UNREAD } from "../machine.js";
import type { Op } from "../ops/types.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { endWithAddresses } from "../summary.js";
import { isSwitch } from "../switches.js";
import type { LinkEndRef, Node, World } from "../world.js";
import { linkAddresses } from "./link-addresses.js";
import { hostEndRef, requireHostAddresses } from "./link-host.js";
import { numberJoined } from "./link-segments.js";
import { joinPorts, requirePortRoom, switchLinkAddresses } from "./link-switch.js";

function endRef(node: Node, end: LinkEnd): Result<LinkEndRef> {
  if (end.ifname === undefined) return ok({ node: node.name, ifname: freeIfname(node) });
  const ifname = requireNewIfname(node, end.ifname);
  return ifname.ok ? ok({ node: node.name, ifname: ifname.value }) : ifname;
}

export function evaluateLink(world: World, stmt: LinkStmt, machine: MachineFacts = UNREAD): Result<Change> {
  const nodes = requireLinkNodes(world, stmt.a, stmt.b);
  if (!nodes.ok) return nodes;
  const [aNode, bNode] = nodes.value;
  if (aNode.name === bNode.name)
    return problem(
      "self-link",
      `cannot link '${aNode.name}' to itself`,
      stmt.b.node.span,
      "a link joins two different nodes",
    );
  const room = requirePortRoom(stmt, nodes.value);
  if (!room.ok) return room;
  const a = aNode === world.host ? hostEndRef(world, machine, stmt.a) : endRef(aNode, stmt.a);
  if (!a.ok) return a;
  const b = bNode === world.host ? hostEndRef(world, machine, stmt.b) : endRef(bNode, stmt.b);
  if (!b.ok) return b;
  const toSwitch = switchLinkAddresses(world, stmt, nodes.value, [a.value, b.value]);
  const addresses = toSwitch ?? linkAddresses(world, stmt, [a.value, b.value], nodes.value);
  if (!addresses.ok) return addresses;
  const clear = requireHostAddresses(world, machine, stmt, [a.value, b.value], addresses.value);
  if (!clear.ok) return clear;

  const added = addLink(world, a.value, b.value, addresses.value.a, addresses.value.b, nodes.value);
  const toSwitches = isSwitch(aNode) || isSwitch(bNode);
  const ports = toSwitches ? joinPorts(added, [a.value, b.value]) : { world: added, ops: [] };
  // Ends written out, not spread: this runs for every link of a script (an end is just node and ifname).
  const ops: Op[] = [
    { kind: "veth.add", a: a.value, b: b.value },
    { kind: "link.set", node: a.value.node, ifname: a.value.ifname, up: true },
    { kind: "link.set", node: b.value.node, ifname: b.value.ifname, up: true },
    ...ports.ops,
  ];
  for (const [end, cidrs] of [
    [a.value, addresses.value.a],
    [b.value, addresses.value.b],
  ] as const)
    for (const cidr of cidrs) ops.push({ kind: "addr.add", node: end.node, ifname: end.ifname, cidr });
  // New ends are plain: with no conditions written there is nothing to check or set (most links).
  const conditioned =
    stmt.conditions.length === 0
      ? ok({ world: ports.world, ops: [], text: "" })
      : conditionBothEnds(ports.world, [a.value, b.value], stmt.conditions);
  if (!conditioned.ok) return conditioned;
  ops.push(...conditioned.value.ops);
  const link = isSwitch(aNode) && isSwitch(bNode) ? conditioned.value.world.links.get(world.nextLinkId) : undefined;
  const joined =
    link !== undefined
      ? numberJoined(conditioned.value.world, link, stmt)
      : ok({ world: conditioned.value.world, ops: [], summary: [] });
  if (!joined.ok) return joined;
  ops.push(...joined.value.ops);
  const ends = `${endWithAddresses(a.value, addresses.value.a)} <-> ${endWithAddresses(b.value, addresses.value.b)}`;
  const line = `+ link ${ends}${conditioned.value.text ? ` ${conditioned.value.text}` : ""}`;
  return ok({ before: world, after: joined.value.world, ops, summary: [line, ...joined.value.summary] });
}
