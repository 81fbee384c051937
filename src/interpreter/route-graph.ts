// The lab as a routing graph, for one address family: who can send to whom in one hop (a next
// hop's address on a subnet both are on, across a link or a switch), and the subnets to reach.
import { addressOf, type Family, familyOf, onSubnet, subnetOf } from "./addressing.js";
import { allSegments } from "./segments.js";
import { HOST, type Node, type World } from "./world.js";

/** From a node to a neighbour in one hop: out of `dev`, to the neighbour's address `via`. */
export interface Hop {
  readonly to: string;
  readonly dev: string;
  readonly via: string;
}

export interface Destination {
  /** A subnet such as `10.0.1.0/24` (a loopback address's is its own /32 or /128). */
  readonly subnet: string;
  /** The nodes with an address on it, in lab order, and `host` when a host end is on it. */
  readonly members: readonly string[];
}

export interface RoutingGraph {
  readonly family: Family;
  /** Node → its one-hop neighbours, in lab order (a node may reach one neighbour several ways). */
  readonly hops: ReadonlyMap<string, readonly Hop[]>;
  readonly destinations: readonly Destination[];
}

const ofFamily = (cidrs: readonly string[], family: Family): string[] =>
  cidrs.filter((c) => familyOf(addressOf(c)) === family);

/** A switch has no addresses, so it is no node of the graph: its segment is. */
const routed = (node: Node): boolean => node.kind !== "switch";

export function routingGraph(world: World, family: Family): RoutingGraph {
  const hops = new Map<string, Hop[]>();
  for (const node of world.nodes.values()) if (routed(node)) hops.set(node.name, []);
  // As frames cross now: a switch-to-switch link set down splits a segment.
  for (const segment of allSegments(world, true)) {
    for (const from of segment) {
      const fromIface = world.nodes.get(from.node)?.ifaces.get(from.ifname);
      if (fromIface === undefined || !fromIface.up) continue;
      const own = ofFamily(fromIface.addresses, family);
      for (const to of segment) {
        if (to.node === from.node) continue;
        const toIface = world.nodes.get(to.node)?.ifaces.get(to.ifname);
        if (toIface === undefined || !toIface.up) continue;
        const via = ofFamily(toIface.addresses, family)
          .map(addressOf)
          .find((address) => own.some((cidr) => onSubnet(cidr, address)));
        if (via !== undefined) hops.get(from.node)?.push({ to: to.node, dev: from.ifname, via });
      }
    }
  }
  const members = new Map<string, string[]>();
  for (const node of world.nodes.values()) {
    if (!routed(node)) continue;
    for (const iface of node.ifaces.values()) {
      for (const cidr of ofFamily(iface.addresses, family)) {
        const subnet = subnetOf(cidr);
        const list = members.get(subnet) ?? [];
        if (!list.includes(node.name)) list.push(node.name);
        members.set(subnet, list);
      }
    }
  }
  // The machine is on its host ends' subnets: no lab node is then that subnet's only member.
  for (const iface of world.host.ifaces.values()) {
    for (const cidr of ofFamily(iface.addresses, family)) {
      const subnet = subnetOf(cidr);
      const list = members.get(subnet) ?? [];
      if (!list.includes(HOST)) list.push(HOST);
      members.set(subnet, list);
    }
  }
  const destinations = [...members].map(([subnet, list]) => ({ subnet, members: list }));
  return { family, hops, destinations };
}
