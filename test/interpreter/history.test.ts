// The history keeps few Worlds and makes the others again (history.ts): over random programs long
// enough to pass several checkpoints, every World it gives back — after undo N, redo N, or a released
// point asked again — equals the one a history that kept every World would give, and undo N equals N undos.
import fc from "fast-check";
import { isImmutable } from "immutable";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { CHECKPOINT } from "../../src/interpreter/history.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, release, type Timeline, type Transition, undo } from "../../src/interpreter/timeline.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { statement } from "./arbitraries.js";
import { stmt } from "./harness.js";
import { factsFor } from "./machine.js";

/** A World as plain data, maps as their entries in order: equal data, equal Worlds. */
function data(value: unknown): unknown {
  if (isImmutable(value)) return [...(value as Iterable<unknown>)].map(data);
  if (Array.isArray(value)) return value.map(data);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, data(v)]));
  return value;
}

type Command =
  | { kind: "stmt"; stmt: Statement }
  | { kind: "grow" }
  | { kind: "undo"; n: number }
  | { kind: "redo"; n: number }
  | { kind: "reset" };

const count = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 * CHECKPOINT + 5 }));
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: statement.map((s): Command => ({ kind: "stmt", stmt: s })) },
  // A statement that always applies, so that histories grow past several checkpoints.
  { weight: 30, arbitrary: fc.constant<Command>({ kind: "grow" }) },
  { weight: 2, arbitrary: count.map((n): Command => ({ kind: "undo", n })) },
  { weight: 1, arbitrary: count.map((n): Command => ({ kind: "redo", n })) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: "reset" }) },
);

/** A line of netl the interpreter does not evaluate itself (reset, redo), read by the real parser. */
function sessionStmt(line: string): Statement {
  const [only] = parse(line).program.statements;
  if (only === undefined) throw new Error(`'${line}' does not parse`);
  return only;
}

const RESET = sessionStmt("reset");

describe("a history that keeps few Worlds", () => {
  it("gives back the Worlds a history keeping every World gives, and undo N is N undos", () => {
    let deepest = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: 100, maxLength: 300 }), (commands) => {
        let t: Timeline = emptyTimeline;
        // The model: every World kept, done (the last is the World now) and undone (the last comes back first).
        const done: World[] = [emptyWorld];
        let undone: World[] = [];
        let grown = 0;
        // Past a checkpoint from the start, then anything: undo and redo across kept Worlds are the point.
        const grow: Command[] = Array.from({ length: CHECKPOINT + 20 }, () => ({ kind: "grow" }));
        for (const c of [...grow, ...commands]) {
          let s: Statement;
          if (c.kind === "undo" || c.kind === "redo") {
            const moved = c.kind === "undo" ? undo(t, c.n) : redoBy(t, c.n);
            const k = Math.min(c.n, c.kind === "undo" ? done.length - 1 : undone.length);
            for (let i = 0; i < k; i++) {
              if (c.kind === "undo") undone.push(done.pop() as World);
              else done.push(undone.pop() as World);
            }
            if (c.kind === "undo" && c.n > 1) expectSingleUndos(t, c.n, moved);
            t = moved.next;
          } else {
            s = c.kind === "grow" ? stmt(`ns G${grown++}`) : c.kind === "reset" ? RESET : c.stmt;
            const r = step(t, s, "s", undefined, factsFor(t.world));
            if (!r.ok || r.value.kind !== "transition") continue;
            t = r.value.transition.next;
            done.push(t.world);
            undone = [];
          }
          deepest = Math.max(deepest, t.done.size);
          expect(t.done.size).toBe(done.length - 1);
          // Worlds compared whole where the history made one (undo, redo), and now and then besides.
          if (c.kind !== "undo" && c.kind !== "redo" && t.done.size % 16 !== 0) continue;
          expect(data(t.world)).toEqual(data(done.at(-1)));
          // A point asked for its World again makes it from the history alone.
          const kept = t.world;
          release(t);
          expect(data(t.world)).toEqual(data(kept));
        }
      }),
      { numRuns: 30 },
    );
    expect(deepest).toBeGreaterThan(CHECKPOINT + 16);
  });
});

/** redo N, through the step a script takes. */
function redoBy(t: Timeline, n: number): Transition {
  const r = step(t, sessionStmt(`redo ${n}`), "redo");
  if (!r.ok || r.value.kind !== "transition") throw new Error("redo did not move the timeline");
  return r.value.transition;
}

/** `undo N` from `t` takes the ops, words and World of N single undos. */
function expectSingleUndos(t: Timeline, n: number, many: Transition): void {
  let one = t;
  const ops = [];
  const summary = [];
  for (let i = 0; i < n; i++) {
    const u = undo(one, 1);
    ops.push(...u.ops);
    summary.push(...u.summary);
    one = u.next;
  }
  const words = (lines: readonly string[]) => lines.filter((l) => !/^nothing (more )?to undo$/.test(l));
  expect(many.ops).toEqual(ops);
  expect(words(many.summary)).toEqual(words(summary));
  expect(many.next.done.size).toBe(one.done.size);
  expect(many.next.undone.size).toBe(one.undone.size);
  expect(data(many.next.world)).toEqual(data(one.world));
}
