// Which link `A <-> B` (or `A:eth1 <-> B`) names, for the statements that act on one: unlink, set.
import type { EndRef } from "../../grammar/ast.js";
import type { Span } from "../diagnostic.js";
import { ok, type Result } from "../diagnostic.js";
import { requireIface, requireLinkNodes } from "./checks.js";
import { linksBetween, linksOf, ownEnd } from "./links.js";
import { problem } from "./problem.js";
import { endName, linkName } from "./summary.js";
import type { Link, World } from "./world.js";

const written = (end: EndRef): string => (end.ifname ? `${end.node.text}:${end.ifname.text}` : end.node.text);

const listed = (links: readonly Link[]): string => links.map(linkName).join(", ");

/** The one link between the two ends as written; `verb` and `arrow` shape the example when several match. */
export function pickLink(world: World, a: EndRef, b: EndRef, span: Span, verb: string, arrow = "<->"): Result<Link> {
  const nodes = requireLinkNodes(world, a, b);
  if (!nodes.ok) return nodes;
  const [aNode, bNode] = nodes.value;
  for (const [node, end] of [
    [aNode, a],
    [bNode, b],
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
    return problem("no-link", `'${A}' and '${B}' share no link`, span, hint);
  }
  const matching = shared.filter(
    (link) =>
      (a.ifname === undefined || ownEnd(link, A).ifname === a.ifname.text) &&
      (b.ifname === undefined || ownEnd(link, B).ifname === b.ifname.text),
  );
  const [only] = matching;
  if (matching.length === 1 && only !== undefined) return ok(only);
  if (matching.length === 0)
    return problem(
      "no-link",
      `there is no link ${written(a)} ${arrow} ${written(b)}`,
      span,
      `links between '${A}' and '${B}': ${listed(shared)}`,
    );
  const ends = matching.map((link) => endName(ownEnd(link, A)));
  const example = ends[ends.length - 1];
  return problem(
    "ambiguous-link",
    `'${A}' and '${B}' share ${matching.length} links (${ends.join(", ")}); name one, e.g. ${verb} ${example} ${arrow} ${written(b)}`,
    span,
    `the links: ${listed(matching)}`,
  );
}
