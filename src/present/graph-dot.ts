// A lab as Graphviz DOT, for `netl graph -o lab.svg` and the live page (the same picture both ways).
// Each end of a link is a small text node of its own beside its box: dot never lays a node over
// another, so no address lands on a box, and each end's name and addresses sit next to that end.
// The middle of a link carries its conditions and `down`. Ids and classes name what is drawn, for
// the page's clicks and its tests: node-NAME, end-ID-a|b, link-ID (the middle), kind-KIND, down.
import type { NodeKind } from "../interpreter/world.js";
import {
  isMachine,
  linkNote,
  type Picture,
  type PictureEnd,
  type PictureLink,
  type PictureNode,
} from "./graph-model.js";

interface Look {
  readonly shape: string;
  readonly fill: string;
  readonly line: string;
  readonly words: string;
}

const LOOKS: Readonly<Record<NodeKind, Look>> = {
  ns: { shape: "box", fill: "#e3f2fd", line: "#1565c0", words: "host (ns)" },
  router: { shape: "ellipse", fill: "#e8f5e9", line: "#2e7d32", words: "router" },
  switch: { shape: "hexagon", fill: "#fff8e1", line: "#f9a825", words: "switch" },
  host: { shape: "house", fill: "#eeeeee", line: "#616161", words: "the machine" },
};

const DOWN = "#c62828";
const CONDITIONS = "#6a1b9a";

const q = (s: string): string => `"${s.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\n")}"`;
const html = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attrs = (a: Readonly<Record<string, string>>): string =>
  `[${Object.entries(a)
    .map(([k, v]) => `${k}=${v.startsWith("<") ? v : q(v)}`)
    .join(", ")}]`;

/** What a node's box says: its name, then its services and firewall rules in small type. */
function nodeLabel(node: PictureNode): string {
  const name = isMachine(node) ? "host (the machine)" : node.name;
  const small = [...node.services.map((s) => `spawn ${s}`), ...node.firewall].map((s) =>
    html(s.length > 48 ? `${s.slice(0, 47)}…` : s),
  );
  if (small.length === 0) return `<<B>${html(name)}</B>>`;
  return `<<B>${html(name)}</B><BR/><FONT POINT-SIZE="9" COLOR="#444444">${small.join("<BR/>")}</FONT>>`;
}

const nodeLine = (node: PictureNode): string => {
  const look = LOOKS[node.kind];
  return `  ${q(node.name)} ${attrs({
    id: `node-${node.name}`,
    class: `kind-${node.kind}`,
    shape: look.shape,
    style: node.kind === "ns" ? "rounded,filled" : "filled",
    fillcolor: look.fill,
    color: look.line,
    label: nodeLabel(node),
  })};`;
};

const endWords = (end: PictureEnd): string => [end.ifname, ...end.addresses].join("\n");

function linkLines(link: PictureLink): string[] {
  const [a, b] = [`${link.id}:a`, `${link.id}:b`];
  const downish: Record<string, string> = link.down ? { color: DOWN, style: "dashed" } : {};
  const end = (which: "a" | "b", e: PictureEnd) =>
    `  ${q(which === "a" ? a : b)} ${attrs({
      id: `end-${link.id}-${which}`,
      class: `end end-of-${e.node}${e.up ? "" : " down"}`,
      shape: "plain",
      fontsize: "9",
      ...(e.up ? {} : { fontcolor: DOWN }),
      label: endWords(e),
    })};`;
  const note = linkNote(link);
  const middle = {
    id: `link-${link.id}`,
    class: `link${link.down ? " down" : ""}`,
    ...downish,
    ...(note ? { label: note, fontcolor: link.down ? DOWN : CONDITIONS } : {}),
  };
  return [
    end("a", link.a),
    end("b", link.b),
    `  ${q(link.a.node)} -- ${q(a)} ${attrs({ id: `link-${link.id}-a`, class: "stub", ...downish })};`,
    `  ${q(a)} -- ${q(b)} ${attrs(middle)};`,
    `  ${q(b)} -- ${q(link.b.node)} ${attrs({ id: `link-${link.id}-b`, class: "stub", ...downish })};`,
  ];
}

/** The legend: one shape per kind of node, a link that is down, and what a link's middle says. */
function legendLines(): string[] {
  const lines = [
    "  subgraph cluster_legend {",
    '    id="legend"; label="legend"; fontsize=10; style="dashed"; color="#9e9e9e";',
    '    node [fontsize=9, width=0.3, height=0.25, margin="0.06,0.03"];',
  ];
  for (const [kind, look] of Object.entries(LOOKS))
    lines.push(
      `    ${q(`legend:${kind}`)} ${attrs({
        class: "legend",
        shape: look.shape,
        style: kind === "ns" ? "rounded,filled" : "filled",
        fillcolor: look.fill,
        color: look.line,
        label: look.words,
      })};`,
    );
  // Invisible edges set the kinds in a row.
  const kinds = Object.keys(LOOKS).map((k) => q(`legend:${k}`));
  lines.push(
    `    ${kinds.join(" -- ")} [style="invis"];`,
    `    ${q("legend:from")} ${attrs({ class: "legend", shape: "plain", label: "eth0 10.0.0.1/24" })};`,
    `    ${q("legend:to")} ${attrs({ class: "legend", shape: "plain", label: "eth0 10.0.0.2/24" })};`,
    `    ${q("legend:from")} -- ${q("legend:to")} ${attrs({ class: "legend", label: "delay 20ms", fontsize: "9", fontcolor: CONDITIONS })};`,
    `    ${q("legend:down-from")} ${attrs({ class: "legend", shape: "plain", label: "eth1" })};`,
    `    ${q("legend:down-to")} ${attrs({ class: "legend", shape: "plain", label: "eth1" })};`,
    `    ${q("legend:down-from")} -- ${q("legend:down-to")} ${attrs({ class: "legend", label: "down", fontsize: "9", color: DOWN, fontcolor: DOWN, style: "dashed" })};`,
    "  }",
  );
  return lines;
}

/** Graphviz DOT: an undirected graph, nodes shaped by kind, each link's ends labelled beside their nodes. */
export function graphDot(picture: Picture): string {
  const lines = [
    "graph netl {",
    '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.3, ranksep=0.3, pad=0.2];',
    '  node [fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10, color="#555555"];',
    ...picture.nodes.map(nodeLine),
    ...picture.links.flatMap(linkLines),
    ...legendLines(),
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
