// Fuzzing: random strings and mutated valid programs go through the parser and, when they parse,
// statement by statement through the interpreter. Never a throw; every error has a position.
// The suite runs a few hundred cases; `npm run fuzz` runs FUZZ_RUNS (10^5) of each.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, type Timeline } from "../../src/interpreter/timeline.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const examples = readdirSync("examples")
  .filter((f) => f.endsWith(".netl"))
  .map((f) => readFileSync(`examples/${f}`, "utf8"));

/** Parse, then step every statement; returns how many errors were checked. Throws on a bad error. */
function survive(text: string): number {
  const { program, errors } = parse(text);
  for (const e of errors) {
    const s = e.span;
    if (!s || !(s.line >= 1 && s.col >= 1 && s.offset >= 0 && s.endOffset <= text.length))
      throw new Error(`unpositioned error: ${e.message}`);
  }
  if (errors.length > 0) return errors.length;
  let t: Timeline = emptyTimeline;
  let checked = 0;
  // No loader: `load` is refused as a checked error, never read from disk.
  for (const stmt of program.statements) {
    const r = step(t, stmt, text.slice(stmt.span.offset, stmt.span.endOffset));
    if (!r.ok) {
      checked++;
      continue;
    }
    if (r.value.kind === "transition") t = r.value.transition.next;
  }
  return checked;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 6 }) }),
  fc.record({
    kind: fc.constant("token" as const),
    at: fc.nat(),
    text: fc.constantFrom(
      "ns ",
      "link ",
      "<->",
      " host",
      ":eth0",
      "10.0.0.0/24",
      "fd10::/64",
      "undo",
      "\n",
      ";",
      "{",
      "}",
      "route auto",
      "del ",
      "for i in 1..3 {",
    ),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), len: fc.nat() }),
);

function mutate(text: string, ms: readonly { kind: string; at: number; len?: number; text?: string }[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.kind === "delete") s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else if (m.kind === "swap") {
      const lines = s.split("\n");
      const i = at % lines.length;
      const j = (m.len ?? 0) % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      s = lines.join("\n");
    } else s = s.slice(0, at) + (m.text ?? "") + s.slice(at);
  }
  return s;
}

describe("fuzz", () => {
  it(`random strings never throw (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 80 })), (s) => {
        expect(() => survive(s)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  it(`mutated example programs never throw (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 6 }), (ex, ms) => {
        expect(() => survive(mutate(ex, ms))).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
