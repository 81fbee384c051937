// A lab as a picture: what every drawing of it shows (the terminal's, DOT and SVG, the live page),
// read off the World once. Plain data, so the live page's feed can carry it as JSON to another netl.
import { describeState, stateOf } from "../interpreter/end-conditions.js";
import { selectorText } from "../interpreter/firewall.js";
import { HOST, type LinkEndRef, type Node, type NodeKind, nodeOf, type World } from "../interpreter/world.js";

export interface PictureNode {
  readonly name: string;
  readonly kind: NodeKind;
  /** Spawned processes' commands, in order. */
  readonly services: readonly string[];
  /** Firewall rules as written after the node's name: `block -> B tcp 8080`. */
  readonly firewall: readonly string[];
}

export interface PictureEnd {
  readonly node: string;
  readonly ifname: string;
  /** Its addresses, those a `set … down` holds included (they come back with `up`). */
  readonly addresses: readonly string[];
  readonly up: boolean;
  /** Its queue's conditions and MTU in words (`delay 20ms mtu 1400`), "" for a plain end. */
  readonly conditions: string;
}

export interface PictureLink {
  readonly id: number;
  readonly a: PictureEnd;
  readonly b: PictureEnd;
  /** Either end is down: the cable is pulled out. */
  readonly down: boolean;
  /** The conditions once when both ends agree, else each direction's; "" for a plain wire. */
  readonly conditions: string;
}

export interface Picture {
  readonly nodes: readonly PictureNode[];
  readonly links: readonly PictureLink[];
}

function endOf(world: World, ref: LinkEndRef): PictureEnd {
  const iface = nodeOf(world, ref.node)?.ifaces.get(ref.ifname);
  return {
    node: ref.node,
    ifname: ref.ifname,
    addresses: [...(iface?.addresses ?? []), ...(iface?.held?.addresses ?? [])],
    up: iface?.up !== false,
    conditions: iface === undefined ? "" : describeState(stateOf(iface)),
  };
}

const arrow = (from: PictureEnd, to: PictureEnd) => `${from.node}->${to.node}: ${from.conditions || "plain"}`;

const nodeOfPicture = (node: Node): PictureNode => ({
  name: node.name,
  kind: node.kind,
  services: (node.processes ?? []).map((p) => p.command),
  firewall: (node.firewall ?? []).map((r) => `${r.action} ${selectorText(r)}`),
});

/** The nodes drawn: the lab's, then `host` when a link reaches the machine. */
export function pictureOf(world: World): Picture {
  const nodes = [...world.nodes.values()];
  if (world.host.ifaces.size > 0) nodes.push(world.host);
  const links = [...world.links.values()].map((link): PictureLink => {
    const a = endOf(world, link.a);
    const b = endOf(world, link.b);
    const conditions = a.conditions === b.conditions ? a.conditions : `${arrow(a, b)}; ${arrow(b, a)}`;
    return { id: link.id, a, b, down: !a.up || !b.up, conditions };
  });
  return { nodes: nodes.map(nodeOfPicture), links };
}

/** What a link's middle says: its conditions, and `down` when it is. */
export const linkNote = (link: PictureLink): string =>
  [link.conditions, link.down ? "down" : ""].filter((s) => s !== "").join(", ");

export const isMachine = (node: PictureNode): boolean => node.kind === "host" && node.name === HOST;
