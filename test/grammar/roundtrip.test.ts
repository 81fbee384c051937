// The AST round trip (issue 7): a random valid AST, printed, parses back to itself without errors;
// and every example program, parsed and printed, parses to the same AST again.
// The suite runs a few hundred cases; `npm run fuzz` runs FUZZ_RUNS (10^5).
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { printProgram, printStatement } from "../../grammar/print.js";
import { program, statement } from "./ast-arbitraries.js";
import { noSpans } from "./helpers.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Statements without positions: no `span`, and no `pathSpan` of save/load. */
function shape(statements: readonly Statement[]): unknown {
  return noSpans(statements.map((s) => (s.kind === "save" || s.kind === "load" ? { ...s, pathSpan: undefined } : s)));
}

/** Parse text that must be clean; its statements without positions. */
function reparse(text: string): unknown {
  const { program, errors } = parse(text);
  expect(
    errors.map((e) => `${e.span?.line}:${e.span?.col} ${e.message}`),
    text,
  ).toEqual([]);
  return shape(program.statements);
}

const examples = readdirSync("examples")
  .filter((f) => f.endsWith(".netl"))
  .map((f) => ({ file: f, text: readFileSync(`examples/${f}`, "utf8") }));

describe("print → parse round trip", () => {
  it(`a random statement prints as text that parses back to it (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(statement, (s) => {
        expect(reparse(printStatement(s))).toStrictEqual(shape([s]));
      }),
      { numRuns: RUNS },
    );
  });

  it(`a random program prints as text that parses back to it (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(program, (statements) => {
        expect(reparse(printProgram(statements))).toStrictEqual(shape(statements));
      }),
      { numRuns: RUNS },
    );
  });

  it.each(examples.filter((e) => parse(e.text).errors.length === 0))("$file: parse → print → parse", ({ text }) => {
    const first = parse(text).program.statements;
    const printed = printProgram(first);
    expect(reparse(printed)).toStrictEqual(shape(first));
    // Printing is a normal form: the reparsed program prints the same text.
    expect(printProgram(parse(printed).program.statements)).toBe(printed);
  });

  it("every example parses cleanly, so each one is round-tripped", () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) expect(parse(e.text).errors, e.file).toEqual([]);
  });

  it("writes what the parser reads: units, escapes, arrows, counts", () => {
    const text = [
      "link A:eth3 10.0.0.9/24 <-> B fd10::a/64 delay 1.5ms jitter 250us loss 0.5% rate 10mbit mtu 1400",
      "set A -> B limit 1000 corrupt 1%",
      "set A:eth0 clear",
      'save "a \\"b\\" \\\\ c"',
      "undo 3",
      "ping A fd10::2 count 5",
      "expect no ping A B",
    ].join("\n");
    expect(printProgram(parse(text).program.statements)).toBe(text);
  });

  // Once gaps, found by the round trip: values the parser gave that no text could give back.
  it("a percentage with more than 6 decimals is refused, not silently rounded on the way back", () => {
    expect(parse("link A <-> B loss 0.0000001%").errors.map((e) => e.message)).toEqual([
      "loss 0.0000001% has more decimals than netl keeps (6 at most)",
    ]);
    const text = "link A <-> B loss 0.000001%";
    expect(reparse(printProgram(parse(text).program.statements))).toStrictEqual(reparse(text));
  });

  it("a command with a control character in it is refused, not read (issue 25 #2)", () => {
    expect(parse("exec A \u0001ls").errors.map((e) => e.code)).toEqual(["control-character"]);
  });
});
