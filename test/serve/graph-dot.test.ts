// The picture `netl graph -o x.svg` and the live page both draw: each link's ends labelled beside
// their own node, its conditions and `down` in the middle, a legend, and no label over a box.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { graphDot } from "../../src/present/graph.js";
import { pictureOf } from "../../src/present/graph-model.js";
import { renderSvg } from "../../src/present/graph-svg.js";
import { worldOf } from "./support.js";
import { drawn, labelsOverBoxes } from "./svg-geometry.js";

const LAB = "ns A B\nrouter R\nlink A <-> R 10.0.0.0/24 delay 20ms\nlink R <-> B 10.0.1.0/24 fd01::/64\n";

describe("graphDot", () => {
  it("labels each end beside its own node: A's address next to A, R's next to R", () => {
    const dot = graphDot(pictureOf(worldOf(LAB)));
    expect(dot).toContain(
      '"1:a" [id="end-1-a", class="end end-of-A", shape="plain", fontsize="9", label="eth0\\n10.0.0.1/24"];',
    );
    expect(dot).toContain(
      '"1:b" [id="end-1-b", class="end end-of-R", shape="plain", fontsize="9", label="eth0\\n10.0.0.2/24"];',
    );
    expect(dot).toContain('"A" -- "1:a" [id="link-1-a", class="stub"];');
    expect(dot).toContain('"1:b" -- "R" [id="link-1-b", class="stub"];');
    expect(dot).toContain('label="eth1\\n10.0.1.1/24\\nfd01::1/64"');
    // Not the other way round: R's address is not at A's end.
    expect(dot).not.toContain('"A" -- "1:b"');
    expect(dot).toContain('"1:a" -- "1:b" [id="link-1", class="link", label="delay 20ms", fontcolor="#6a1b9a"];');
    expect(dot).toContain('"2:a" -- "2:b" [id="link-2", class="link"];');
  });

  it("draws nodes by kind and a link that is down as down, only that one", () => {
    const dot = graphDot(pictureOf(worldOf(`${LAB}set R <-> B down\n`)));
    expect(dot).toContain('"R" [id="node-R", class="kind-router", shape="ellipse"');
    expect(dot).toContain('"A" [id="node-A", class="kind-ns", shape="box"');
    expect(dot).toMatch(
      /"2:a" -- "2:b" \[id="link-2", class="link down", color="#c62828", style="dashed", label="down"/,
    );
    expect(dot).toMatch(/"1:a" -- "1:b" \[id="link-1", class="link", label=/);
    expect(dot).toContain('class="end end-of-B down"');
  });

  it("puts spawned services and firewall rules on their node, escaped for Graphviz's HTML labels", () => {
    const dot = graphDot(pictureOf(worldOf(`${LAB}spawn B python3 -c 'print(1<2)' & true\nblock A -> B tcp 8080\n`)));
    expect(dot).toContain("spawn python3 -c 'print(1&lt;2)' &amp; true");
    expect(dot).toContain("block -&gt; B tcp 8080");
  });

  it("has a legend with every kind, a condition and a down link", () => {
    const dot = graphDot(pictureOf(worldOf("ns A\n")));
    for (const words of ["host (ns)", "router", "switch", "the machine", "delay 20ms", "down"])
      expect(dot).toContain(`label="${words}"`);
  });

  it("renders every example with no label over a box", async () => {
    for (const file of readdirSync("examples").filter((f) => f.endsWith(".netl"))) {
      const svg = await renderSvg(graphDot(pictureOf(worldOf(readFileSync(`examples/${file}`, "utf8")))));
      expect(drawn(svg).filter((d) => d.shape).length, file).toBeGreaterThan(4);
      expect(labelsOverBoxes(svg), file).toEqual([]);
    }
  });

  it("the overlap check finds a label laid over a box (what must not pass)", async () => {
    // The old drawing: one label in the middle of a short edge, pinned over the boxes with a negative distance.
    const dot =
      'graph g { "A" [shape=box, width=2]; "B" [shape=box, width=2]; "A" -- "B" [headlabel="10.0.0.2/24", labeldistance=0.1, labelangle=0]; }';
    expect(labelsOverBoxes(await renderSvg(dot))).not.toEqual([]);
  });
});
