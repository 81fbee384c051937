// route auto in the real kernel: for random connected graphs of 3 to 8 routers (with a LAN of two
// hosts on a switch at one of them), every node reaches every other after `route auto` (pingall,
// which picks IPv4), and a host reaches every router over IPv6 too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Driver, type Outcome } from "../../src/driver/driver.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";

interface Graph {
  readonly n: number;
  readonly edges: readonly (readonly [number, number])[];
  /** The router the LAN hangs off. */
  readonly lan: number;
}

/** A connected graph: a random tree over n routers, plus a few extra edges. */
const graph: fc.Arbitrary<Graph> = fc.integer({ min: 3, max: 8 }).chain((n) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
      fc.nat(n - 1),
    )
    .map(([parents, extra, lan]) => {
      const edges = new Set(parents.map((p, i) => `${p} ${i + 1}`));
      for (const [a, b] of extra) if (a !== b) edges.add(`${Math.min(a, b)} ${Math.max(a, b)}`);
      return { n, edges: [...edges].map((e) => e.split(" ").map(Number) as [number, number]), lan };
    }),
);

function script(g: Graph): string {
  const lines = [`router ${Array.from({ length: g.n }, (_, i) => `r${i}`).join(" ")}`];
  for (const [k, [a, b]] of g.edges.entries()) lines.push(`link r${a} <-> r${b} 10.90.${k}.0/30 fd90:${k}::/64`);
  lines.push("switch s 10.91.0.0/24 fd91::/64", "ns h1 h2", `link r${g.lan} <-> s`, "link h1 <-> s", "link h2 <-> s");
  lines.push("route auto", "pingall");
  for (let i = 0; i < g.n; i++) {
    const k = g.edges.findIndex(([a, b]) => a === i || b === i);
    lines.push(`ping h1 fd90:${k}::${g.edges[k]?.[0] === i ? 1 : 2}`);
  }
  return lines.join("\n");
}

async function runLab(prefix: string, text: string): Promise<Outcome[]> {
  const opened = Driver.open({ lab: prefix, prefix, executor: new ProcessExecutor(), runDir: "/run/netl" });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  try {
    const { program, errors } = parse(text);
    expect(errors).toEqual([]);
    const outcomes: Outcome[] = [];
    for (const stmt of program.statements) {
      const r = await session.execute(stmt, text);
      if (!r.ok) throw new Error(`${r.error.message} ${r.error.failed?.stderr ?? ""}`);
      outcomes.push(r.value);
    }
    return outcomes;
  } finally {
    await session.close(false);
  }
}

describe.runIf(kernelTestsEnabled("route-auto.test.ts"))("route auto in the kernel", () => {
  it("is one undo step; run again after a change, it replaces its routes in the kernel", async () => {
    const prefix = testPrefix("ra-undo");
    const opened = Driver.open({ lab: prefix, prefix, executor: new ProcessExecutor(), runDir: "/run/netl" });
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.value;
    const run = async (text: string): Promise<Outcome[]> => {
      const out: Outcome[] = [];
      for (const stmt of parse(text).program.statements) {
        const r = await session.execute(stmt, text);
        if (!r.ok) throw new Error(`${text}: ${r.error.message} ${r.error.failed?.stderr ?? ""}`);
        out.push(r.value);
      }
      return out;
    };
    const lost = async (): Promise<number> => {
      const [o] = await run("pingall");
      return o?.kind === "pingall" ? o.lost : -1;
    };
    try {
      await run("ns a b\nrouter r1 r2 r3\nlink a <-> r1 10.92.1.0/24\nlink r1 <-> r2 10.92.2.0/30");
      await run("link r2 <-> r3 10.92.3.0/30\nlink r3 <-> b 10.92.4.0/24");
      const before = labState(prefix);
      await run("route auto");
      expect(await lost()).toBe(0);
      await run("undo");
      expect(labState(prefix)).toEqual(before);
      await run("redo");
      // A shortcut: r1 and r3 now route through it, the rest stays.
      await run("link r1 <-> r3 10.92.5.0/30\nroute auto");
      expect(labState(prefix).r1?.routes).toContain("10.92.4.0/24 via 10.92.5.2 dev eth2 ");
      expect(await lost()).toBe(0);
      await run("unlink r1 <-> r3\nroute auto");
      expect(await lost()).toBe(0);
    } finally {
      await session.close(false);
    }
  });

  it("random connected router graphs: pingall loses nothing, IPv6 reaches every router", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(graph, async (g) => {
        const outcomes = await runLab(testPrefix(`ra${run++}`), script(g));
        const all = outcomes.find((o) => o.kind === "pingall");
        expect(all?.kind === "pingall" && all.total).toBe((g.n + 2) * (g.n + 1));
        const lost = all?.kind === "pingall" ? all.rows.flatMap((r) => r.results.filter((x) => !x.ok)) : [];
        expect(lost).toEqual([]);
        const v6 = outcomes.filter((o) => o.kind === "ping");
        expect(v6).toHaveLength(g.n);
        expect(v6.filter((o) => o.kind === "ping" && !o.ok)).toEqual([]);
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 120_000);
});
