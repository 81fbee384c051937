// Loops: the for statement, `{expr}` filled in per value, nested loops, and errors that say where
// (the file's line and column) and with which value.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { evaluateExpr, expandFor, fillIn } from "../../grammar/loops.js";
import { noSpans } from "./helpers.js";

const loopOf = (text: string) => {
  const { program, errors } = parse(text);
  expect(errors).toEqual([]);
  const stmt = program.statements.find((s) => s.kind === "for");
  if (stmt?.kind !== "for") throw new Error("no loop");
  return stmt;
};
const expanded = (text: string) => {
  const r = expandFor(loopOf(text));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((e) => noSpans(e.stmt));
};

describe("loops", () => {
  it("parses a loop, its range and its body as written (lines included)", () => {
    const loop = loopOf("ns s\nfor i in 1..4 {\n  ns h{i}\n  link h{i} <-> s\n}\n");
    expect(loop).toMatchObject({ variable: { text: "i" }, from: 1, to: 4, body: "\n  ns h{i}\n  link h{i} <-> s\n" });
    expect(loop.bodyAt).toMatchObject({ line: 2, col: 16 });
  });

  it("expressions: + - * and parentheses over bound variables; an unbound one is left for an inner loop", () => {
    const vars = new Map([["i", 3]]);
    expect(evaluateExpr("i+1", vars)).toBe(4);
    expect(evaluateExpr("2 * (i - 1)", vars)).toBe(4);
    expect(evaluateExpr("j", vars)).toBeUndefined();
    expect(fillIn("n{i} n{i+1} 10.0.{i*10}.0/24 x{j}", vars)).toBe("n3 n4 10.0.30.0/24 x{j}");
  });

  it("expands each iteration with its values, nested loops inside out", () => {
    expect(expanded("for i in 1..2 { link n{i} <-> n{i+1} 10.77.{i}.0/24 }")).toMatchObject([
      { kind: "link", a: { node: { text: "n1" } }, b: { node: { text: "n2" } }, prefixes: [{ address: "10.77.1.0" }] },
      { kind: "link", a: { node: { text: "n2" } }, b: { node: { text: "n3" } }, prefixes: [{ address: "10.77.2.0" }] },
    ]);
    expect(expanded("for i in 1..2 { for j in 1..2 { ns x{i}y{j} } }")).toEqual(
      ["x1y1", "x1y2", "x2y1", "x2y2"].map((n) => ({ kind: "ns", names: [{ text: n }] })),
    );
  });

  it("an error names the value that made it, at the file's line and column", () => {
    const r = expandFor(loopOf("ns A\n\nfor i in 254..256 { link A <-> A{i} 10.{i}.0.0/24 }"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(
      "bad address '10.256.0.0/24': each number in an IPv4 address is at most 255 (with i = 256)",
    );
    expect(r.error.span).toMatchObject({ line: 3, col: 37 });
    expect(r.error.source?.name).toBe("loop (i = 256)");
  });

  it("an empty range, and braces outside a loop, are errors with the allowed form", () => {
    expect(expandFor(loopOf("for i in 4..1 { ns h{i} }"))).toMatchObject({
      ok: false,
      error: { code: "empty-loop", message: "the range 4..1 is empty" },
    });
    expect(parse("ns h{i}").errors[0]).toMatchObject({
      message: "unexpected character '{'",
      hint: expect.stringContaining("only inside a loop"),
    });
  });
});
