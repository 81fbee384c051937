// Walking a node's links: which links join it to a given peer, and which end is whose.
// Cost is the node's own interface count, never the lab's size.
import type { Link, LinkEndRef, Node, World } from "./world.js";

/** The end of `link` in `node` (links never join a node to itself). */
export const ownEnd = (link: Link, node: string): LinkEndRef => (link.a.node === node ? link.a : link.b);

export const peerEnd = (link: Link, node: string): LinkEndRef => (link.a.node === node ? link.b : link.a);

/** The node's links, in the order of its interfaces. */
export function linksOf(world: World, node: Node): Link[] {
  const out: Link[] = [];
  for (const iface of node.ifaces.values()) {
    const link = iface.link === undefined ? undefined : world.links.get(iface.link);
    if (link !== undefined) out.push(link);
  }
  return out;
}

export const linksBetween = (world: World, node: Node, peer: string): Link[] =>
  linksOf(world, node).filter((link) => peerEnd(link, node.name).node === peer);
