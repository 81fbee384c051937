// The progress of a long change: apply reports each namespace done, and the bar draws it on a
// terminal only for changes over PROGRESS_MIN namespaces, wiping its line at the end.
import { describe, expect, it } from "vitest";
import type { Op } from "../../src/interpreter/ops/types.js";
import { PROGRESS_MIN, progressBar, progressLine } from "../../src/present/progress.js";
import { applyAll } from "../../src/runtime/apply.js";
import { RecordingExecutor } from "../support/recording-executor.js";

describe("progress", () => {
  it("apply reports every namespace's batches as done, in order, with the total", async () => {
    const ops: Op[] = ["A", "B", "C"].flatMap((node): Op[] => [
      { kind: "netns.add", node },
      { kind: "link.set", node, ifname: "lo", up: true },
    ]);
    const seen: [number, number][] = [];
    const r = await applyAll(ops, {
      executor: new RecordingExecutor(),
      nsName: (n) => `p-${n}`,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(r.ok).toBe(true);
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("the bar: nothing for small changes, frames in place, its line wiped at the end", () => {
    const out: string[] = [];
    const bar = progressBar((t) => out.push(t));
    bar(1, PROGRESS_MIN - 1);
    expect(out).toEqual([]);
    bar(25, 100);
    bar(100, 100);
    expect(out[0]).toBe(`\r${progressLine(25, 100)}`);
    expect(progressLine(25, 100)).toBe("building [########----------------------] 25/100 namespaces");
    expect(out[1]).toMatch(/^\r +\r$/);
  });
});
