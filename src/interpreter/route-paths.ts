// Shortest paths by hop count (breadth-first, from each destination outwards), with the rule that
// a node passes packets on only if it is a router, or the destination is its own alone.
import type { Destination, Hop, RoutingGraph } from "./route-graph.js";

export interface Paths {
  /** Node → its first hop towards the destination; nodes on it, and nodes that cannot reach it, have none. */
  readonly next: ReadonlyMap<string, Hop>;
}

/** A node that would need another to forward for it, and that one does not. */
export interface Blocked {
  readonly node: string;
  readonly through: string;
}

/** Who can send to `to` in one hop, computed once per graph. */
export function incoming(graph: RoutingGraph): Map<string, { from: string; hop: Hop }[]> {
  const out = new Map<string, { from: string; hop: Hop }[]>();
  for (const [from, hops] of graph.hops) {
    for (const hop of hops) {
      const list = out.get(hop.to) ?? [];
      list.push({ from, hop });
      out.set(hop.to, list);
    }
  }
  return out;
}

function search(
  into: ReadonlyMap<string, readonly { from: string; hop: Hop }[]>,
  destination: Destination,
  forwards: (node: string) => boolean,
): Map<string, Hop> {
  const reached = new Set(destination.members);
  const next = new Map<string, Hop>();
  const queue = [...destination.members];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (!forwards(node)) continue;
    for (const { from, hop } of into.get(node) ?? []) {
      if (reached.has(from)) continue;
      reached.add(from);
      next.set(from, hop);
      queue.push(from);
    }
  }
  return next;
}

/**
 * Next hops towards one destination; `isRouter` says which nodes forward. A node that could reach it
 * only through one that does not forward is reported (the first such, in lab order, with that node).
 */
export function pathsTo(
  into: ReadonlyMap<string, readonly { from: string; hop: Hop }[]>,
  nodes: readonly string[],
  destination: Destination,
  isRouter: (node: string) => boolean,
): { paths: Paths; blocked?: Blocked } {
  const [only, other] = destination.members;
  const forwards = (node: string) => isRouter(node) || (only === node && other === undefined);
  const next = search(into, destination, forwards);
  const onIt = new Set(destination.members);
  const stranded = nodes.filter((n) => !onIt.has(n) && !next.has(n));
  if (stranded.length === 0) return { paths: { next } };
  const anyway = search(into, destination, () => true);
  for (const node of stranded) {
    for (let at = anyway.get(node); at !== undefined; at = anyway.get(at.to)) {
      if (!forwards(at.to)) return { paths: { next }, blocked: { node, through: at.to } };
    }
  }
  return { paths: { next } };
}
