// The plain statements' short path (grammar/fast.ts) against the parser and the visitor: wherever it
// answers, the parser gives that very statement (same fields, same order, same spans) and no error;
// wherever the text is wrong it leaves the statement to the parser, which says what is wrong.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainStatement } from "../../grammar/fast.js";
import { parsedStatement, statementsOf } from "../../grammar/index.js";
import { printStatement } from "../../grammar/print.js";
import { lexer } from "../../grammar/tokens.js";
import { statement } from "./ast-arbitraries.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** How many statements of `text` the short path answered; each must be the parser's own. */
function answered(text: string): number {
  let count = 0;
  for (const tokens of statementsOf(lexer().tokenize(text).tokens)) {
    const plain = plainStatement(tokens);
    if (plain === undefined) continue;
    count++;
    const parsed = parsedStatement(tokens);
    expect(
      parsed.found.map((f) => f.error.message),
      text,
    ).toEqual([]);
    expect(plain, text).toStrictEqual(parsed.statement);
    expect(JSON.stringify(plain), text).toBe(JSON.stringify(parsed.statement));
  }
  return count;
}

// Plain forms with their slots filled from pools of right and wrong words (names, keywords as names,
// ends, addresses with and without prefixes, out of range, IPv6), then a word dropped, doubled or put in.
const NAME = ["A", "B", "n1", "host", "link", "via", "A:eth0", "B:e-1", "link:eth0", "A:", "7"];
const CIDR = ["10.0.0.1/24", "10.0.0.0/24", "10.0.0.1", "10.0.0.0/31", "1.2.3.4/32", "10.0.0.1/", "300.1.2.3/24"];
const MORE = ["10.0.0.0/33", "010.0.0.1/24", "fd00::1/64", "fd00::/64", "fd00::1", "::", "fd00::/129", "default"];
const ANY = [...NAME, ...CIDR, ...MORE, "<->", "->", ",", ";", "delay", "20ms", "#x", "\n", "auto"];
const pick = (words: readonly string[]) => fc.constantFrom(...words);
const shapes = [
  fc.tuple(pick(["ns", "router"]), fc.array(pick([...NAME, ","]), { minLength: 1, maxLength: 5 })),
  fc.tuple(
    fc.constant("link"),
    fc.tuple(
      pick(NAME),
      fc.array(pick([...CIDR, ...MORE]), { maxLength: 2 }),
      fc.constant("<->"),
      pick(NAME),
      fc.array(pick([...CIDR, ...MORE]), { maxLength: 2 }),
    ),
  ),
  fc.tuple(
    fc.constant("route"),
    fc.tuple(pick(NAME), pick(["default", ...CIDR, ...MORE]), fc.constant("via"), pick([...NAME, ...CIDR, ...MORE])),
  ),
];
const soup = fc
  .tuple(fc.oneof(...shapes), fc.nat(20), fc.nat(20), pick(ANY), pick([" ", "  ", ", "]))
  .map(([[first, rest], at, edit, word, sep]) => {
    const words = [first, ...rest.flat()];
    const i = at % (words.length + 1);
    if (edit === 0) words.splice(i, 1);
    else if (edit === 1) words.splice(i, 0, words[i] ?? word);
    else if (edit === 2) words.splice(i, 0, word);
    return words.join(sep === ", " && edit === 3 ? sep : " ");
  });

describe("the plain statements' short path", () => {
  it("answers for the plain forms, each as the parser reads it", () => {
    const text = [
      "ns n0 n9",
      "router n1, n2 n3",
      "link n0 <-> n1 10.0.0.0/24",
      "link n0:e1 10.0.1.1/24 fd00::1/64 <-> n1 10.0.1.2/24 fd00::2/64",
      "link host <-> n1:eth3",
      "route n0 default via n1",
      "route n2 10.0.0.0/24 via 10.0.1.1; route n3 fd00::/64 via n2",
      "route n1 default via fd00::2  # a comment",
    ].join("\n");
    expect(answered(text)).toBe(9);
  });

  it("leaves other forms, and wrong ones, to the parser", () => {
    for (const text of [
      "ns",
      "ns a,,b",
      "ns a,",
      "ns ,a",
      "ns link",
      "router a:eth0",
      "link a <-> b delay 20ms",
      "link a <-> b 10.0.0.1",
      "link a <-> b 300.0.0.0/24",
      "link a <->",
      "route auto",
      "route a default via",
      "route a 10.0.0.1 via b",
      "route a default via b c",
      "route a default via 10.0.0.1/24",
      "switch s 10.0.0.0/24",
    ])
      expect(answered(text), text).toBe(0);
  });

  // Each property counts the statements the short path answered: none would prove nothing. The
  // floors sit far below the medians of 200 seeded runs of 400 (statements ~30, words ~40), so a
  // run falls under them only by a change that stops the short path answering.
  it(`agrees with the parser on random statements (${RUNS} cases)`, () => {
    let count = 0;
    fc.assert(
      fc.property(statement, (s) => {
        count += answered(printStatement(s));
      }),
      { numRuns: RUNS },
    );
    expect(count).toBeGreaterThan(RUNS / 80);
  });

  it(`agrees with the parser on random words after a keyword (${RUNS} cases)`, () => {
    let count = 0;
    fc.assert(
      fc.property(soup, (text) => {
        count += answered(text);
      }),
      { numRuns: RUNS },
    );
    expect(count).toBeGreaterThan(RUNS / 50);
  });
});
