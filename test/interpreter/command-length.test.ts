// exec and spawn: a command longer than Linux takes in one argument (sh -c gets it whole) is refused
// where it is written, before anything runs; one byte less still passes. Read by the real parser.
import { expect, test } from "vitest";
import { parse } from "../../grammar/index.js";
import { evaluate, isEvaluable } from "../../src/interpreter/index.js";
import type { World } from "../../src/interpreter/world.js";
import { emptyWorld } from "../../src/interpreter/world.js";

/** Each line of `text` evaluated in turn; the last one's result. */
function last(text: string) {
  const { program, errors } = parse(text);
  expect(errors).toEqual([]);
  let world: World = emptyWorld;
  let result: ReturnType<typeof evaluate> | undefined;
  for (const s of program.statements) {
    if (!isEvaluable(s)) throw new Error(`not a lab statement: ${s.kind}`);
    result = evaluate(world, s);
    if (result.ok && result.value.kind === "change") world = result.value.change.after;
  }
  if (result === undefined) throw new Error("no statement");
  return result;
}

const LIMIT = 131_071;
/** `echo x…x`, `bytes` long in all. */
const echo = (bytes: number) => `echo ${"x".repeat(bytes - 5)}`;

test.each(["exec", "spawn"])(
  "%s: a command of Linux's limit passes, one byte more is refused with its place",
  (verb) => {
    expect(last(`ns A\n${verb} A ${echo(LIMIT)}\n`).ok).toBe(true);
    const r = last(`ns A\n${verb} A ${echo(LIMIT + 1)}\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: "command-too-long",
      message: `${verb}'s command is 131,072 bytes long; Linux takes at most 131,071 in one argument, and sh -c takes the command as one`,
      hint: `put the commands in a script file and run that: ${verb} A sh FILE`,
      span: { line: 2, col: 1 },
    });
  },
);

test("bytes count, not characters: a shorter command of wider characters is refused", () => {
  // 65 540 characters of two bytes each: under the limit in characters, over it in bytes.
  const r = last(`ns A\nexec A echo ${"é".repeat(65_540)}\n`);
  expect(r.ok ? "passed" : r.error.code).toBe("command-too-long");
});
