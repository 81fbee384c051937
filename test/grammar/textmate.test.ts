// The TextMate grammar (editors/netl.tmLanguage.json) against the lexer it is made from: the committed
// files are what grammar/textmate.ts makes, its keywords are exactly KEYWORDS, and the real TextMate
// engine (vscode-textmate on oniguruma, as in VS Code) gives every token the lexer reads the scope of
// its kind — on the examples and on random programs.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import oniguruma from "vscode-oniguruma";
import vsctm from "vscode-textmate";
import { printProgram } from "../../grammar/print.js";
import { TEXTMATE_FILES, textmateGrammar } from "../../grammar/textmate.js";
import { allTokens, ConditionWord, KEYWORDS, lexer } from "../../grammar/tokens.js";
import { program } from "./ast-arbitraries.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const hasLoops = allTokens.some((t) => t.name === "ForBody");

interface Piece {
  readonly text: string;
  readonly start: number;
  readonly scopes: readonly string[];
}

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      vsctm.parseRawGrammar(readFileSync(TEXTMATE_FILES[0] as string, "utf8"), TEXTMATE_FILES[0] as string),
  });
  const loaded = await registry.loadGrammar("source.netl");
  if (!loaded) throw new Error("grammar did not load");
  grammar = loaded;
});

/** Each line's pieces with their scopes, offsets into the whole text (lines end as the lexer ends them). */
function highlight(text: string): Piece[] {
  const pieces: Piece[] = [];
  let state = vsctm.INITIAL;
  const re = /\r\n?|\n|$/g;
  let start = 0;
  for (;;) {
    re.lastIndex = start;
    const m = re.exec(text) as RegExpExecArray;
    const line = text.slice(start, m.index);
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex)
        pieces.push({ text: line.slice(t.startIndex, end), start: start + t.startIndex, scopes: t.scopes });
    }
    state = r.ruleStack;
    if (m[0] === "") return pieces;
    start = m.index + m[0].length;
  }
}

/** The scope the grammar gives each kind of token the lexer reads. */
function expectedScope(name: string, categories: readonly string[]): string | undefined {
  if (categories.includes("Keyword"))
    return categories.includes(ConditionWord.name) ? "keyword.other.condition.netl" : "keyword.other.netl";
  const scopes: Record<string, string | undefined> = {
    ShellCommand: "string.unquoted.command.netl",
    Semicolon: "punctuation.terminator.statement.netl",
    Comma: "punctuation.separator.comma.netl",
    BothWays: "keyword.operator.link.netl",
    OneWay: "keyword.operator.direction.netl",
    DotDot: "keyword.operator.range.netl",
    IPv6: "constant.numeric.address.ipv6.netl",
    IPv4: "constant.numeric.address.ipv4.netl",
    IfRef: "variable.other.interface.netl",
    Identifier: "variable.other.node.netl",
    Quantity: "constant.numeric.quantity.netl",
    Integer: "constant.numeric.integer.netl",
    String: "string.quoted.double.netl",
  };
  return scopes[name];
}

/** Where the highlighting and the lexer disagree: `text` as the lexer reads it, and the scopes each part got. */
function disagreements(text: string): string[] {
  const pieces = highlight(text);
  const { tokens } = lexer().tokenize(text);
  const problems: string[] = [];
  const scopesIn = (start: number, end: number) =>
    pieces.filter((p) => p.start < end && p.start + p.text.length > start);
  let covered = 0;
  const gap = (from: number, to: number) => {
    // Between tokens: blanks, and a comment to the end of its line.
    const hash = text.slice(from, to).indexOf("#");
    if (hash < 0) return;
    for (const p of scopesIn(from + hash, to))
      if (!p.scopes.includes("comment.line.number-sign.netl"))
        problems.push(`comment ${JSON.stringify(p.text)}: ${p.scopes.join(" ")}`);
  };
  for (const t of tokens) {
    gap(covered, t.startOffset);
    covered = t.startOffset + t.image.length;
    if (t.tokenType.name === "Newline" || t.tokenType.name === "ForBody") continue;
    const want = expectedScope(
      t.tokenType.name,
      (t.tokenType.CATEGORIES ?? []).map((c) => c.name),
    );
    for (const p of scopesIn(t.startOffset, covered)) {
      if (
        want === undefined ||
        !p.scopes.includes(want) ||
        p.start < t.startOffset ||
        p.start + p.text.length > covered
      )
        problems.push(
          `${t.tokenType.name} ${JSON.stringify(t.image)}: ${JSON.stringify(p.text)} is ${p.scopes.slice(1).join(" ")}`,
        );
    }
  }
  gap(covered, text.length);
  return problems;
}

