// Pictures of a lab: in the terminal (each node with its links, addresses on both ends), and as
// Mermaid for documents; Graphviz DOT is graph-dot.ts, rendered to SVG by graph-svg.ts.
import type { World } from "../interpreter/world.js";
import { linkNote, type PictureEnd, pictureOf } from "./graph-model.js";

export { graphDot } from "./graph-dot.js";

const endText = (end: PictureEnd): string => [`${end.node}:${end.ifname}`, ...end.addresses].join(" ");

/** The terminal picture: every node, and under it each of its links to the far end. */
export function graphText(world: World): string {
  if (world.nodes.size === 0) return "the lab is empty";
  const picture = pictureOf(world);
  const out: string[] = [];
  for (const node of picture.nodes) {
    out.push(`[${node.name}] ${node.kind}`);
    const links = picture.links.filter((l) => l.a.node === node.name || l.b.node === node.name);
    if (links.length === 0) out.push("  (no links)");
    for (const link of links) {
      const [own, far] = link.a.node === node.name ? [link.a, link.b] : [link.b, link.a];
      const note = linkNote(link);
      const own1 = [own.ifname, ...own.addresses].join(" ");
      out.push(`  ${own1} ──── ${endText(far)}${note ? `   (${note})` : ""}`);
    }
  }
  return out.join("\n");
}

const mermaidId = (s: string): string => `n_${s.replace(/[^A-Za-z0-9_]/g, "_")}`;
const mermaidText = (s: string): string => s.replace(/"/g, "#quot;");

/** Mermaid flowchart, for Markdown documents. */
export function graphMermaid(world: World): string {
  const picture = pictureOf(world);
  const lines = ["graph LR"];
  for (const node of picture.nodes) {
    const [open, close] = node.kind === "router" ? ["((", "))"] : node.kind === "switch" ? ["{{", "}}"] : ["[", "]"];
    lines.push(`  ${mermaidId(node.name)}${open}"${mermaidText(node.name)}"${close}`);
  }
  for (const link of picture.links) {
    const note = linkNote(link);
    const label = [endText(link.a), endText(link.b), ...(note ? [note] : [])].join(" — ");
    lines.push(`  ${mermaidId(link.a.node)} ---|"${mermaidText(label)}"| ${mermaidId(link.b.node)}`);
  }
  return `${lines.join("\n")}\n`;
}
