// The progress of a long change: apply counts namespaces, links and routes as each batch process ends
// (cutting long runs into several processes only where progress is asked for), and the bar draws it
// on a terminal for changes over PROGRESS_MIN namespaces, with a guess of the time left, wiped at the end.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { emptyWorld } from "../../src/interpreter/world.js";
import { PROGRESS_MIN, progressBar, progressLine } from "../../src/present/progress.js";
import { applyAll, IP_CREATE_LINES } from "../../src/runtime/apply.js";
import { planParts } from "../../src/runtime/parts.js";
import {
  CREATE_CHUNK,
  chunkSize,
  chunks,
  type Progress,
  ProgressTracker,
  RTNL_CHUNK,
} from "../../src/runtime/progress-count.js";
import { stmt } from "../interpreter/harness.js";
import { RecordingExecutor } from "../support/recording-executor.js";

const nsName = (node: string) => `p-${node}`;

/** The ops of a chain of n: hosts at the ends, routers between, a default route in every node. */
function chainOps(n: number): Op[] {
  const lines = [
    `ns n0 n${n - 1}`,
    `router ${Array.from({ length: n - 2 }, (_, i) => `n${i + 1}`).join(" ")}`,
    ...Array.from({ length: n - 1 }, (_, i) => `link n${i} <-> n${i + 1} 10.${i >> 8}.${i & 255}.0/24`),
    ...Array.from({ length: n }, (_, i) => `route n${i} default via n${i < n - 1 ? i + 1 : i - 1}`),
  ];
  let world = emptyWorld;
  const ops: Op[] = [];
  for (const line of lines) {
    const r = evaluate(world, stmt(line));
    if (!r.ok || r.value.kind !== "change") throw new Error(`${line}: not a change`);
    ops.push(...r.value.change.ops);
    world = r.value.change.after;
  }
  return ops;
}

async function applied(n: number, withProgress: boolean) {
  const executor = new RecordingExecutor(undefined, { rtnl: true });
  const seen: Progress[] = [];
  const r = await applyAll(chainOps(n), {
    executor,
    nsName,
    ...(withProgress ? { onProgress: (p: Progress) => seen.push(p) } : {}),
  });
  expect(r.ok).toBe(true);
  return { seen, executor, lines: executor.calls.flatMap((c) => c.lines).sort() };
}

