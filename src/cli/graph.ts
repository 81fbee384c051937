// `netl graph FILE`: the lab a script builds, as a picture — text for the terminal, DOT or Mermaid
// for documents, SVG rendered by Graphviz compiled to WebAssembly (no system graphviz needed).
import { extname } from "node:path";
import { EXIT } from "../driver/exit.js";
import { readProgram } from "../driver/source.js";
import { emptyWorld, type World } from "../interpreter/world.js";
import { graphDot, graphMermaid, graphText } from "../present/graph.js";
import { pictureOf } from "../present/graph-model.js";
import { renderSvg } from "../present/graph-svg.js";
import { plural } from "../present/words.js";
import type { GraphFormat } from "./formats.js";
import type { Io } from "./io.js";
import { walk } from "./static.js";
import { writeOutput } from "./write-out.js";

export { GRAPH_FORMATS, type GraphFormat } from "./formats.js";

const BY_EXTENSION: Readonly<Record<string, GraphFormat>> = {
  ".svg": "svg",
  ".dot": "dot",
  ".gv": "dot",
  ".mmd": "mermaid",
  ".mermaid": "mermaid",
  ".txt": "text",
};

const EXTENSIONS = Object.keys(BY_EXTENSION).join(" ");
const extensionOf = (format: GraphFormat): string =>
  Object.keys(BY_EXTENSION).find((e) => BY_EXTENSION[e] === format) ?? "";

/**
 * The format to write: --format, else the output's extension. An extension that names another format
 * (an image netl cannot render, or one of its own that --format contradicts) is refused, never written
 * over with text; so is one netl does not know, without --format.
 */
export function graphFormat(
  output: string | undefined,
  format: GraphFormat | undefined,
): { readonly format: GraphFormat } | { readonly refused: string } {
  if (output === undefined) return { format: format ?? "text" };
  const ext = extname(output).toLowerCase();
  const stem = output.slice(0, output.length - ext.length);
  const named = BY_EXTENSION[ext];
  if (named !== undefined && format !== undefined && named !== format)
    return {
      refused: `${output} is a ${ext} file and --format ${format} writes ${format}: write ${stem}${extensionOf(format)}, or leave --format out`,
    };
  if (named !== undefined) return { format: named };
  if (/^\.(png|jpe?g|gif|webp|bmp|tiff?|pdf|e?ps)$/.test(ext))
    return {
      refused: `netl cannot write ${ext.slice(1).toUpperCase()}: its Graphviz (WebAssembly, no system graphviz) renders SVG; write ${stem}.svg and convert it (rsvg-convert -o ${output} ${stem}.svg), or write ${stem}.dot for Graphviz's own dot -T${ext.slice(1)}`,
    };
  if (format !== undefined) return { format };
  return { refused: `cannot tell which format ${output} is: give it one of ${EXTENSIONS}, or say it with --format` };
}

export async function graphCommand(
  file: string,
  options: { output?: string; format?: GraphFormat; prefix?: string; force?: boolean },
  io: Io,
): Promise<number> {
  const chosen = graphFormat(options.output, options.format);
  if ("refused" in chosen) {
    io.err(`netl graph: ${chosen.refused}`);
    return EXIT.usage;
  }
  const { format } = chosen;
  const read = readProgram(file, io);
  if (!read) return EXIT.usage;
  let world: World = emptyWorld;
  for (const { timeline } of walk(read, file, options.prefix)) world = timeline.world;
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
    if (!writeOutput(options.output, text, { force: options.force === true }, io)) return EXIT.failed;
    io.out(
      `wrote ${options.output} (${format}, ${plural(world.nodes.size, "node")}, ${plural(world.links.size, "link")})`,
    );
  }
  return EXIT.ok;
}
