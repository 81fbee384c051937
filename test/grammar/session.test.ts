// Statements about the session (undo, redo, history, reset, save, load, explain, help): exact ASTs with
// spans, exact errors, and isIncomplete for the REPL's multi-line input.
import { describe, expect, test } from "vitest";
import { isIncomplete, parse } from "../../grammar/index.js";
import { errorsOf, only, sp, statementsOf } from "./helpers.js";

/** The only error of a text, in full. */
function theError(text: string) {
  const { errors, program } = parse(text);
  expect(errors).toHaveLength(1);
  expect(program.statements).toEqual([]);
  return errors[0];
}

describe("undo and redo", () => {
  test("the count defaults to 1", () => {
    expect(only("undo")).toEqual({ kind: "undo", count: 1, span: sp(1, 1, 5, 0) });
    expect(only("redo")).toEqual({ kind: "redo", count: 1, span: sp(1, 1, 5, 0) });
  });

  test("with a count, the span covers it", () => {
    expect(only("undo 3")).toEqual({ kind: "undo", count: 3, span: sp(1, 1, 7, 0) });
    expect(only("  redo 1000 # all of it")).toEqual({ kind: "redo", count: 1000, span: sp(1, 3, 12, 2) });
    expect(statementsOf("undo 1; redo 2")).toEqual([
      { kind: "undo", count: 1 },
      { kind: "redo", count: 2 },
    ]);
  });

  test("bad-count: 1 to 1000, named by the statement", () => {
    expect(theError("undo 0")).toEqual({
      phase: "parse",
      code: "bad-count",
      message: "undo count must be from 1 to 1000, not 0",
      span: sp(1, 6, 7, 5),
    });
    expect(theError("redo 1001")).toEqual({
      phase: "parse",
      code: "bad-count",
      message: "redo count must be from 1 to 1000, not 1001",
      span: sp(1, 6, 10, 5),
    });
    expect(errorsOf("undo 99999999999999999999")).toEqual([
      "1:6 undo count must be from 1 to 1000, not 99999999999999999999",
    ]);
  });

  test("anything else after them", () => {
    expect(errorsOf("undo x")).toEqual(["1:6 expected a count such as 3 or end of line, found 'x'"]);
    expect(errorsOf("redo all")).toEqual(["1:6 expected a count such as 3 or end of line, found 'all'"]);
    expect(errorsOf("undo 3 4")).toEqual(["1:8 expected end of line, found '4'"]);
    expect(errorsOf("undo -1")).toEqual(["1:6 expected a count such as 3 or end of line, found '-1'"]);
  });
});

describe("history and reset", () => {
  test("one word each", () => {
    expect(only("history")).toEqual({ kind: "history", span: sp(1, 1, 8, 0) });
    expect(only("\n reset ")).toEqual({ kind: "reset", span: sp(2, 2, 7, 2) });
  });

  test("take nothing after them", () => {
    expect(errorsOf("history 2")).toEqual(["1:9 expected end of line, found '2'"]);
    expect(errorsOf("reset A")).toEqual(["1:7 expected end of line, found 'A'"]);
  });
});

