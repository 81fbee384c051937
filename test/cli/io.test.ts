// Colour is decided per stream: a stream that is not a terminal gets no ANSI codes, whatever the other is.
import { expect, test } from "vitest";
import { streamIo, withoutColour } from "../../src/cli/io.js";

const ESC = String.fromCharCode(27);

function written(facts: { outTty: boolean; errTty: boolean; noColor: boolean }) {
  const out: string[] = [];
  const err: string[] = [];
  const io = streamIo(facts, { out: (t) => out.push(t), err: (t) => err.push(t) });
  io.out(io.c.green("+ ns A"));
  io.err(`${io.c.bold("f:1:1: ")}${io.c.red("unknown node 'B'")}`);
  return { out: out.join(""), err: err.join("") };
}

test("stdout a terminal, stderr a file: colour on the terminal only", () => {
  const w = written({ outTty: true, errTty: false, noColor: false });
  expect(w.out).toContain(`${ESC}[32m`);
  expect(w.err).toBe("f:1:1: unknown node 'B'");
});

test("stderr a terminal, stdout a pipe: colour on stderr only", () => {
  const w = written({ outTty: false, errTty: true, noColor: false });
  expect(w.out).toBe("+ ns A");
  expect(w.err).toContain(`${ESC}[31m`);
});

test("neither a terminal, or NO_COLOR: plain text on both", () => {
  for (const facts of [
    { outTty: false, errTty: false, noColor: false },
    { outTty: true, errTty: true, noColor: true },
  ]) {
    const w = written(facts);
    expect(w).toEqual({ out: "+ ns A", err: "f:1:1: unknown node 'B'" });
  }
});

test("withoutColour removes SGR sequences and nothing else", () => {
  expect(withoutColour(`${ESC}[1m${ESC}[31mred${ESC}[39m${ESC}[22m [x] ${ESC}[0m`)).toBe("red [x] ");
  expect(withoutColour("a [31m b ESC[0m")).toBe("a [31m b ESC[0m");
});
