// Errors for people: exact text, code, line and column, one per statement, every bad line reported.
import { describe, expect, test } from "vitest";
import { parse } from "../../grammar/index.js";
import { errorsOf, sp } from "./helpers.js";

const NAME_HINT = "names use letters, digits, '_' and '-', and start with a letter";

/** The only error of a text, in full. */
function theError(text: string) {
  const { errors } = parse(text);
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe("lexing", () => {
  test("a character no token starts with", () => {
    expect(theError("show %")).toEqual({
      phase: "lex",
      code: "bad-character",
      message: "unexpected character '%'",
      span: sp(1, 6, 7, 5),
    });
  });

  test("inside what looks like a name, with the naming rule as a hint", () => {
    expect(theError("ns web.1")).toEqual({
      phase: "lex",
      code: "bad-character",
      message: "unexpected character '.'",
      span: sp(1, 7, 8, 6),
      hint: NAME_HINT,
    });
    expect(theError("ns é")).toMatchObject({
      message: "unexpected character 'é'",
      span: sp(1, 4, 5, 3),
      hint: NAME_HINT,
    });
  });

  test("a run of bad characters is one error; invisible ones are escaped", () => {
    expect(theError("ns A %%% B")).toMatchObject({ message: "unexpected character '%'", span: sp(1, 6, 9, 5) });
    expect(theError("ns A\u200b")).toMatchObject({ message: "unexpected character '\\u{200b}'" });
  });
});

describe("syntax", () => {
  const syntax = (text: string) => {
    const e = theError(text);
    expect(e).toMatchObject({ phase: "parse", code: "syntax" });
    return `${e?.span?.line}:${e?.span?.col} ${e?.message}${e?.hint ? ` (hint: ${e.hint})` : ""}`;
  };

  test("what was expected, in words", () => {
    expect(syntax("ns 10.0.0.1")).toBe("1:4 expected a node name, found '10.0.0.1'");
    expect(syntax("link A B")).toBe("1:8 expected '<->', found 'B'");
    expect(syntax("unlink A:eth0 B")).toBe("1:15 expected '<->', found 'B'");
    expect(syntax("link 10.0.0.1 <-> B")).toBe(
      "1:6 expected a node name or an interface such as A:eth0, found '10.0.0.1'",
    );
    expect(syntax("addr 10.0.0.1/24")).toBe("1:6 expected an interface such as A:eth0, found '10.0.0.1/24'");
    expect(syntax("route A B via C")).toBe("1:9 expected 'default' or a prefix such as 10.1.0.0/16, found 'B'");
    expect(syntax("route A default B")).toBe("1:17 expected 'via', found 'B'");
    expect(syntax("ping A B count x")).toBe("1:16 expected a count such as 3, found 'x'");
    expect(syntax("expect no no ping A B")).toBe("1:11 expected 'ping', 'tcp' or 'udp', found 'no'");
    expect(syntax('ns "A"')).toBe("1:4 expected a node name, found '\"A\"'");
  });

  test("found end of line: just after the last token of the line", () => {
    expect(theError("ns")).toEqual({
      phase: "parse",
      code: "syntax",
      message: "expected a node name, found end of line",
      span: sp(1, 3, 3, 2),
    });
    expect(syntax("ping A   # to nowhere\nshow")).toBe(
      "1:7 expected a node name or an address such as 10.0.0.2, found end of line",
    );
    expect(syntax("addr A:eth0")).toBe("1:12 expected an address with a prefix such as 10.0.0.0/24, found end of line");
    expect(syntax("ns A,")).toBe("1:6 expected a node name, found end of line");
  });

  test("';' is named as itself", () => {
    expect(syntax("ns ; show")).toBe("1:4 expected a node name, found ';'");
  });

  test("trailing words", () => {
    expect(syntax("show A B")).toBe("1:8 expected end of line, found 'B'");
    expect(syntax("ping A B 3")).toBe("1:10 expected end of line, found '3'");
  });

  test("exec needs a command", () => {
    expect(theError("exec A   ")).toEqual({
      phase: "parse",
      code: "syntax",
      message: "expected a command after 'exec A'",
      span: sp(1, 7, 7, 6),
    });
    expect(syntax("exec R1\nshow")).toBe("1:8 expected a command after 'exec R1'");
  });

  test("an unknown statement, with the nearest keyword", () => {
    expect(theError("lnk A <-> B")).toEqual({
      phase: "parse",
      code: "syntax",
      message: "unknown statement 'lnk'",
      span: sp(1, 1, 4, 0),
      hint: "did you mean 'link'?",
    });
    expect(syntax("NS A")).toBe("1:1 unknown statement 'NS' (hint: did you mean 'ns'?)");
    expect(syntax("frobnicate A")).toBe(
      "1:1 unknown statement 'frobnicate' (hint: statements start with ns, router, switch, del, link, unlink, set, move, addr, route, pingall, ping, why, exec, spawn, logs, capture, ps, graph, block, allow, unblock, show, expect, undo, redo, history, reset, save, load, for, explain, serve, help or shell)",
    );
    expect(syntax("10.0.0.1 A")).toBe("1:1 expected a statement, found '10.0.0.1'");
    expect(syntax("via A")).toBe("1:1 expected a statement, found 'via'");
  });

  test("a keyword where a name belongs", () => {
    expect(syntax("ns link A")).toBe("1:4 'link' is a keyword, not a node name");
    expect(syntax("ping A count 3")).toBe("1:8 'count' is a keyword, not a node name");
    expect(syntax("exec show ls")).toBe("1:6 'show' is a keyword, not a node name");
  });

  test("a number where a name belongs", () => {
    expect(syntax("ns 1abc")).toBe(`1:4 expected a node name, found '1abc' (hint: ${NAME_HINT})`);
  });

  test("long tokens are shortened", () => {
    expect(syntax(`ns "${"x".repeat(40)}"`)).toBe(`1:4 expected a node name, found '"${"x".repeat(28)}…'`);
  });
});

describe("addresses and counts", () => {
  test("bad-address: octets, leading zeros, IPv6 form, prefix lengths", () => {
    expect(theError("link A <-> B 10.0.0.300/24")).toEqual({
      phase: "parse",
      code: "bad-address",
      message: "bad address '10.0.0.300/24': each number in an IPv4 address is at most 255",
      span: sp(1, 14, 27, 13),
      hint: "write it like 10.0.0.0/24",
    });
    expect(theError("ping A 010.0.0.1")).toMatchObject({
      code: "bad-address",
      message: "bad address '010.0.0.1': numbers in an IPv4 address have no leading zeros",
      hint: "write it like 10.0.0.2",
    });
    expect(theError("ping A ::1.2.3.999")).toMatchObject({
      code: "bad-address",
      message: "bad address '::1.2.3.999': not a valid IPv6 address",
      hint: "write it like fd10::2",
    });
    expect(theError("addr A:eth0 10.0.0.1/33")).toMatchObject({
      code: "bad-address",
      message: "bad prefix length in '10.0.0.1/33': an IPv4 prefix is at most /32",
    });
    expect(theError("link A <-> B fd10::/129")).toMatchObject({
      code: "bad-address",
      message: "bad prefix length in 'fd10::/129': an IPv6 prefix is at most /128",
      hint: "write it like fd10::/64",
    });
    expect(theError("link A <-> B 10.0.0.0/")).toMatchObject({
      code: "bad-address",
      message: "bad prefix length in '10.0.0.0/': write a number after '/'",
    });
  });

  test("missing-prefix where a prefix is required", () => {
    expect(theError("addr A:eth0 10.0.5.1")).toEqual({
      phase: "parse",
      code: "missing-prefix",
      message: "'10.0.5.1' needs a prefix length here",
      span: sp(1, 13, 21, 12),
      hint: "write it like 10.0.5.1/24",
    });
    expect(theError("link A <-> B fd10::")).toMatchObject({ code: "missing-prefix", hint: "write it like fd10::/64" });
    expect(theError("route A 10.1.0.0 via B")).toMatchObject({ code: "missing-prefix", span: sp(1, 9, 17, 8) });
  });

  test("unexpected-prefix where a bare address is expected", () => {
    expect(theError("ping A 10.0.0.2/24")).toEqual({
      phase: "parse",
      code: "unexpected-prefix",
      message: "'10.0.0.2/24' has a prefix length, but here an address is expected",
      span: sp(1, 8, 19, 7),
      hint: "write the address alone: 10.0.0.2",
    });
    expect(theError("route A default via fd10::1/64")).toMatchObject({
      code: "unexpected-prefix",
      hint: "write the address alone: fd10::1",
    });
  });

  test("count is 1 to 1000", () => {
    expect(theError("ping A B count 0")).toEqual({
      phase: "parse",
      code: "bad-count",
      message: "count must be from 1 to 1000, not 0",
      span: sp(1, 16, 17, 15),
    });
    expect(theError("expect ping A B count 1001")).toMatchObject({ code: "bad-count" });
    expect(parse("ping A B count 1000").errors).toEqual([]);
  });
});

describe("several errors", () => {
  test("every bad statement is reported, in order; good ones still parse", () => {
    const text = [
      "ns A B",
      "lnk A <-> B",
      "link A <-> B 10.0.0.0/24; ping A",
      "# fine",
      "route A default via B %",
      "ping A 10.0.0.2/24; show",
      "ns ;ns C",
    ].join("\n");
    const { program, errors } = parse(text);
    expect(errorsOf(text)).toEqual([
      "2:1 unknown statement 'lnk'",
      "3:33 expected a node name or an address such as 10.0.0.2, found end of line",
      "5:23 unexpected character '%'",
      "6:8 '10.0.0.2/24' has a prefix length, but here an address is expected",
      "7:4 expected a node name, found ';'",
    ]);
    expect(errors.map((e) => e.code)).toEqual(["syntax", "syntax", "bad-character", "unexpected-prefix", "syntax"]);
    expect(program.statements.map((s) => s.kind)).toEqual(["ns", "link", "show", "ns"]);
  });

  test("one error per statement: the first", () => {
    expect(errorsOf("link A B 10.0.0.999/24 % ; ns 1")).toEqual([
      "1:8 expected '<->', found 'B'",
      "1:31 expected a node name, found '1'",
    ]);
  });

  test("a syntax error after a bad character (or at the end of its line) is its consequence", () => {
    expect(errorsOf("ns é")).toEqual(["1:4 unexpected character 'é'"]);
    expect(errorsOf("ping A 10.0.0.%")).toEqual([
      "1:8 expected a node name or an address such as 10.0.0.2, found '10'",
    ]);
  });
});
