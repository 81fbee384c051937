// Errors of statements written wrong, as the parser makes them, read in Chinese: the sentence and each
// fragment in it (what was expected, what was found) worded, nothing left in English but names,
// addresses, tokens in quotes and the statements a hint gives.
import { describe, expect, it } from "vitest";
import { KEYWORDS, parse } from "../../grammar/index.js";
import { reword } from "../../src/words/phrases.js";

const WRONG = [
  "link A",
  "link A <-> B 10.0.0.0/33",
  "link A <-> B 10.0.0.01/24",
  "ns 1abc",
  "ping A",
  "ping A B count x",
  "set A <-> B delay 5",
  "set A <-> B loss 200%",
  "set A <-> B delay 5ms delay 6ms",
  "set A <-> B rate 5",
  "undo x",
  "exec A",
  "route A 10.1.0.1 via B",
  "help 3 4",
  "lnik A <-> B",
  "ifconfig",
  "h1 ping h2",
  "h1 ifconfig eth0",
  "ns A 'B'",
  "for i in 3..1 { ns h{i} }",
  "for i in 1..2 { link h{i} <-> }",
  'capture A:eth0 count 2 count 3 to ""',
  "block A tcp 70000",
  "explain maybe",
  "10.0.0.1 A",
  "<-> A",
  // An address the lexer takes but that is no address: the reason inside the sentence, worded too.
  "ping A 10.0.0.300",
  "ping A 010.0.0.1",
  "ping A fd00::1::2",
  "link A <-> B 10.0.0/24",
  // Control characters: a named one (ESC, NUL, right-to-left override) is worded as a bare one is.
  "ns A\u0001B",
  "ns A\u001bB",
  "ns A\u0000B",
  "ns A\u202eB",
  "ns A\bB",
];

/** What is left in English once names, addresses, quoted tokens and statements are taken out. */
const english = (zh: string): string[] =>
  zh
    .replace(/“[^”]*”|'[^']*'|"[^"]*"|`[^`]*`/g, "")
    .replace(/(例如|请写成|输入)\s*[\x20-\x7e…]*$/u, "")
    // After a colon, a statement (a hint that is the answer) is no English; a sentence is.
    .replace(/：\s*([a-z]+)[\x20-\x7e…]*$/u, (all, word: string) => (KEYWORDS.includes(word) ? "" : all))
    .match(/[a-z]+(?: [a-z]+)+/g) ?? [];

describe("syntax errors in Chinese", () => {
  it("word every error of a wrong statement, fragments and all", () => {
    const left: string[] = [];
    let count = 0;
    for (const text of WRONG) {
      const { errors } = parse(text);
      count += errors.length;
      for (const e of errors)
        for (const said of [e.message, e.hint ?? ""].filter((s) => s !== "")) {
          const zh = reword(said, "zh");
          if (zh === said || !/\p{Script=Han}/u.test(zh) || english(zh).length > 0)
            left.push(`${text}: ${said} → ${zh}`);
        }
    }
    expect(left).toEqual([]);
    expect(count).toBeGreaterThan(WRONG.length * 0.75);
  });

  it("quote what was found as Chinese quotes it", () => {
    const [e] = parse("link A <-> B 10.0.0/24").errors;
    expect(e?.message).toBe("expected end of line, found '10'");
    expect(reword(e?.message ?? "", "zh")).toBe("这里应该是行尾，却遇到了“10”");
  });

  it("the rule finds English left in a sentence", () => {
    expect(english("这里应该是a statement，却遇到了行尾")).toEqual(["a statement"]);
    expect(english("这里应该是节点名，却遇到了“x”")).toEqual([]);
    expect(english("请写成 10.0.0.0/24 this way")).toEqual([]);
    expect(english("请先创建它：ns C")).toEqual([]);
    expect(english("地址“10.0.0.300”不对：each number is at most 255")).toEqual(["each number is at most"]);
  });
});
