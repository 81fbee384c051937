// Pictures of labs (no root): every example renders to an SVG that parses and names every node;
// DOT and Mermaid for documents; `graph` in a script or the REPL draws the lab in the terminal.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { isRoot, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-graph-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const examples = readdirSync("examples").filter((f) => f.endsWith(".netl"));

/** The lab nodes a script creates (ns, router, switch names, loops aside). */
function nodesOf(file: string): string[] {
  const { program } = parse(readFileSync(file, "utf8"));
  return program.statements.flatMap((s) =>
    s.kind === "ns" || s.kind === "router" || s.kind === "switch" ? s.names.map((n) => n.text) : [],
  );
}

/** Every `<title>` of the SVG: graphviz writes one per node and per edge. */
function titles(svg: string): string[] {
  const found: string[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === "object")
      for (const [k, v] of Object.entries(x)) {
        if (k === "title") found.push(...(Array.isArray(v) ? v : [v]).map(String));
        else visit(v);
      }
  };
  visit(new XMLParser().parse(svg));
  return found;
}

describe("netl graph", () => {
  for (const file of examples) {
    it(`${file} renders to an SVG that parses and names every node`, async () => {
      const out = join(dir, `${file}.svg`);
      const r = await netl(["graph", `examples/${file}`, "-o", out]);
      expect(r.exitCode).toBe(0);
      const svg = readFileSync(out, "utf8");
      expect(XMLValidator.validate(svg)).toBe(true);
      const named = titles(svg);
      for (const node of nodesOf(`examples/${file}`)) expect(named).toContain(node);
    });
  }

  it("DOT and Mermaid for documents: nodes by kind, links labelled with both ends", async () => {
    const dot = await netl(["graph", "--format", "dot", "examples/routed.netl"]);
    expect(dot.stdout).toContain('"R" [id="node-R", class="kind-router", shape="ellipse"');
    // Each end's name and address beside its own node (test/serve/graph-dot.test.ts has the rest).
    expect(dot.stdout).toContain(
      '"1:a" [id="end-1-a", class="end end-of-A", shape="plain", fontsize="9", label="eth0\\n10.10.1.1/24"];',
    );
    expect(dot.stdout).toContain('"A" -- "1:a" [id="link-1-a", class="stub"];');
    expect(dot.stdout).toContain('"1:b" -- "R" [id="link-1-b", class="stub"];');
    const mermaid = await netl(["graph", "--format", "mermaid", "examples/routed.netl"]);
    expect(mermaid.stdout.split("\n")).toEqual(
      expect.arrayContaining([
        "graph LR",
        '  n_R(("R"))',
        '  n_A ---|"A:eth0 10.10.1.1/24 — R:eth0 10.10.1.2/24"| n_R',
      ]),
    );
  });

  it("in the terminal: each node and its links, addresses on both ends, conditions noted", async () => {
    const r = await netl(["graph", "examples/bad-links.netl"]);
    expect(r.stdout).toContain("[R] router");
    expect(r.stdout).toContain("  eth0 10.1.0.1/24 ──── R:eth0 10.1.0.2/24");
    expect(r.stdout).toContain("  eth0 10.2.0.2/24 ──── R:eth1 10.2.0.1/24   (rate 10mbit mtu 1400)");
  });

  it.runIf(isRoot)("the graph statement draws the live lab, down ends included", async () => {
    const r = await netl(["--prefix", testPrefix("graph")], {
      input: "ns A B\nlink A <-> B 10.0.0.0/24 delay 0ms rate 5mbit\nset A -> B down\ngraph\n",
    });
    expect(r.stdout).toContain("[A] ns\n  eth0 10.0.0.1/24 ──── B:eth0 10.0.0.2/24   (rate 5mbit, down)");
  });
});
