// A file's expansion is bounded before anything runs (grammar/loops.ts): loops nested deeper than
// MAX_DEPTH, a `{expr}` with parentheses deeper than that, more than MAX_STATEMENTS statements in a
// file (its loops' iterations counted by their bodies), more than MAX_EXPANDED_TEXT of loop bodies:
// each a positioned error, never a stack overflow or a machine's memory taken.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { MAX_DEPTH, MAX_STATEMENTS } from "../../grammar/loops.js";
import { checkProgram } from "../../src/interpreter/program.js";
import { emptyWorld } from "../../src/interpreter/world.js";

/** The first error of checking a whole script, as `netl check` does. */
function check(text: string) {
  const { program, errors } = parse(text);
  expect(errors).toEqual([]);
  return checkProgram(emptyWorld, program.statements, { source: text }).error;
}

const nested = (depth: number, inner: string) => `${"for i in 1..1 {\n".repeat(depth)}${inner}\n${"}\n".repeat(depth)}`;

describe("bounds on what a file expands to", () => {
  it(`refuses loops nested deeper than ${MAX_DEPTH}, at the loop too deep, and takes ${MAX_DEPTH}`, () => {
    expect(check(nested(MAX_DEPTH, "ns A"))).toBeUndefined();
    const error = check(nested(MAX_DEPTH + 1, "ns A"));
    expect(error).toMatchObject({ code: "loops-too-deep", span: { line: MAX_DEPTH + 1, col: 1 } });
    // 4000 deep: an error, not a stack overflow.
    expect(check(nested(4000, "ns A"))?.code).toBe("loops-too-deep");
  });

  it(`refuses a {expr} with parentheses nested deeper than ${MAX_DEPTH}, where it is`, () => {
    const expr = (depth: number) => `for i in 1..2 {\n  ns n{${"(".repeat(depth)}i${")".repeat(depth)}}\n}\n`;
    expect(check(expr(MAX_DEPTH))).toBeUndefined();
    expect(check(expr(MAX_DEPTH + 1))).toMatchObject({ code: "expression-too-deep", span: { line: 2, col: 7 } });
    expect(check(expr(4000))?.code).toBe("expression-too-deep");
  });

  it(`counts every statement of a file, loops' iterations by their bodies: at most ${MAX_STATEMENTS}`, () => {
    // One loop just within; two loops of the same file over it, refused at the second.
    expect(check(`for i in 1..${MAX_STATEMENTS} { ns a{i} }\n`)).toBeUndefined();
    const two = `for i in 1..${MAX_STATEMENTS / 2} { ns a{i} }\nfor i in 1..${MAX_STATEMENTS / 2 + 1} { ns b{i} }\n`;
    expect(check(two)).toMatchObject({ code: "too-many-statements", span: { line: 2, col: 1 } });
    // A body of 200 statements run 1000 times is 200 000, not 1000.
    const body = Array.from({ length: 200 }, (_, k) => `  ns a{i}x${k}`).join("\n");
    expect(check(`for i in 1..1000 {\n${body}\n}\n`)).toMatchObject({ code: "too-many-statements", span: { line: 1 } });
    // A loop of empty bodies counts its iterations.
    expect(check(`for i in 1..${MAX_STATEMENTS + 1} { }\n`)?.code).toBe("too-many-statements");
  });

  it("counts the text of the bodies: a few long bodies many times are refused too", () => {
    const long = `exec A echo ${"x".repeat(100_000)}`;
    const error = check(`ns A\nfor i in 1..200 {\n  ${long}\n}\n`);
    expect(error).toMatchObject({ code: "loop-too-long", span: { line: 2, col: 1 } });
  });
});
