// A progress bar for long changes on a terminal, redrawn in place on stderr and wiped at the end:
// `building [######----------] ns 1000/1000, links 312/999, routes 0/1998, ~3s left`.
// Only for changes over PROGRESS_MIN namespaces; piped, the front end asks for none (driver/setup.ts).
import type { Counts, Progress } from "../runtime/progress-count.js";

/** Changes touching fewer namespaces than this finish before a bar would help. */
export const PROGRESS_MIN = 50;
const WIDTH = 16;

const seconds = (ms: number): string =>
  ms < 1000 ? "<1s" : ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)}m`;

/** One frame of the bar, without the carriage return, cut to `columns` less one (a full line would wrap). */
export function progressLine(p: Progress, columns = 200): string {
  const all = (c: Counts) => c.namespaces + c.links + c.routes;
  const total = all(p.total);
  const filled = total === 0 ? WIDTH : Math.round((all(p.done) / total) * WIDTH);
  const parts = [
    ...(p.total.namespaces > 0 ? [`ns ${p.done.namespaces}/${p.total.namespaces}`] : []),
    ...(p.total.links > 0 ? [`links ${p.done.links}/${p.total.links}`] : []),
    ...(p.total.routes > 0 ? [`routes ${p.done.routes}/${p.total.routes}`] : []),
    // Nothing left to guess once everything is counted (the last processes' bookkeeping is not).
    ...(p.leftMs === undefined || all(p.done) === total ? [] : [`~${seconds(p.leftMs)} left`]),
  ];
  const line = `building [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${parts.join(", ")}`;
  // A pseudo-terminal may say it has 0 columns: then it is not cut.
  return columns < 2 || line.length < columns ? line : line.slice(0, columns - 1);
}

/** A progress callback that draws on `write` (a terminal's stream), and clears its line at the end. */
export function progressBar(write: (text: string) => void, columns?: number): (p: Progress) => void {
  let shown = 0;
  return (p) => {
    if (p.size < PROGRESS_MIN) return;
    if (p.end) {
      if (shown > 0) write(`\r${" ".repeat(shown)}\r`);
      shown = 0;
      return;
    }
    const line = progressLine(p, columns);
    // A shorter frame than the last leaves the last one's tail: pad over it.
    write(`\r${line.padEnd(shown)}`);
    shown = Math.max(shown, line.length);
  };
}
