// `save`: the current lab as a netl script that rebuilds it (read off the World, not a replay
// of the history), with explicit interface names and addresses so it rebuilds exactly.
import type { World } from "../interpreter/world.js";

export function saveScript(world: World, title: string): string {
  const lines = [`# ${title}`, "# written by netl save: a script that rebuilds this lab", ""];
  for (const node of world.nodes.values()) lines.push([node.kind, node.name, ...(node.prefixes ?? [])].join(" "));
  const extra: string[] = [];
  for (const written of world.links.values()) {
    // A switch's end has no address: write it on the right, so the other end's addresses are its own
    // (on the left they would be read as prefixes, or numbered from the switch).
    const link = world.nodes.get(written.a.node)?.kind === "switch" ? { a: written.b, b: written.a } : written;
    const a = world.nodes.get(link.a.node)?.ifaces.get(link.a.ifname);
    const b = world.nodes.get(link.b.node)?.ifaces.get(link.b.ifname);
    const aAddrs = a?.addresses ?? [];
    const bAddrs = b?.addresses ?? [];
    // Addresses after the right end count as that end's only when the left end has some.
    if (aAddrs.length > 0 || bAddrs.length === 0) {
      lines.push(
        [`link ${link.a.node}:${link.a.ifname}`, ...aAddrs, "<->", `${link.b.node}:${link.b.ifname}`, ...bAddrs].join(
          " ",
        ),
      );
    } else {
      lines.push(`link ${link.a.node}:${link.a.ifname} <-> ${link.b.node}:${link.b.ifname}`);
      for (const cidr of bAddrs) extra.push(`addr ${link.b.node}:${link.b.ifname} ${cidr}`);
    }
  }
  for (const node of world.nodes.values()) {
    const lo = node.ifaces.get("lo");
    for (const cidr of lo?.addresses ?? []) extra.push(`addr ${node.name}:lo ${cidr}`);
  }
  lines.push(...extra);
  for (const node of world.nodes.values()) {
    for (const r of node.routes) lines.push(`route ${node.name} ${r.destination} via ${r.via}`);
  }
  return `${lines.join("\n")}\n`;
}
