// Pictures of a lab: in the terminal (each node with its links, addresses on both ends), and as
// Graphviz DOT or Mermaid for documents; `netl graph -o lab.svg` renders the DOT (graph-svg.ts).
import { describeState, stateOf } from "../interpreter/end-conditions.js";
import { HOST, type Link, type LinkEndRef, type Node, nodeOf, type World } from "../interpreter/world.js";

const addressesOf = (world: World, end: LinkEndRef): string[] => {
  const iface = nodeOf(world, end.node)?.ifaces.get(end.ifname);
  return [...(iface?.addresses ?? []), ...(iface?.held?.addresses ?? [])];
};

/** `delay 50ms` for a link whose ends agree, `A->B: …; B->A: …` otherwise, "" for a plain one; `down` when an end is. */
function linkNote(world: World, link: Link): string {
  const [a, b] = [link.a, link.b].map((end) => nodeOf(world, end.node)?.ifaces.get(end.ifname));
  const [sa, sb] = [a, b].map((i) => (i === undefined ? "" : describeState(stateOf(i))));
  const conditions =
    sa === sb
      ? sa
      : `${link.a.node}->${link.b.node}: ${sa || "plain"}; ${link.b.node}->${link.a.node}: ${sb || "plain"}`;
  const down = a?.up === false || b?.up === false ? "down" : "";
  return [conditions, down].filter((s) => s !== "").join(", ");
}

const endText = (world: World, end: LinkEndRef): string =>
  [`${end.node}:${end.ifname}`, ...addressesOf(world, end)].join(" ");

/** The nodes drawn: the lab's, then `host` when a link reaches the machine. */
function drawn(world: World): Node[] {
  const nodes = [...world.nodes.values()];
  return world.host.ifaces.size > 0 ? [...nodes, world.host] : nodes;
}

/** The terminal picture: every node, and under it each of its links to the far end. */
export function graphText(world: World): string {
  if (world.nodes.size === 0) return "the lab is empty";
  const out: string[] = [];
  for (const node of drawn(world)) {
    out.push(`[${node.name}] ${node.kind}`);
    const links = [...world.links.values()].filter((l) => l.a.node === node.name || l.b.node === node.name);
    if (links.length === 0) out.push("  (no links)");
    for (const link of links) {
      const [own, far] = link.a.node === node.name ? [link.a, link.b] : [link.b, link.a];
      const note = linkNote(world, link);
      const own1 = [own.ifname, ...addressesOf(world, own)].join(" ");
      out.push(`  ${own1} ──── ${endText(world, far)}${note ? `   (${note})` : ""}`);
    }
  }
  return out.join("\n");
}

const SHAPES: Readonly<Record<Node["kind"], string>> = {
  ns: "box",
  router: "ellipse",
  switch: "hexagon",
  host: "house",
};

const dotId = (s: string): string => `"${s.replace(/["\\]/g, "\\$&")}"`;

/** Graphviz DOT: an undirected graph, nodes shaped by kind, each link labelled with both ends. */
export function graphDot(world: World): string {
  const lines = [
    "graph netl {",
    "  graph [rankdir=LR, fontname=Helvetica];",
    "  node [fontname=Helvetica];",
    "  edge [fontname=Helvetica, fontsize=10];",
  ];
  for (const node of drawn(world))
    lines.push(
      `  ${dotId(node.name)} [shape=${SHAPES[node.kind]}, label=${dotId(node.name === HOST ? "host (the machine)" : node.name)}];`,
    );
  for (const link of world.links.values()) {
    const note = linkNote(world, link);
    const label = [endText(world, link.a), endText(world, link.b), ...(note ? [note] : [])].join("\\n");
    lines.push(`  ${dotId(link.a.node)} -- ${dotId(link.b.node)} [label=${dotId(label).replace(/\\\\n/g, "\\n")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

const mermaidId = (s: string): string => `n_${s.replace(/[^A-Za-z0-9_]/g, "_")}`;
const mermaidText = (s: string): string => s.replace(/"/g, "#quot;");

/** Mermaid flowchart, for Markdown documents. */
export function graphMermaid(world: World): string {
  const lines = ["graph LR"];
  for (const node of drawn(world)) {
    const [open, close] = node.kind === "router" ? ["((", "))"] : node.kind === "switch" ? ["{{", "}}"] : ["[", "]"];
    lines.push(`  ${mermaidId(node.name)}${open}"${mermaidText(node.name)}"${close}`);
  }
  for (const link of world.links.values()) {
    const note = linkNote(world, link);
    const label = [endText(world, link.a), endText(world, link.b), ...(note ? [note] : [])].join(" — ");
    lines.push(`  ${mermaidId(link.a.node)} ---|"${mermaidText(label)}"| ${mermaidId(link.b.node)}`);
  }
  return `${lines.join("\n")}\n`;
}
