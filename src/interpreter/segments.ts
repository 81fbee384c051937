// Layer-2 segments: a link is one segment, except that switches joined by links make one segment of
// all the ends around them. The ends listed are never a switch's (its ports have no addresses).
import { linksOf, ownEnd, peerEnd } from "./links.js";
import type { Link, LinkEndRef, Node, World } from "./world.js";

const isSwitchEnd = (world: World, end: LinkEndRef): boolean => world.nodes.get(end.node)?.kind === "switch";

/** Both ends of a link up: frames cross it. */
const carries = (world: World, link: Link): boolean =>
  [link.a, link.b].every((end) => world.nodes.get(end.node)?.ifaces.get(end.ifname)?.up !== false);

/**
 * The switches reached from `start` through switch-to-switch links, `start` first: one segment's
 * switches. `live`: only across links whose ends are up (what frames cross now, not what was linked).
 */
export function switchCluster(world: World, start: string, live = false): string[] {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = world.nodes.get(queue[i] as string);
    if (node === undefined) continue;
    for (const link of linksOf(world, node)) {
      const far = peerEnd(link, node.name).node;
      if (seen.has(far) || world.nodes.get(far)?.kind !== "switch" || (live && !carries(world, link))) continue;
      seen.add(far);
      queue.push(far);
    }
  }
  return queue;
}

/** The ends of the switch-to-switch links between two switches of one segment (a tree: one way), in order. */
export function switchPath(world: World, from: string, to: string): LinkEndRef[] {
  const via = new Map<string, Link>();
  const queue = [from];
  for (let i = 0; i < queue.length && !via.has(to); i++) {
    const node = world.nodes.get(queue[i] as string);
    for (const link of node === undefined ? [] : linksOf(world, node)) {
      const far = peerEnd(link, node?.name ?? "").node;
      if (far === from || via.has(far) || world.nodes.get(far)?.kind !== "switch") continue;
      via.set(far, link);
      queue.push(far);
    }
  }
  const out: LinkEndRef[] = [];
  for (let at = to, link = via.get(to); link !== undefined; link = via.get(at)) {
    out.unshift(peerEnd(link, at), ownEnd(link, at));
    at = peerEnd(link, at).node;
  }
  return out;
}

/** The prefixes of a switch's segment: those of every switch on it (one per family; link-segments.ts refuses more). */
export function segmentPrefixes(world: World, sw: string): string[] {
  const out: string[] = [];
  for (const name of switchCluster(world, sw))
    for (const prefix of world.nodes.get(name)?.prefixes ?? []) if (!out.includes(prefix)) out.push(prefix);
  return out;
}

/** The non-switch ends on the segment of one link, in a stable order. Cost: the segment's size. */
export function segmentOfLink(world: World, link: Link, live = false): LinkEndRef[] {
  const sw = isSwitchEnd(world, link.a) ? link.a : isSwitchEnd(world, link.b) ? link.b : undefined;
  return sw === undefined ? [link.a, link.b] : switchSegment(world, sw.node, live);
}

/** segmentOfLink for a link of `node`, whose own kind is known: only the far end is looked up. */
function segmentOfOwnLink(world: World, link: Link, node: Node): LinkEndRef[] {
  const isSwitch = (end: LinkEndRef): boolean =>
    end.node === node.name ? node.kind === "switch" : isSwitchEnd(world, end);
  const sw = isSwitch(link.a) ? link.a : isSwitch(link.b) ? link.b : undefined;
  return sw === undefined ? [link.a, link.b] : switchSegment(world, sw.node, false);
}

/** The non-switch ends around the switches joined to `sw`. */
function switchSegment(world: World, sw: string, live: boolean): LinkEndRef[] {
  const out: LinkEndRef[] = [];
  for (const name of switchCluster(world, sw, live)) {
    const node = world.nodes.get(name);
    if (node === undefined) continue;
    for (const l of linksOf(world, node)) {
      const far = peerEnd(l, name);
      if (!isSwitchEnd(world, far)) out.push(far);
    }
  }
  return out;
}

/** A node's neighbours: for each of its links, the other non-switch ends on that link's segment. */
export function neighbours(world: World, node: Node): { own: LinkEndRef; far: LinkEndRef }[] {
  const out: { own: LinkEndRef; far: LinkEndRef }[] = [];
  for (const link of linksOf(world, node)) {
    const own = ownEnd(link, node.name);
    for (const far of segmentOfOwnLink(world, link, node)) if (far.node !== node.name) out.push({ own, far });
  }
  return out;
}

/** Every segment of the lab once, each as its non-switch ends; segments with no such end are left out. `live`: as frames cross now. */
export function allSegments(world: World, live = false): LinkEndRef[][] {
  const done = new Set<number>();
  const out: LinkEndRef[][] = [];
  for (const link of world.links.values()) {
    if (done.has(link.id)) continue;
    const sw = [link.a, link.b].find((end) => isSwitchEnd(world, end));
    if (sw === undefined) {
      done.add(link.id);
      out.push([link.a, link.b]);
      continue;
    }
    for (const name of switchCluster(world, sw.node, live)) {
      const node = world.nodes.get(name);
      for (const l of node === undefined ? [] : linksOf(world, node)) done.add(l.id);
    }
    const ends = segmentOfLink(world, link, live);
    if (ends.length > 0) out.push(ends);
  }
  return out;
}
