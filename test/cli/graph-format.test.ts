// `netl graph -o FILE`: the format follows the extension; an image netl cannot render, a contradicting
// --format or an extension it does not know is refused, never written with text inside.
import { expect, test } from "vitest";
import { graphFormat } from "../../src/cli/graph.js";

test("what is written: --format, else the extension, else text on standard output", () => {
  expect(graphFormat(undefined, undefined)).toEqual({ format: "text" });
  expect(graphFormat(undefined, "dot")).toEqual({ format: "dot" });
  expect(graphFormat("lab.svg", undefined)).toEqual({ format: "svg" });
  expect(graphFormat("lab.SVG", undefined)).toEqual({ format: "svg" });
  expect(graphFormat("lab.gv", undefined)).toEqual({ format: "dot" });
  expect(graphFormat("lab.mmd", "mermaid")).toEqual({ format: "mermaid" });
  expect(graphFormat("lab.txt", undefined)).toEqual({ format: "text" });
  // An extension netl does not know, with the format said outright.
  expect(graphFormat("lab.out", "dot")).toEqual({ format: "dot" });
});

test("refused: an image, a contradiction, an unknown extension without --format", () => {
  const refused = (output: string, format?: "svg" | "dot") => {
    const r = graphFormat(output, format);
    return "refused" in r ? r.refused : `chose ${r.format}`;
  };
  expect(refused("lab.png")).toBe(
    "netl cannot write PNG: its Graphviz (WebAssembly, no system graphviz) renders SVG; write lab.svg and convert it (rsvg-convert -o lab.png lab.svg), or write lab.dot for Graphviz's own dot -Tpng",
  );
  // --format svg does not make a .png a place for SVG text.
  expect(refused("lab.png", "svg")).toMatch(/^netl cannot write PNG/);
  for (const image of ["x.jpg", "x.jpeg", "x.pdf", "x.gif", "x.webp", "x.PNG"])
    expect(refused(image)).toMatch(/^netl cannot write /);
  expect(refused("lab.svg", "dot")).toBe(
    "lab.svg is a .svg file and --format dot writes dot: write lab.dot, or leave --format out",
  );
  expect(refused("lab.out")).toBe(
    "cannot tell which format lab.out is: give it one of .svg .dot .gv .mmd .mermaid .txt, or say it with --format",
  );
  expect(refused("lab")).toMatch(/^cannot tell which format lab is/);
});
