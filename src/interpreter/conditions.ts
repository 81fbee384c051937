// Link conditions: what an interface's queue does to what it sends (delay, loss, rate, …).
// A link's conditions sit on both ends, so each direction sees them once; `set A -> B` changes one end.
// The MTU is written with them but is the interface's own (Iface.mtu), not the queue's.
import type { Condition, ConditionName } from "../../grammar/ast.js";
import { formatCondition } from "../../grammar/quantities.js";
import { ok, type Result } from "../diagnostic.js";
import { problem } from "./problem.js";

export type QueueName = Exclude<ConditionName, "mtu">;

/** Only the conditions in force; never an empty object (no conditions is `undefined`). */
export type Conditions = Readonly<Partial<Record<QueueName, number>>>;

/** The order conditions are written in, by netl and for tc. */
export const QUEUE_ORDER: readonly QueueName[] = [
  "delay",
  "jitter",
  "loss",
  "rate",
  "corrupt",
  "duplicate",
  "reorder",
  "limit",
];

/** The MTU a new veth has, and what `clear` puts back. */
export const DEFAULT_MTU = 1500;

/** The conditions in force, in QUEUE_ORDER. */
export function conditionEntries(c: Conditions | undefined): [QueueName, number][] {
  const entries: [QueueName, number][] = [];
  if (c === undefined) return entries;
  for (const name of QUEUE_ORDER) {
    const value = c[name];
    if (value !== undefined) entries.push([name, value]);
  }
  return entries;
}

/** `given` on top of `before`: each written condition replaces its old value; a 0 takes it away. */
export function mergeConditions(before: Conditions | undefined, given: readonly Condition[]): Conditions | undefined {
  const next: Partial<Record<QueueName, number>> = { ...before };
  for (const c of given) {
    if (c.name === "mtu") continue;
    if (c.value === 0) delete next[c.name];
    else next[c.name] = c.value;
  }
  return conditionEntries(next).length === 0 ? undefined : next;
}

/** Conditions that only make sense with others: jitter and reorder work on a delay. */
export function requireCoherent(merged: Conditions | undefined, given: readonly Condition[]): Result<void> {
  for (const name of ["jitter", "reorder"] as const) {
    if (merged?.[name] === undefined || merged.delay !== undefined) continue;
    const at = given.find((c) => c.name === name) ?? given.find((c) => c.name === "delay");
    if (at === undefined) continue;
    const what = name === "jitter" ? "jitter varies a delay" : "reorder sends some packets without the delay";
    return problem(
      `${name}-without-delay`,
      `${name} needs a delay: ${what}`,
      at.span,
      `write both, such as: delay 50ms ${name} ${name === "jitter" ? "10ms" : "25%"}`,
    );
  }
  return ok(undefined);
}

export const sameConditions = (a: Conditions | undefined, b: Conditions | undefined): boolean =>
  describeConditions(a) === describeConditions(b);

/** `delay 50ms jitter 5ms loss 1%`, as netl writes them; "" for none. */
export function describeConditions(c: Conditions | undefined): string {
  return conditionEntries(c)
    .map(([name, value]) => `${name} ${formatCondition(name, value)}`)
    .join(" ");
}

/** The conditions that need tc's netem; `rate` alone is done by tbf, which every kernel has. */
export const netemConditions = (c: Conditions | undefined): QueueName[] =>
  conditionEntries(c).length === 1 && c?.rate !== undefined ? [] : conditionEntries(c).map(([name]) => name);
