// `unlink A <-> B` (or `A:eth1 <-> B` to pick one of several): remove a link, its addresses
// and the routes through it, with ops undo can replay backwards.
import type { EndRef, UnlinkStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireIface, requireLinkNodes } from "../checks.js";
import { linksBetween, linksOf, ownEnd } from "../links.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { endName, linkName } from "../summary.js";
import { takeLinkAway } from "../teardown.js";
import type { Link, World } from "../world.js";

const written = (end: EndRef): string => (end.ifname ? `${end.node.text}:${end.ifname.text}` : end.node.text);

const listed = (links: readonly Link[]): string => links.map(linkName).join(", ");

export function evaluateUnlink(world: World, stmt: UnlinkStmt): Result<Change> {
  const nodes = requireLinkNodes(world, stmt.a, stmt.b);
  if (!nodes.ok) return nodes;
  const [aNode, bNode] = nodes.value;
  for (const [node, end] of [
    [aNode, stmt.a],
    [bNode, stmt.b],
  ] as const) {
    if (end.ifname === undefined) continue;
    const iface = requireIface(node, end.ifname);
    if (!iface.ok) return iface;
  }

  const A = aNode.name;
  const B = bNode.name;
  const shared = linksBetween(world, aNode, B);
  if (shared.length === 0) {
    const mine = linksOf(world, aNode);
    const hint = mine.length === 0 ? `${A} has no links` : `${A}'s links: ${listed(mine)}`;
    return problem("no-link", `'${A}' and '${B}' share no link`, stmt.span, hint);
  }
  const matching = shared.filter(
    (link) =>
      (stmt.a.ifname === undefined || ownEnd(link, A).ifname === stmt.a.ifname.text) &&
      (stmt.b.ifname === undefined || ownEnd(link, B).ifname === stmt.b.ifname.text),
  );
  const [only] = matching;
  if (matching.length === 1 && only !== undefined) {
    const removed = takeLinkAway(world, only);
    return ok({ before: world, after: removed.world, ops: removed.ops, summary: removed.summary });
  }
  if (matching.length === 0)
    return problem(
      "no-link",
      `there is no link ${written(stmt.a)} <-> ${written(stmt.b)}`,
      stmt.span,
      `links between '${A}' and '${B}': ${listed(shared)}`,
    );
  const ends = matching.map((link) => endName(ownEnd(link, A)));
  const example = ends[ends.length - 1];
  return problem(
    "ambiguous-link",
    `'${A}' and '${B}' share ${matching.length} links (${ends.join(", ")}); name one, e.g. unlink ${example} <-> ${written(stmt.b)}`,
    stmt.span,
    `the links: ${listed(matching)}`,
  );
}
