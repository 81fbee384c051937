// What netl takes as source text (grammar/text.ts): no control character but tab and the line end,
// each refused with its position; a carriage return only before a newline.
import { describe, expect, it } from "vitest";
import { controlCharacter, printable, textError } from "../../grammar/text.js";

describe("source text", () => {
  it("takes text with tabs, newlines and Windows line ends, and any printable character", () => {
    for (const text of ["ns A\n", "ns\tA\r\nns B\r\n", "exec A echo 'é ✓ \u2028'\n", ""])
      expect(controlCharacter(text), JSON.stringify(text)).toBeUndefined();
  });

  it("refuses NUL, ESC, DEL, C1 controls and a lone carriage return, at the first one", () => {
    const cases: [string, number, number][] = [
      ["ns A\nexec A echo a\u0000b\n", 18, 0],
      ["ns A\nexec A printf '\u001b[31m'\n", 20, 0x1b],
      ["ns A\u007f\n", 4, 0x7f],
      ["ns A\u0085\n", 4, 0x85],
      ["ns A\rexec A rm -rf x\n", 4, 0x0d],
      ["ns A\r\nns B\r", 10, 0x0d],
      ["\u0001", 0, 1],
    ];
    for (const [text, offset, code] of cases)
      expect(controlCharacter(text), JSON.stringify(text)).toEqual({ offset, code });
  });

  it("says where, with a hint: a NUL is a binary file", () => {
    expect(textError("ns A\nexec A echo a\u0000b\n")).toMatchObject({
      phase: "lex",
      code: "control-character",
      message: "a control character U+0000 (NUL) is in the text",
      span: { line: 2, col: 14, endLine: 2, endCol: 15, offset: 18, endOffset: 19 },
      hint: "netl reads text: this looks like a binary file, not a netl script",
    });
    expect(textError("ns A\u001b")?.message).toBe("a control character U+001B (ESC) is in the text");
    expect(textError("ns A\n")).toBeUndefined();
  });

  it("is shown one column of U+FFFD each, so that carets line up and nothing reaches the terminal", () => {
    expect(printable("a\u0000b\u001b[2Jc\u007f")).toBe("a\ufffdb\ufffd[2Jc\ufffd");
  });

  it("scans a big file in one pass", () => {
    const text = `${"ns A\r\n".repeat(500_000)}\u0000`;
    const t = performance.now();
    expect(controlCharacter(text)?.offset).toBe(text.length - 1);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
