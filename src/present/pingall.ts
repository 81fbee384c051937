// `pingall`'s answer as Mininet prints it: one row per node with the nodes it reached (X for the
// ones it did not), then the drop rate.
import type { PingallOutcome } from "../runtime/queries-pingall.js";

export function pingallLines(outcome: PingallOutcome): string[] {
  if (outcome.total === 0) return ["pingall: fewer than two nodes, nothing to ping"];
  const width = outcome.rows.reduce((w, r) => Math.max(w, r.from.length), 0);
  const rows = outcome.rows.map((r) =>
    `${r.from.padEnd(width)} -> ${r.results.map((x) => (x.ok ? x.to : "X".padEnd(x.to.length))).join(" ")}`.trimEnd(),
  );
  const rate = Math.round((100 * outcome.lost) / outcome.total);
  return [...rows, `drop rate ${rate}% (${outcome.lost}/${outcome.total} lost)`];
}
