// Found from the outside (wave 2's adversary): a 10 MB word piped into the REPL or the tutorial, where
// no file limit stands before the lexer, overflowed the stack of a token's regular expression: the REPL
// said "Uncaught RangeError", the tutorial ended with an internal error and a stack trace. A text longer
// than a file may be is refused whole, at its start, in the reader's language; one just under is lexed.
import { describe, expect, it } from "vitest";
import { isIncomplete, MAX_TEXT_CHARS, parse } from "../../grammar/index.js";
import { renderError } from "../../src/present/render-error.js";
import { reword } from "../../src/words/phrases.js";

const plain = { red: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s } as never;

describe("a text longer than netl reads", () => {
  it("is one positioned error, short, not a thrown RangeError", () => {
    for (const text of ["a".repeat(10_000_000), `ns A\n${"x:".repeat(MAX_TEXT_CHARS)}`]) {
      // The REPL asks first whether the entry goes on at the next line.
      expect(isIncomplete(text)).toBe(false);
      const { program, errors } = parse(text);
      expect(program.statements).toEqual([]);
      expect(errors).toHaveLength(1);
      const [e] = errors;
      expect(e?.code).toBe("text-too-long");
      expect(e?.span?.line).toBe(1);
      expect(e?.span?.col).toBe(1);
      expect(renderError(e as never, text, "<repl>", plain).length).toBeLessThan(1000);
      expect(reword(e?.message ?? "", "zh")).toMatch(/\p{Script=Han}/u);
    }
  });

  it("a long line is shown around the caret, which stays under what it points at", () => {
    const text = `${"a".repeat(50_000)}Z${"b".repeat(50_000)}`;
    const span = { line: 1, col: 50_001, endLine: 1, endCol: 50_002, offset: 50_000, endOffset: 50_001 };
    const e = { phase: "parse", code: "x", message: "m", span } as never;
    const [, shown = "", carets = ""] = renderError(e, text, "f", plain).split("\n");
    expect(shown.length).toBeLessThan(200);
    expect(shown).toMatch(/^ {2}…a+Zb+…$/);
    expect(carets.indexOf("^")).toBe(shown.indexOf("Z"));
    expect(carets.trim()).toBe("^");
  });

  it("groups like an IPv6 address's, by the hundred thousand, lex in linear time", () => {
    // Each `a:` started an IPv6 match that looked for `::` to the end of the line: a 4 MiB file of
    // them took hours. An address has at most eight groups, so no match looks further.
    for (const word of ["a:".repeat(200_000), "1:".repeat(200_000), "ab:cd:".repeat(100_000)]) {
      const t0 = Date.now();
      const { errors } = parse(`ns A\nping A ${word}\n`);
      expect(errors.length).toBeGreaterThan(0);
      expect(Date.now() - t0).toBeLessThan(3000);
    }
  });

  it("a text of the most netl reads is read as any other", () => {
    const { errors } = parse(`ns ${"a".repeat(MAX_TEXT_CHARS - 3)}`);
    expect(errors.map((e) => e.code)).not.toContain("text-too-long");
  });
});
