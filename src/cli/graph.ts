// `netl graph FILE`: the lab a script builds, as a picture — text for the terminal, DOT or Mermaid
// for documents, SVG rendered by Graphviz compiled to WebAssembly (no system graphviz needed).
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { EXIT } from "../driver/exit.js";
import { readProgram } from "../driver/source.js";
import { emptyWorld, type World } from "../interpreter/world.js";
import { graphDot, graphMermaid, graphText } from "../present/graph.js";
import { pictureOf } from "../present/graph-model.js";
import { renderSvg } from "../present/graph-svg.js";
import type { GraphFormat } from "./formats.js";
import type { Io } from "./io.js";
import { walk } from "./static.js";

export { GRAPH_FORMATS, type GraphFormat } from "./formats.js";

const BY_EXTENSION: Readonly<Record<string, GraphFormat>> = {
  ".svg": "svg",
  ".dot": "dot",
  ".gv": "dot",
  ".mmd": "mermaid",
  ".mermaid": "mermaid",
  ".txt": "text",
};

export async function graphCommand(
  file: string,
  options: { output?: string; format?: GraphFormat; prefix?: string },
  io: Io,
): Promise<number> {
  const read = readProgram(file, io);
  if (!read) return EXIT.usage;
  let world: World = emptyWorld;
  for (const { timeline } of walk(read, file, options.prefix)) world = timeline.world;
  const format = options.format ?? (options.output ? BY_EXTENSION[extname(options.output)] : undefined) ?? "text";
  const text =
    format === "svg"
      ? await renderSvg(graphDot(pictureOf(world)))
      : format === "dot"
        ? graphDot(pictureOf(world))
        : format === "mermaid"
          ? graphMermaid(world)
          : `${graphText(world)}\n`;
  if (options.output === undefined) process.stdout.write(text);
  else {
    writeFileSync(options.output, text);
    io.out(`wrote ${options.output} (${format}, ${world.nodes.size} nodes, ${world.links.size} links)`);
  }
  return EXIT.ok;
}