describe("save and load", () => {
  test("the path is the string's content; pathSpan is the string with its quotes", () => {
    expect(only('save "lab.netl"')).toEqual({
      kind: "save",
      path: "lab.netl",
      pathSpan: sp(1, 6, 16, 5),
      span: sp(1, 1, 16, 0),
    });
    expect(only('load  "/tmp/my lab.netl"  # spaces are fine')).toEqual({
      kind: "load",
      path: "/tmp/my lab.netl",
      pathSpan: sp(1, 7, 25, 6),
      span: sp(1, 1, 25, 0),
    });
  });

  test('\\" and \\\\ are escapes; any other backslash is kept as written', () => {
    const path = (text: string) => {
      const s = only(text);
      return (s.kind === "save" || s.kind === "load") && s.path;
    };
    expect(path(String.raw`save "a \"b\" c\\d"`)).toBe('a "b" c\\d');
    expect(path(String.raw`load "x\ny\\"`)).toBe("x\\ny\\");
  });

  test("a file name is required, in double quotes", () => {
    expect(theError("save")).toEqual({
      phase: "parse",
      code: "syntax",
      message: 'expected a file name in quotes, such as "lab.netl", found end of line',
      span: sp(1, 5, 5, 4),
    });
    expect(errorsOf("load lab.netl")).toEqual([
      "1:6 expected a file name in quotes, such as \"lab.netl\", found 'lab'",
    ]);
    expect(errorsOf('save "a" "b"')).toEqual(["1:10 expected end of line, found '\"b\"'"]);
  });

  test("bad-path: an empty file name", () => {
    expect(theError('save ""')).toEqual({
      phase: "parse",
      code: "bad-path",
      message: "a file name cannot be empty",
      span: sp(1, 6, 8, 5),
    });
  });

  test("single quotes and unclosed strings are lexing errors that say so", () => {
    expect(theError("save 'lab.netl'")).toEqual({
      phase: "lex",
      code: "bad-character",
      message: "unexpected character '''",
      span: sp(1, 6, 7, 5),
      hint: 'strings are written in double quotes, such as "lab.netl"',
    });
    expect(theError('load "lab.netl')).toEqual({
      phase: "lex",
      code: "unclosed-string",
      message: "unclosed string",
      span: sp(1, 6, 7, 5),
      hint: "a string ends with '\"' on the line where it starts",
    });
    expect(errorsOf('save "a\nb"\nshow')).toEqual(["1:6 unclosed string", "2:1 unknown statement 'b'"]);
  });
});

describe("explain", () => {
  test("on and off", () => {
    expect(only("explain on")).toEqual({ kind: "explain", on: true, span: sp(1, 1, 11, 0) });
    expect(statementsOf("explain off")).toEqual([{ kind: "explain", on: false }]);
  });

  test("on and off are not keywords: nodes may be called that", () => {
    expect(statementsOf("ns on, off\nping on off")).toEqual([
      { kind: "ns", names: [{ text: "on" }, { text: "off" }] },
      { kind: "ping", from: { text: "on" }, to: { kind: "node", name: { text: "off" } } },
    ]);
  });

  test("anything else is an error at that word", () => {
    expect(theError("explain x")).toEqual({
      phase: "parse",
      code: "syntax",
      message: "expected 'on' or 'off', found 'x'",
      span: sp(1, 9, 10, 8),
    });
    expect(errorsOf("explain")).toEqual(["1:8 expected 'on' or 'off', found end of line"]);
    expect(errorsOf("explain ON")).toEqual(["1:9 expected 'on' or 'off', found 'ON'"]);
    expect(errorsOf("explain link")).toEqual(["1:9 expected 'on' or 'off', found 'link'"]);
    expect(errorsOf("explain 1")).toEqual(["1:9 expected 'on' or 'off', found '1'"]);
    expect(errorsOf("explain on off")).toEqual(["1:12 expected end of line, found 'off'"]);
  });
});

describe("serve", () => {
  test("alone it serves; off closes; on is allowed too", () => {
    expect(only("serve")).toEqual({ kind: "serve", on: true, span: sp(1, 1, 6, 0) });
    expect(statementsOf("serve off\nserve on")).toEqual([
      { kind: "serve", on: false },
      { kind: "serve", on: true },
    ]);
  });

  test("anything else after it is an error at that word", () => {
    expect(theError("serve 8080")).toEqual({
      phase: "parse",
      code: "syntax",
      message: "expected end of line, found '8080'",
      span: sp(1, 7, 11, 6),
    });
    expect(errorsOf("serve x")).toEqual(["1:7 expected 'off' or the end of the line, found 'x'"]);
    expect(errorsOf("serve OFF")).toEqual(["1:7 expected 'off' or the end of the line, found 'OFF'"]);
    expect(errorsOf("serve off on")).toEqual(["1:11 expected end of line, found 'on'"]);
  });

  test("is a keyword now: a node cannot be called serve", () => {
    expect(errorsOf("ns serve")).not.toEqual([]);
  });
});

