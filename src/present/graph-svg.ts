// DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz), loaded only when an SVG is asked for,
// and compiled once: the live page draws again after every change.
import { once } from "../once.js";

const viz = once(async () => (await import("@viz-js/viz")).instance());

export async function renderSvg(dot: string): Promise<string> {
  return (await viz()).renderString(dot, { format: "svg", engine: "dot" });
}
