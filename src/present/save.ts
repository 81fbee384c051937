// `save`: the current lab as a netl script that rebuilds it (read off the World, not a replay
// of the history), with explicit interface names and addresses so it rebuilds exactly.

import { append } from "../append.js";
import { captureText } from "../interpreter/capture.js";
import { describeState, stateOf } from "../interpreter/end-conditions.js";
import { ruleText } from "../interpreter/firewall.js";
import { HOST, type Iface, type LinkEndRef, nodeOf, type World } from "../interpreter/world.js";

/** `A:eth0`; a host end is written `host` (a loaded script names it for its own lab). */
const endText = (end: LinkEndRef): string => (end.node === HOST ? HOST : `${end.node}:${end.ifname}`);

/** Its addresses, with those a `set … down` holds (they come back with `up`). */
const allAddresses = (iface: Iface | undefined): string[] => [
  ...(iface?.addresses ?? []),
  ...(iface?.held?.addresses ?? []),
];

export function saveScript(world: World, title: string): string {
  const lines = [`# ${title}`, "# written by netl save: a script that rebuilds this lab", ""];
  /** Conditions that differ between a link's ends, and ends that are down: `set` lines, written last. */
  const sets: string[] = [];
  for (const node of world.nodes.values()) lines.push([node.kind, node.name, ...(node.prefixes ?? [])].join(" "));
  const extra: string[] = [];
  // Interfaces moved in from the machine, then what the lab put on them.
  for (const node of world.nodes.values())
    for (const iface of node.ifaces.values()) {
      if (iface.origin === undefined) continue;
      lines.push(`move ${iface.name} -> ${node.name}${iface.origin.defaultRoute ? " force" : ""}`);
      for (const cidr of iface.addresses) extra.push(`addr ${node.name}:${iface.name} ${cidr}`);
    }
  for (const written of world.links.values()) {
    // A switch's end has no address: write it on the right, so the other end's addresses are its own
    // (on the left they would be read as prefixes, or numbered from the switch).
    // A host end takes no `addr` afterwards: with addresses only on it, write it on the left.
    const bareHostLink =
      written.b.node === HOST && nodeOf(world, written.a.node)?.ifaces.get(written.a.ifname)?.addresses.length === 0;
    const flip = world.nodes.get(written.a.node)?.kind === "switch" || bareHostLink;
    const link = flip ? { a: written.b, b: written.a } : written;
    const a = nodeOf(world, link.a.node)?.ifaces.get(link.a.ifname);
    const b = nodeOf(world, link.b.node)?.ifaces.get(link.b.ifname);
    const aAddrs = allAddresses(a);
    const bAddrs = allAddresses(b);
    const [aState, bState] = [a, b].map((i) => (i === undefined ? "" : describeState(stateOf(i))));
    const both = aState === bState && aState !== "" ? [aState] : [];
    // Addresses after the right end count as that end's only when the left end has some.
    if (aAddrs.length > 0 || bAddrs.length === 0) {
      lines.push([`link ${endText(link.a)}`, ...aAddrs, "<->", endText(link.b), ...bAddrs, ...both].join(" "));
    } else {
      lines.push([`link ${endText(link.a)} <-> ${endText(link.b)}`, ...both].join(" "));
      for (const cidr of bAddrs) extra.push(`addr ${link.b.node}:${link.b.ifname} ${cidr}`);
    }
    for (const [own, far, state, iface] of [
      [link.a, link.b, aState, a],
      [link.b, link.a, bState, b],
    ] as const) {
      if (both.length === 0 && state !== "") sets.push(`set ${endText(own)} -> ${endText(far)} ${state}`);
      if (iface?.up === false) sets.push(`set ${endText(own)} -> ${endText(far)} down`);
    }
  }
  for (const node of world.nodes.values()) {
    const lo = node.ifaces.get("lo");
    for (const cidr of lo?.addresses ?? []) extra.push(`addr ${node.name}:lo ${cidr}`);
  }
  append(lines, extra);
  for (const node of [...world.nodes.values(), world.host]) {
    const held = [...node.ifaces.values()].flatMap((i) => i.held?.routes ?? []);
    for (const r of [...node.routes, ...held]) lines.push(`route ${node.name} ${r.destination} via ${r.via}`);
  }
  append(lines, sets);
  for (const node of world.nodes.values()) for (const r of node.firewall ?? []) lines.push(ruleText(node.name, r));
  for (const node of world.nodes.values())
    for (const p of node.processes ?? [])
      lines.push(p.capture ? `capture ${captureText(node.name, p.capture)}` : `spawn ${node.name} ${p.command}`);
  return `${lines.join("\n")}\n`;
}
