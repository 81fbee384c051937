// What the learner did in a lesson, besides the lab itself: each statement as it ran (with the lab
// before and after it and what it gave), and the packets their captures saw. The checks read it.
import type { StatementRun } from "../driver/entry.js";
import type { World } from "../interpreter/world.js";

export interface Did extends StatementRun {
  /** The lab after the statement ran. */
  readonly after: World;
}

/** A packet a capture of the learner's saw, by what kind it is. */
export interface Seen {
  readonly node: string;
  readonly ifname: string;
  /** `arp-request`, `arp-reply`, `icmp-echo-request`, `icmp-echo-reply`, … (present/capture.ts). */
  readonly kind: string;
}

export interface Record {
  readonly did: readonly Did[];
  readonly seen: readonly Seen[];
}

/** A record to fill as the lesson goes (the lesson's own; never shared). */
export function newRecord(): { record: Record; add: (d: Did) => void; see: (s: Seen) => void } {
  const did: Did[] = [];
  const seen: Seen[] = [];
  return { record: { did, seen }, add: (d) => did.push(d), see: (s) => seen.push(s) };
}

/** Whether a statement ran without an error (an `expect` that failed, a command that failed: not done). */
const ranWell = (d: Did): boolean =>
  d.outcome !== undefined &&
  (d.outcome.kind !== "expect" || d.outcome.passed) &&
  !((d.outcome.kind === "exec" || d.outcome.kind === "terminal") && d.outcome.exitCode !== 0);

/** The statements that ran without an error. */
export const succeeded = (record: Record): Did[] => record.did.filter(ranWell);

/** A mistake to give the hint after: a statement refused, a command or an expect that failed, a ping unanswered. */
export const slipped = (d: Did): boolean =>
  (!ranWell(d) && !stoppedByLearner(d)) || (d.outcome?.kind === "ping" && !d.outcome.ok);

/** A command the learner stopped with Ctrl-C (status 130, as on the terminal lent to it). */
const stoppedByLearner = (d: Did): boolean =>
  (d.outcome?.kind === "exec" || d.outcome?.kind === "terminal") && d.outcome.exitCode === 130;