/** The scopes of the piece of `line` that starts with `text` (the first such). */
function scopesOf(line: string, text: string): string[] {
  const at = line.indexOf(text);
  const p = highlight(line).find((q) => q.start === at);
  if (p === undefined) throw new Error(`no piece starts at '${text}' in '${line}'`);
  expect(p.text).toBe(text);
  return p.scopes.slice(1) as string[];
}

describe("the TextMate grammar", () => {
  it("the committed files are what npm run textmate makes from the tokens", () => {
    for (const file of TEXTMATE_FILES)
      expect(JSON.parse(readFileSync(file, "utf8")), `${file} is stale: run npm run textmate`).toEqual(
        textmateGrammar(),
      );
  });

  it("its keyword patterns name every keyword of the lexer, and only those", () => {
    const g = textmateGrammar();
    const words = Object.values(g.repository)
      .flatMap((r) => [r, ...(r.patterns ?? [])])
      .filter((r) => r.name?.startsWith("keyword.other") && r.match)
      .flatMap((r) => (/\(\?:([a-z|]+)\)/.exec(r.match as string)?.[1] ?? "").split("|"));
    expect([...words].sort()).toEqual([...KEYWORDS].sort());
  });

  it("a token with no rule stops the generation", () => {
    const odd = { ...allTokens[0], name: "Teleport" } as (typeof allTokens)[number];
    expect(() => textmateGrammar([...allTokens, odd])).toThrow("no rule for token Teleport");
  });

  it("scopes a keyword, an address, a condition and its value, a comment, an interface, the arrows", () => {
    const line = "link A:eth0 <-> B 10.0.0.0/24 fd10::1/64 delay 50ms loss 1% rate 10mbit # slow";
    expect(scopesOf(line, "link")).toEqual(["keyword.other.netl"]);
    expect(scopesOf(line, "10.0.0.0/24")).toEqual(["constant.numeric.address.ipv4.netl"]);
    expect(scopesOf(line, "fd10::1/64")).toEqual(["constant.numeric.address.ipv6.netl"]);
    expect(scopesOf(line, "delay")).toEqual(["keyword.other.condition.netl"]);
    expect(scopesOf(line, "50ms")).toEqual(["constant.numeric.quantity.netl"]);
    expect(scopesOf(line, "1%")).toEqual(["constant.numeric.quantity.netl"]);
    expect(scopesOf(line, "10mbit")).toEqual(["constant.numeric.quantity.netl"]);
    expect(scopesOf(line, "# slow")).toEqual(["comment.line.number-sign.netl"]);
    expect(scopesOf(line, "A")).toEqual(["variable.other.interface.netl", "variable.other.node.netl"]);
    expect(scopesOf(line, "<->")).toEqual(["keyword.operator.link.netl"]);
    expect(scopesOf("set A -> B loss 5%", "->")).toEqual(["keyword.operator.direction.netl"]);
    expect(scopesOf('save "my lab.netl"', '"')).toEqual([
      "string.quoted.double.netl",
      "punctuation.definition.string.begin.netl",
    ]);
  });

  it("'#' in an exec or spawn command is the command's, not a comment; the next line is read again", () => {
    const text =
      "exec A ip -br addr; echo '#1' # not a comment\nspawn B python3 -m http.server 8080 &\nns C # a comment";
    const pieces = highlight(text);
    const command = pieces.filter((p) => p.scopes.includes("string.unquoted.command.netl")).map((p) => p.text);
    expect(command).toEqual(["ip -br addr; echo '#1' # not a comment", "python3 -m http.server 8080 &"]);
    expect(pieces.filter((p) => p.scopes.includes("comment.line.number-sign.netl")).map((p) => p.text)).toEqual([
      "# a comment",
    ]);
    expect(scopesOf("exec A ip -br addr", "exec")).toEqual(["keyword.other.netl"]);
    expect(scopesOf("exec A ip -br addr", "A")).toEqual(["variable.other.node.netl"]);
    // `help exec` has no command, and `exec` in a name is no keyword.
    expect(disagreements("help exec # how\nns execs ; exec execs\n")).toEqual([]);
  });

  it("names that hold keywords are names: links, my-link, pingall2, delay-x, link:eth0", () => {
    expect(disagreements("ns links my-link pingall2 delay-x del_1\nlink link:eth0 <-> links\nmove eth5->A")).toEqual(
      [],
    );
    expect(scopesOf("ns links", "links")).toEqual(["variable.other.node.netl"]);
  });

  it.runIf(hasLoops)("a loop: its range, braces and {expr} in names, addresses and commands", () => {
    const text = "for i in 1..3 {\n  link h{i} <-> s 10.0.{i+1}.0/24\n  exec h{i} ping -c1 10.0.{i}.1\n}";
    expect(scopesOf("for i in 1..3 {", "for")).toEqual(["keyword.other.netl"]);
    expect(scopesOf("for i in 1..3 {", "..")).toEqual(["keyword.operator.range.netl"]);
    expect(scopesOf("for i in 1..3 {", "{")).toEqual(["punctuation.section.block.begin.netl"]);
    expect(scopesOf("  link h{i} <-> s", "{")).toEqual([
      "meta.interpolation.netl",
      "punctuation.section.interpolation.begin.netl",
    ]);
    const pieces = highlight(text);
    const inside = pieces.filter((p) => p.scopes.includes("meta.interpolation.netl") && /^[a-z]$/.test(p.text));
    expect(inside.map((p) => p.scopes.at(-1))).toEqual(Array(4).fill("variable.other.loop.netl"));
    expect(pieces.filter((p) => p.scopes.includes("constant.numeric.address.ipv4.netl")).map((p) => p.text)).toEqual([
      "10.0.",
      "{",
      "i",
      "+",
      "1",
      "}",
      ".0/24",
    ]);
    expect(pieces.find((p) => p.text.startsWith("ping -c1"))?.scopes).toContain("string.unquoted.command.netl");
    expect(pieces.at(-1)?.scopes).toContain("punctuation.section.block.end.netl");
  });

  const examples = readdirSync("examples").filter((f) => f.endsWith(".netl"));
  it.each(examples)("agrees with the lexer on examples/%s", (file) => {
    expect(disagreements(readFileSync(`examples/${file}`, "utf8"))).toEqual([]);
  });

  it(`agrees with the lexer on random programs of every statement (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(program, (statements) => {
        const text = printProgram(statements);
        expect(disagreements(text), text).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the VS Code extension", () => {
  const dir = "editors/vscode";
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));

  it("registers .netl files with the grammar and the language configuration it ships", () => {
    const [language] = manifest.contributes.languages;
    const [tm] = manifest.contributes.grammars;
    expect(language.id).toBe("netl");
    expect(language.extensions).toEqual([".netl"]);
    expect(tm).toMatchObject({ language: "netl", scopeName: "source.netl" });
    expect(JSON.parse(readFileSync(`${dir}/${tm.path}`, "utf8")).scopeName).toBe("source.netl");
    const config = JSON.parse(readFileSync(`${dir}/${language.configuration}`, "utf8"));
    expect(config.comments).toEqual({ lineComment: "#" });
    expect(config.brackets).toContainEqual(["{", "}"]);
  });
});
