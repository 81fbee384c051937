// The bench's targets (issue 23): against the floor at every N, Mininet from N = 100, the start-up
// targets like for like, planning at 100k, and the RSS target only at 10 000 nodes.
import { describe, expect, it } from "vitest";
import { render, targets } from "../../scripts/bench/report.mjs";

const s = (median: number) => ({ median, min: median, max: median, n: 3 });
function row(n: number, netl: number, floor: number) {
  const node = 27;
  const build = floor * 1.25 + node;
  const teardown = 5 * 1.2 + node;
  return {
    n,
    netl: { build: s(netl), teardown: s(30) },
    floor: { build: s(floor), teardown: s(5) },
    node: { start: s(node) },
    mininet: { build: s(netl * 9) },
    ratio: { mininetVsNetl: 9 },
    floorLimits: { build, buildRatio: netl / build, teardown, teardownRatio: 30 / teardown },
  };
}
const base = {
  chain: [row(10, 130, 20), row(1000, 2000, 1800)],
  teardown: {
    n: 250,
    netl: s(49),
    hand: s(10),
    node: s(67),
    limit: 82,
    ratio: 0.6,
    bare: s(25),
    bareLimit: 40,
    bareRatio: 1.225,
  },
  coldStart: { ratio: 0.64, bareRatio: 1.9 },
  planning: { "1k": s(30), "10k": s(240), "100k": s(3100), ratio: 8 },
  peakRssMiB: { n: 1000, value: 120 },
};
const byName = (result: object) => new Map(targets(result).map((t) => [t.name.replace(/ \(.*\)$/, ""), t]));

describe("the bench's targets", () => {
  it("against the floor at every N: build × 1.25 and teardown × 1.2, Node's start added", () => {
    const t = byName(base);
    expect(t.get("chain-10 build ≤ floor × 1.25 + Node")?.met).toBe(false); // 130 against 52
    expect(t.get("chain-1000 build ≤ floor × 1.25 + Node")?.met).toBe(true); // 2000 against 2277
    expect(t.get("chain-1000 build ≤ floor × 1.25 + Node")?.ratio).toBeCloseTo(2000 / 2277, 3);
    expect(t.get("chain-10 teardown ≤ floor × 1.2 + Node")?.met).toBe(true); // 30 against 33
  });

  it("Mininet from N = 100 only; start-up like for like; planning at 100k", () => {
    const t = byName(base);
    expect(t.has("chain-10 build ≥ 8× faster than Mininet")).toBe(false);
    expect(t.get("chain-1000 build ≥ 8× faster than Mininet")?.met).toBe(true);
    expect(t.get("chain-250 netl down ≤ Node + 1.5× script, like for like")?.ratio).toBe(1.225);
    expect(t.get("netl check of a small file ≤ 2× Node, like for like")?.met).toBe(true);
    expect(t.get("planning 100k ≤ 3 s")?.met).toBe(false);
    expect(t.get("planning 100k/10k ≤ 12")?.ratio).toBeCloseTo(3100 / 240, 3);
  });

  it("the RSS target only where 10 000 nodes were run", () => {
    expect([...byName(base).keys()].some((k) => k.includes("RSS"))).toBe(false);
    const big = byName({ ...base, peakRssMiB: { n: 10000, value: 310 } });
    expect(big.get("peak RSS of netl run at 10000 nodes ≤ 300 MiB")?.met).toBe(false);
  });

  it("a build target over the limit is blocked only when netl's start and the floor's work alone pass it", () => {
    // chain-10's limit is 20 × 1.25 + 27 = 52 ms: a 40 ms start + the floor's 20 ms is 60 ms, over it.
    // (bare is Node's own start, never netl's: it must not be taken for netl's.)
    const slow = byName({ ...base, coldStart: { ...base.coldStart, netl: s(40), bare: s(20) } });
    expect(slow.get("chain-10 build ≤ floor × 1.25 + Node")?.blocked).toMatch(
      /40 ms\) \+ the floor's work \(20 ms\) = 60 ms/,
    );
    // A 30 ms start leaves room (50 ms ≤ 52 ms): not met, and not blocked either.
    const room = byName({ ...base, coldStart: { ...base.coldStart, netl: s(30), bare: s(45) } });
    expect(room.get("chain-10 build ≤ floor × 1.25 + Node")?.met).toBe(false);
    expect(room.get("chain-10 build ≤ floor × 1.25 + Node")?.blocked).toBeUndefined();
    // A met target is never blocked; without the start measured, nothing is.
    expect(slow.get("chain-1000 build ≤ floor × 1.25 + Node")?.blocked).toBeUndefined();
    expect(byName(base).get("chain-10 build ≤ floor × 1.25 + Node")?.blocked).toBeUndefined();
  });

  it("netl's time above the floor linear in N from 1000: the largest N's excess per node ≤ 1.5× the smallest's", () => {
    const name = "netl − floor per node, largest N ≤ 1.5× smallest N ≥ 1000";
    const chain = (netl2k: number, netl10k: number) => [
      row(1000, 2000, 1800), // 0.2 ms a node above the floor
      row(2000, netl2k, 4000),
      row(10000, netl10k, 20000),
    ];
    expect(byName({ ...base, chain: chain(4400, 22000) }).get(name)?.met).toBe(true); // 0.2 → 0.2
    const steep = byName({ ...base, chain: chain(4400, 23500) }).get(name); // 0.2 → 0.35
    expect(steep?.met).toBe(false);
    expect(steep?.ratio).toBeCloseTo(1.75, 3);
    expect(byName({ ...base, chain: chain(4400, 19000) }).get(name)?.met).toBe(true); // under the floor at 10 000
    // Under the floor at 1000 and above it at 10 000: growing faster than N.
    expect(byName({ ...base, chain: [row(1000, 1700, 1800), row(10000, 21000, 20000)] }).get(name)?.met).toBe(false);
    // One N from 1000 only: nothing to compare.
    expect(byName(base).has(name)).toBe(false);
  });

  it("renders a chain whose largest N ran without Mininet (above its cap)", () => {
    const { mininet: _, ...big } = row(5000, 9000, 8000);
    const result = {
      ...base,
      chain: [row(1000, 2000, 1800), { ...big, ratio: {} }],
      repl: undefined,
      teardown: undefined,
      machine: { cpus: 2, cpu: "x", memGiB: 24, kernel: "k", node: "v20", iproute2: "ip" },
      notes: [],
    };
    const text = render({ ...result, targets: targets(result) }, { runs: 1, caSet: false });
    expect(text).toContain("| 1000 | 18.00 s");
    expect(text).not.toMatch(/\| 5000 \| [^|]*\| [^|]*\| [\d.]+×/);
  });
});
