// How far a change has got, for a progress bar: the namespaces, links and routes its batches made, of how
// many, and a guess of the time left. Counted from each batch process as it ends; where progress is
// asked for, long runs of lines are cut into several processes so that there is something to count.
import type { Op } from "../interpreter/ops/types.js";
import type { PlannedLine, Stage } from "./stages.js";

/** Done and planned, per kind of object the user wrote. */
export interface Counts {
  readonly namespaces: number;
  readonly links: number;
  readonly routes: number;
}

export interface Progress {
  readonly done: Counts;
  readonly total: Counts;
  /** Namespaces whose batches the change runs (a small change shows no bar). */
  readonly size: number;
  /** Milliseconds since the change started, and the estimate of those left (undefined: too early to say). */
  readonly elapsedMs: number;
  readonly leftMs: number | undefined;
  /** The change is over (done, failed or rolled back): the bar goes. */
  readonly end: boolean;
}

/** Lines in one process, at least, where progress is shown: a process start is ~10 namespaces' requests. */
export const CREATE_CHUNK = 250;
/** Namespaces in one rtnetlink process, at least, where progress is shown. */
export const RTNL_CHUNK = 100;

/**
 * The relative kernel time of a line by its op, to weigh the estimate (docs/BENCHMARKS.md, the floor's
 * profile): a namespace and its sysctls cost most, a veth pair less, an address or a route little.
 */
const WEIGHT: Partial<Record<Op["kind"], number>> = {
  "netns.add": 8,
  "sysctl.set": 2,
  "veth.add": 4,
  "bridge.add": 4,
};
const weightOf = (kind: Op["kind"] | undefined): number => (kind === undefined ? 0 : (WEIGHT[kind] ?? 0.3));

/** At least `least` to a process, and at most four processes where one ran: a process start costs a few ms. */
export const chunkSize = (count: number, least: number): number => Math.max(least, Math.ceil(count / 4));

/** Cut `items` into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const ZERO: Counts = { namespaces: 0, links: 0, routes: 0 };

/** Counts lines as their processes end and tells `onProgress`; `now` is injectable for tests. */
export class ProgressTracker {
  readonly #ops: readonly Op[];
  readonly #on: (p: Progress) => void;
  readonly #now: () => number;
  readonly #start: number;
  readonly #total: Counts;
  readonly #weight: number;
  readonly #size: number;
  #done: Counts = ZERO;
  #weightDone = 0;
  #ended = false;

  constructor(stages: readonly Stage[], ops: readonly Op[], on: (p: Progress) => void, now = () => performance.now()) {
    this.#ops = ops;
    this.#on = on;
    this.#now = now;
    this.#start = now();
    const lines = stages.flatMap((s) => [...s.create, ...[...s.ns.values()].flat(), ...s.destroy]);
    this.#total = lines.reduce((c, l) => this.#add(c, l), ZERO);
    this.#weight = lines.reduce((w, l) => w + weightOf(this.#kind(l)), 0);
    this.#size = stages.reduce((n, s) => n + s.ns.size, 0);
  }

  #kind(line: PlannedLine): Op["kind"] | undefined {
    const first = line.ops[0];
    return first === undefined ? undefined : this.#ops[first]?.kind;
  }

  #add(c: Counts, line: PlannedLine): Counts {
    const kind = this.#kind(line);
    if (kind === "netns.add") return { ...c, namespaces: c.namespaces + 1 };
    if (kind === "veth.add") return { ...c, links: c.links + 1 };
    if (kind === "route.add") return { ...c, routes: c.routes + 1 };
    return c;
  }

  /** Show the bar at once, with nothing done: the first processes may take a while. */
  begin(): void {
    this.#tell(false);
  }

  /** These lines are done (their process ended). */
  done(lines: readonly PlannedLine[]): void {
    if (lines.length === 0 || this.#ended) return;
    for (const l of lines) {
      this.#done = this.#add(this.#done, l);
      this.#weightDone += weightOf(this.#kind(l));
    }
    this.#tell(false);
  }

  /** The change is over; told once. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#tell(true);
  }

  #tell(end: boolean): void {
    const elapsedMs = this.#now() - this.#start;
    const fraction = this.#weight === 0 ? 1 : this.#weightDone / this.#weight;
    // Before a twentieth of the work and half a second, a guess says more about process starts than the rest.
    const leftMs = fraction >= 0.05 && elapsedMs >= 500 ? (elapsedMs * (1 - fraction)) / fraction : undefined;
    this.#on({ done: this.#done, total: this.#total, size: this.#size, elapsedMs, leftMs, end });
  }
}
