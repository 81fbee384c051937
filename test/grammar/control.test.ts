// Issue 25 #2: control characters in netl source are refused with their position, before anything is
// read; `\r\n` is a line end, a lone `\r` is not; text from outside is shown with its controls escaped.
import pc from "picocolors";
import { describe, expect, test } from "vitest";
import { controlErrors, findControls, parse, showControls } from "../../grammar/index.js";
import { netlError } from "../../src/diagnostic.js";
import { renderError } from "../../src/present/render-error.js";

const c = pc.createColors(false);
const at = (text: string) => findControls(text).map((f) => [f.span.line, f.span.col, f.char.codePointAt(0)]);
const codes = (text: string) => parse(text).errors.map((e) => `${e.span?.line}:${e.span?.col} ${e.code}`);

describe("control characters in netl source", () => {
  test("the terminal-rewriting spawn of the issue is refused where its first ESC is", () => {
    // What a terminal shows as `spawn A true;` while the line also runs a touch.
    const text = "ns A\nspawn A true; touch /tmp/owned \u001b[28D\u001b[K\n";
    expect(codes(text)).toEqual(["2:32 control-character", "2:37 control-character"]);
    expect(parse(text).program.statements).toEqual([]);
    expect(parse(text).errors[0]?.message).toBe("control character U+001B (ESC) in netl source");
  });

  test("every kind is found: C0, DEL, C1, NUL, bidi overrides, line separators; each at its column", () => {
    const text = "a\u0000b\u0007c\u007fd\u009be\u202ef\u2066g\u2028h";
    expect(at(text)).toEqual([
      [1, 2, 0],
      [1, 4, 7],
      [1, 6, 0x7f],
      [1, 8, 0x9b],
      [1, 10, 0x202e],
      [1, 12, 0x2066],
      [1, 14, 0x2028],
    ]);
  });

  test("an OSC 52 (clipboard write) in a name is refused, not echoed", () => {
    expect(codes("ns A\u001b]52;c;ZWNobyBoaQ==\u0007")).toEqual(["1:5 control-character", "1:24 control-character"]);
  });

  test("a lone CR is refused at its place; CRLF ends a line like LF", () => {
    expect(codes("ns A\rns B")).toEqual(["1:5 lone-carriage-return"]);
    expect(codes("ns A\r")).toEqual(["1:5 lone-carriage-return"]);
    expect(codes("ns A\r\r\nns B")).toEqual(["1:5 lone-carriage-return"]);
    expect(parse("ns A\r\nns B\r\n").errors).toEqual([]);
    expect(parse("ns A\r\nns B\r\n").program.statements.map((s) => s.span.line)).toEqual([1, 2]);
  });

  test("what must pass: tabs, line ends, letters of any script, a no-break space, emoji", () => {
    for (const text of [
      "ns\tA",
      "ns A\n\nns B\n",
      "ns A\r\n",
      "exec A echo 'héllo wörld ✓ 日本 🙂'",
      "exec A a\u00a0b",
    ])
      expect(parse(text).errors, JSON.stringify(text)).toEqual([]);
  });

  test("a binary file gives a few errors, not one per byte", () => {
    expect(controlErrors("\u0000".repeat(100_000))).toHaveLength(5);
  });

  test("later lines count from their own start", () => {
    expect(at("ns A\n\n  ns\u0001B\nx\u0002")).toEqual([
      [3, 5, 1],
      [4, 2, 2],
    ]);
  });
});

describe("text from outside is shown escaped", () => {
  test("showControls escapes controls and keeps tabs and line ends", () => {
    expect(showControls("a\u001b[2Jb\tc\r\nd\u202ee")).toBe("a\\x1b[2Jb\tc\nd\\u202ee");
    expect(showControls("a\nb\u0007", { oneLine: true })).toBe("a\\nb\\x07");
  });

  test("an error quoting a file name, a line and a program's words writes no control byte", () => {
    const source = "ns A\nspawn A x\u001b]52;c;aGk=\u0007\n";
    const error = netlError("kernel", "x", "it failed \u001b[8m", {
      span: { line: 2, col: 10, endLine: 2, endCol: 11, offset: 14, endOffset: 15 },
      failed: { argv: ["ip", "a\u001b[Kb"], stderr: "oops\u001b[1A\u001b[2K\n" },
      hint: "try \u009b2J",
    });
    const text = renderError(error, source, "lab\u001b[31m.netl", c);
    expect(findControls(text)).toEqual([]);
    expect(text.split("\n")).toEqual([
      "lab\\x1b[31m.netl:2:10: error: it failed \\x1b[8m",
      "  spawn A x\\x1b]52;c;aGk=\\x07",
      "           ^^^^",
      "  kernel said: oops\\x1b[1A\\x1b[2K",
      "",
      "  hint: try \\x9b2J",
    ]);
  });
});