describe("progress, counted", () => {
  it("namespaces, links and routes reach their totals, never go back, and the end is told once, last", async () => {
    const { seen } = await applied(8, true);
    const total = { namespaces: 8, links: 7, routes: 8 };
    expect(seen.every((p) => p.size === 8 && JSON.stringify(p.total) === JSON.stringify(total))).toBe(true);
    expect(seen.filter((p) => p.end)).toHaveLength(1);
    expect(seen[seen.length - 1]?.end).toBe(true);
    expect(seen[seen.length - 2]?.done).toEqual(total);
    const sums = seen.map((p) => p.done.namespaces + p.done.links + p.done.routes);
    expect(sums).toEqual([...sums].sort((a, b) => a - b));
  });

  it("long runs go in several processes where progress is shown, the same lines in one where not", async () => {
    const n = CREATE_CHUNK + RTNL_CHUNK * 2 + 10; // 460 namespaces
    const shown = await applied(n, true);
    const piped = await applied(n, false);
    expect(shown.lines).toEqual(piped.lines);
    const makers = (e: RecordingExecutor) => e.calls.filter((c) => c.lines[0]?.startsWith("netns add")).length;
    const rtnl = (e: RecordingExecutor) => e.calls.filter((c) => c.argv[0] === "rtnl").length;
    expect(makers(piped.executor)).toBe(1);
    expect(makers(shown.executor)).toBe(2);
    expect(rtnl(piped.executor)).toBe(2);
    expect(rtnl(shown.executor)).toBe(6);
    // Route installation moves the bar: the routes done rise in steps, not once at the end.
    const routeSteps = new Set(shown.seen.map((p) => p.done.routes));
    expect(routeSteps.size).toBeGreaterThanOrEqual(5);
    expect(new Set(shown.seen.map((p) => p.done.namespaces))).toEqual(new Set([0, CREATE_CHUNK, n]));
  });

  it("at most four processes where one ran, each with at least the chunk's least", () => {
    expect(chunkSize(100, CREATE_CHUNK)).toBe(CREATE_CHUNK);
    expect(chunkSize(4000, CREATE_CHUNK)).toBe(1000);
    expect(
      chunks(
        Array.from({ length: 4001 }, (_, i) => i),
        chunkSize(4001, CREATE_CHUNK),
      ).length,
    ).toBe(4);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("veths go to `ip` at most IP_CREATE_LINES to a process, piped or not (ip keeps each netns open)", async () => {
    const n = IP_CREATE_LINES * 2 + 50;
    const sizes = async (withProgress: boolean) =>
      (await applied(n, withProgress)).executor.calls
        .filter((c) => c.lines.some((l) => l.includes("type veth")))
        .map((c) => c.lines.length);
    expect(await sizes(false)).toEqual([IP_CREATE_LINES, IP_CREATE_LINES, n - 1 - 2 * IP_CREATE_LINES]);
    const shown = await sizes(true);
    expect(Math.max(...shown)).toBeLessThanOrEqual(IP_CREATE_LINES);
    expect(shown.reduce((a, b) => a + b, 0)).toBe(n - 1);
  });

  it("a failure ends the bar too", async () => {
    const executor = new RecordingExecutor((c) => (c.line.startsWith("route") ? "Error: no" : undefined), {
      rtnl: true,
    });
    const seen: Progress[] = [];
    const r = await applyAll(chainOps(60), { executor, nsName, onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(false);
    expect(seen[seen.length - 1]?.end).toBe(true);
    expect(seen[seen.length - 1]?.done.routes).toBe(0);
  });

  it("the time left: none at first, then what the work done so far says", () => {
    let now = 0;
    const ops = chainOps(4);
    const seen: Progress[] = [];
    const stages = planParts([ops], nsName);
    const t = new ProgressTracker(
      stages,
      ops,
      (p) => seen.push(p),
      () => now,
    );
    const all = stages.flatMap((s) => [...s.create, ...[...s.ns.values()].flat()]);
    const half = all.slice(
      0,
      all.findIndex((l) => l.step.tool !== "netns"),
    );
    now = 100;
    t.done(half.slice(0, 1));
    expect(seen[0]?.leftMs).toBeUndefined(); // too early
    now = 2000;
    t.done(half.slice(1));
    const left = seen[1]?.leftMs ?? -1;
    expect(left).toBeGreaterThan(0);
    now = 3000;
    t.done(all.slice(half.length));
    expect(seen[2]?.leftMs).toBe(0);
    expect(seen[2]?.done).toEqual(seen[2]?.total);
  });
});

const at = (done: [number, number, number], total: [number, number, number], leftMs?: number): Progress => ({
  done: { namespaces: done[0], links: done[1], routes: done[2] },
  total: { namespaces: total[0], links: total[1], routes: total[2] },
  size: total[0],
  elapsedMs: 1000,
  leftMs,
  end: false,
});

describe("the bar", () => {
  it("says what is done of what, and the time left once there is a guess", () => {
    expect(progressLine(at([1000, 312, 0], [1000, 999, 1998]))).toBe(
      "building [#####-----------] ns 1000/1000, links 312/999, routes 0/1998",
    );
    expect(progressLine(at([1000, 999, 1000], [1000, 999, 1998], 2400))).toBe(
      "building [############----] ns 1000/1000, links 999/999, routes 1000/1998, ~2s left",
    );
    expect(progressLine(at([1000, 999, 1990], [1000, 999, 1998], 300))).toMatch(/, ~<1s left$/);
    // All counted: no guess.
    expect(progressLine(at([1000, 999, 1998], [1000, 999, 1998], 0))).toBe(
      "building [################] ns 1000/1000, links 999/999, routes 1998/1998",
    );
    expect(progressLine(at([30, 0, 0], [60, 0, 0], 90_000))).toBe("building [########--------] ns 30/60, ~2m left");
  });

  it("never wider than the terminal less one column (a full line would wrap and break the redraw)", () => {
    const line = progressLine(at([5, 5, 5], [10000, 9999, 19998], 1000), 40);
    expect(line).toHaveLength(39);
    expect(line.startsWith("building [")).toBe(true);
    // A terminal that says it has no columns (script(1)'s may) gets the whole line.
    expect(progressLine(at([5, 5, 5], [10, 9, 19]), 0)).toBe(progressLine(at([5, 5, 5], [10, 9, 19])));
  });

  it("nothing for small changes; frames in place, padded over a longer one; wiped at the end", () => {
    const out: string[] = [];
    const bar = progressBar((t) => out.push(t));
    bar(at([1, 0, 0], [PROGRESS_MIN - 1, 0, 0]));
    bar({ ...at([1, 0, 0], [PROGRESS_MIN - 1, 0, 0]), end: true });
    expect(out).toEqual([]);
    const long = at([10, 0, 0], [100, 99, 100], 61_000);
    const short = at([100, 0, 0], [100, 99, 100]);
    bar(long);
    bar(short);
    bar({ ...short, end: true });
    expect(out[0]).toBe(`\r${progressLine(long)}`);
    expect(out[1]).toBe(`\r${progressLine(short).padEnd(progressLine(long).length)}`);
    expect(out[2]).toBe(`\r${" ".repeat(progressLine(long).length)}\r`);
  });
});
