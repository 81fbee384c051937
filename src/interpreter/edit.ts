// Pure edits of the World. Each returns a new World and touches only the map entries it
// changes, so a statement costs what it touches, never the size of the lab.
import { OrderedMap } from "immutable";
import { addressOf } from "./addressing.js";
import {
  HOST,
  type Iface,
  type Link,
  type LinkEndRef,
  type Node,
  type NodeKind,
  nodeOf,
  type Route,
  type World,
} from "./world.js";

// Ordered: interfaces list in creation order, lo first, whatever is deleted in between. Immutable,
// so every new node shares this one.
const LO_ONLY: Node["ifaces"] = OrderedMap<string, Iface>().set("lo", { name: "lo", addresses: [], up: true });

/** Shared as LO_ONLY is: a new node has no routes, and the World is never changed in place. */
const NO_ROUTES: readonly Route[] = [];

export function addNode(world: World, name: string, kind: NodeKind): World {
  const node: Node = { name, kind, ifaces: LO_ONLY, routes: NO_ROUTES };
  return { ...world, nodes: world.nodes.set(name, node) };
}

/** addNode for each name in turn, in one edit of the node map (a `router` of thousands of names). */
export function addNodes(world: World, names: Iterable<string>, kind: NodeKind): World {
  const nodes = world.nodes.withMutations((all) => {
    for (const name of names) all.set(name, { name, kind, ifaces: LO_ONLY, routes: NO_ROUTES });
  });
  return { ...world, nodes };
}

export function updateNode(world: World, name: string, change: (node: Node) => Node): World {
  const node = nodeOf(world, name);
  if (node === undefined) throw new Error(`edit: no node '${name}'`);
  if (node === world.host) return { ...world, host: change(node) };
  return { ...world, nodes: world.nodes.set(name, change(node)) };
}

/** `node`, as found in `world`, replaced by `next`: updateNode for a caller that holds the node already. */
export function replaceNode(world: World, node: Node, next: Node): World {
  if (node === world.host) return { ...world, host: next };
  return { ...world, nodes: world.nodes.set(node.name, next) };
}

/** A veth pair, both ends up, each with its addresses (CIDR texts). `found`: the ends' nodes, when the caller has them. */
export function addLink(
  world: World,
  a: LinkEndRef,
  b: LinkEndRef,
  aAddresses: readonly string[],
  bAddresses: readonly string[],
  found?: readonly [Node, Node],
): World {
  const id = world.nextLinkId;
  const ends = [
    [a, aAddresses],
    [b, bAddresses],
  ] as const;
  const withEnd = (node: Node, end: LinkEndRef, addresses: readonly string[]): Node => {
    // The caller's own arrays, built for this link (an address list is never changed in place).
    const iface: Iface = { name: end.ifname, addresses, up: true, link: id };
    return { ...node, ifaces: node.ifaces.set(end.ifname, iface) };
  };
  // Both ends in one edit of each map: every World the history keeps holds one new version of the node
  // map and of the address index per link, not two.
  let host = world.host;
  const nodes = world.nodes.withMutations((all) => {
    for (let i = 0; i < ends.length; i++) {
      const [end, addresses] = ends[i] as (typeof ends)[number];
      if (end.node === HOST) {
        host = withEnd(host, end, addresses);
        continue;
      }
      const node = found?.[i] ?? all.get(end.node);
      if (node === undefined) throw new Error(`edit: no node '${end.node}'`);
      all.set(end.node, withEnd(node, end, addresses));
    }
  });
  const addresses = world.addresses.withMutations((index) => {
    for (const [end, cidrs] of ends) for (const cidr of cidrs) index.set(addressOf(cidr), end);
  });
  return { ...world, nodes, links: world.links.set(id, { id, a, b }), nextLinkId: id + 1, addresses, host };
}

/** Removes both ends, their addresses, and the routes whose dev was one of them (as the kernel does). */
export function removeLink(world: World, link: Link): World {
  let next: World = { ...world, links: world.links.delete(link.id) };
  for (const end of [link.a, link.b]) {
    const iface = nodeOf(next, end.node)?.ifaces.get(end.ifname);
    if (iface === undefined) throw new Error(`edit: no interface ${end.node}:${end.ifname}`);
    const all = [...iface.addresses, ...(iface.held?.addresses ?? [])];
    next = { ...next, addresses: next.addresses.deleteAll(all.map(addressOf)) };
    next = updateNode(next, end.node, (node) => ({
      ...node,
      ifaces: node.ifaces.delete(end.ifname),
      routes: node.routes.filter((route) => route.dev !== end.ifname),
    }));
  }
  return next;
}

export function addAddress(world: World, end: LinkEndRef, cidr: string): World {
  const next = updateNode(world, end.node, (node) => {
    const iface = node.ifaces.get(end.ifname);
    if (iface === undefined) throw new Error(`edit: no interface ${end.node}:${end.ifname}`);
    return { ...node, ifaces: node.ifaces.set(end.ifname, { ...iface, addresses: [...iface.addresses, cidr] }) };
  });
  return { ...next, addresses: next.addresses.set(addressOf(cidr), end) };
}

export function addRoute(world: World, node: string, route: Route): World {
  return updateNode(world, node, (n) => ({ ...n, routes: [...n.routes, route] }));
}

/** Removes a node whose links are already gone; its remaining (loopback) addresses leave the lab's index. */
export function removeNode(world: World, name: string): World {
  const node = world.nodes.get(name);
  if (node === undefined) throw new Error(`edit: no node '${name}'`);
  const addresses = [...node.ifaces.values()].flatMap((iface) => iface.addresses.map(addressOf));
  return { ...world, nodes: world.nodes.delete(name), addresses: world.addresses.deleteAll(addresses) };
}

export function updateIface(world: World, end: LinkEndRef, change: (iface: Iface) => Iface): World {
  return updateNode(world, end.node, (node) => {
    const iface = node.ifaces.get(end.ifname);
    if (iface === undefined) throw new Error(`edit: no interface ${end.node}:${end.ifname}`);
    return { ...node, ifaces: node.ifaces.set(end.ifname, change(iface)) };
  });
}