describe("help", () => {
  test("alone, or with a keyword or any word as the topic", () => {
    expect(only("help")).toEqual({ kind: "help", span: sp(1, 1, 5, 0) });
    expect(only("help link")).toEqual({
      kind: "help",
      topic: { text: "link", span: sp(1, 6, 10, 5) },
      span: sp(1, 1, 10, 0),
    });
    expect(statementsOf("help undo\nhelp foo\nhelp on\nhelp help")).toEqual([
      { kind: "help", topic: { text: "undo" } },
      { kind: "help", topic: { text: "foo" } },
      { kind: "help", topic: { text: "on" } },
      { kind: "help", topic: { text: "help" } },
    ]);
  });

  test("one word at most", () => {
    expect(errorsOf("help 3")).toEqual(["1:6 expected a topic such as 'link' or end of line, found '3'"]);
    expect(errorsOf("help link A")).toEqual(["1:11 expected end of line, found 'A'"]);
  });
});

test("the new keywords are keywords: not node names, and typos of them are suggested", () => {
  expect(errorsOf("ns undo")).toEqual(["1:4 'undo' is a keyword, not a node name"]);
  expect(parse("histroy").errors[0]).toMatchObject({
    message: "unknown statement 'histroy'",
    hint: "did you mean 'history'?",
  });
  expect(statementsOf("ns undone, saved, helper")).toEqual([
    { kind: "ns", names: [{ text: "undone" }, { text: "saved" }, { text: "helper" }] },
  ]);
});

describe("isIncomplete", () => {
  test("an open string at the end", () => {
    expect(isIncomplete('save "lab')).toBe(true);
    expect(isIncomplete('save "lab\\"')).toBe(true);
    expect(isIncomplete('save "lab\\')).toBe(true);
    expect(isIncomplete('ns A\nsave "lab # not a comment')).toBe(true);
  });

  test("closed strings", () => {
    expect(isIncomplete('save "lab"')).toBe(false);
    expect(isIncomplete('save "a\\"b"')).toBe(false);
    expect(isIncomplete('save "{"')).toBe(false);
    expect(isIncomplete('ns "x # "y')).toBe(false);
  });

  test("a string still open at a line's end goes on until a quote closes it", () => {
    expect(isIncomplete('save "lab\n')).toBe(true);
    expect(isIncomplete('save "lab\n.netl"')).toBe(false);
    expect(isIncomplete('save "lab\n"{')).toBe(true);
  });

  test("more '{' than '}'", () => {
    expect(isIncomplete("for i in 1..4 {")).toBe(true);
    expect(isIncomplete("for i in 1..4 {\n  ns h{i}\n")).toBe(true);
    expect(isIncomplete("for i in 1..4 {\n  ns h{i}\n}")).toBe(false);
    expect(isIncomplete("{ {\n}")).toBe(true);
    expect(isIncomplete("}")).toBe(false);
    expect(isIncomplete("} {")).toBe(false);
  });

  test("'#' comments do not count, quotes and braces in them included", () => {
    expect(isIncomplete('ns A # "quoted')).toBe(false);
    expect(isIncomplete("ns A # {")).toBe(false);
    expect(isIncomplete("{ # }")).toBe(true);
  });

  test("an exec command is verbatim: its quotes and braces do not count", () => {
    expect(isIncomplete('exec A echo "hi')).toBe(false);
    expect(isIncomplete("exec A awk '{print $1'")).toBe(false);
    expect(isIncomplete("exec A echo }\n{")).toBe(true);
    expect(isIncomplete('exec show "x')).toBe(true); // `show` is a keyword: no command here, so a string
  });

  test("empty and ordinary texts are complete", () => {
    expect(isIncomplete("")).toBe(false);
    expect(isIncomplete("ns A B\nlink A <-> B 10.0.0.0/24\n")).toBe(false);
    expect(isIncomplete("show %")).toBe(false);
  });
});
