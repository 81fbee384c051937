// The TextMate grammar for `.netl` (editors/netl.tmLanguage.json), made from the lexer's own token list:
// every token of `allTokens` has a rule here or generation fails, and the regexes come from the tokens.
// `npm run textmate` writes it; test/grammar/textmate.test.ts checks the file is what this makes.
import type { TokenType } from "chevrotain";
import { allTokens, ConditionWord, Identifier, IfRef, KEYWORDS, WhiteSpace } from "./tokens.js";

export interface TmRule {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly captures?: Readonly<Record<string, TmRule & { readonly patterns?: readonly TmRule[] }>>;
  readonly beginCaptures?: Readonly<Record<string, TmRule>>;
  readonly endCaptures?: Readonly<Record<string, TmRule>>;
  readonly patterns?: readonly TmRule[];
  readonly include?: string;
}

export interface TmGrammar {
  readonly $schema: string;
  readonly name: string;
  readonly scopeName: string;
  readonly fileTypes: readonly string[];
  readonly comment: string;
  readonly patterns: readonly TmRule[];
  readonly repository: Readonly<Record<string, TmRule>>;
}

/** Where the generated grammar lives: next to the editors' README, and inside the VS Code extension. */
export const TEXTMATE_FILES = ["editors/netl.tmLanguage.json", "editors/vscode/syntaxes/netl.tmLanguage.json"];

const source = (t: TokenType): string => {
  if (!(t.PATTERN instanceof RegExp)) throw new Error(`textmate: token ${t.name} has no regex`);
  return t.PATTERN.source;
};
const isKeyword = (t: TokenType) =>
  KEYWORDS.includes(t.name.toLowerCase()) && t.CATEGORIES?.some((c) => c.name === "Keyword");
const isCondition = (t: TokenType) => t.CATEGORIES?.includes(ConditionWord) ?? false;
/** A chevrotain group `(?:…)` fits oniguruma as it is; JS-only escapes are rewritten. */
const onig = (re: string): string => re.replace(/\\u([0-9a-fA-F]{4})/g, "\\x{$1}");

/** Longest first, so `pingall` is not read as `ping` followed by `all`. */
const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join("|");

/**
 * A keyword ends where a name could not go on (the lexer's `longer_alt`: `links` and `link:eth0` are names).
 * A `-` ends it only before `>`, as in names.
 */
const NAME_GOES_ON = "(?![A-Za-z0-9_:]|-(?!>))";
const NOT_AFTER_NAME = "(?<![A-Za-z0-9_.:@-])";

/** The grammar, from the token list. Throws on a token it has no rule for: add the rule here. */
export function textmateGrammar(tokens: readonly TokenType[] = allTokens): TmGrammar {
  const names = new Set(tokens.map((t) => t.name));
  const loops = names.has("ForBody");
  const ws = onig(source(WhiteSpace).replace(/\+$/, ""));
  // In a loop's body names carry `{expr}`: `exec h{i} …`.
  const interpolation = "\\{[^{}\\r\\n]*\\}";
  const name = loops ? `(?:[A-Za-z]|${interpolation})(?:[A-Za-z0-9_]|-(?!>)|${interpolation})*` : source(Identifier);
  const keywords = tokens.filter(isKeyword);
  const conditionWords = keywords.filter(isCondition).map((t) => t.name.toLowerCase());
  const otherWords = keywords.filter((t) => !isCondition(t)).map((t) => t.name.toLowerCase());
  const keywordRule = (words: readonly string[], scope: string): TmRule => ({
    name: scope,
    match: `${NOT_AFTER_NAME}(?:${alternation(words)})${NAME_GOES_ON}`,
  });
  const repository: Record<string, TmRule> = {};
  const order: string[] = [];
  const add = (key: string, rule: TmRule) => {
    if (!(key in repository)) order.push(key);
    repository[key] = rule;
  };
  for (const t of tokens) {
    if (isKeyword(t)) {
      add("keywords", keywordRule(otherWords, "keyword.other.netl"));
      add("condition-words", keywordRule(conditionWords, "keyword.other.condition.netl"));
      continue;
    }
    switch (t.name) {
      // Abstract categories and tokens the lexer never produces from text.
      case "StatementEnd":
      case "EndOfInput":
      case "EndRef":
      case "Address":
      case "Keyword":
      case "ConditionWord":
      case "WhiteSpace":
      case "Newline":
        break;
      case "ShellCommand": {
        // `exec A …` / `spawn A …`: the rest of the line is the command, `#` and `;` included.
        const command: TmRule = loops
          ? { name: "string.unquoted.command.netl", patterns: [{ include: "#interpolation" }] }
          : { name: "string.unquoted.command.netl" };
        add("command", {
          match: `${NOT_AFTER_NAME}(exec|spawn)(?:${ws})+(${name})(?![:A-Za-z0-9_]|-(?!>))(?:${ws})*([^\\s](?:.*[^\\s])?)?`,
          captures: {
            "1": { name: "keyword.other.netl" },
            "2": loops
              ? { name: "variable.other.node.netl", patterns: [{ include: "#interpolation" }] }
              : { name: "variable.other.node.netl" },
            "3": command,
          },
        });
        break;
      }
      case "Comment":
        add("comment", { name: "comment.line.number-sign.netl", match: onig(source(t)) });
        break;
      case "Semicolon":
        add("punctuation", {
          patterns: [
            { name: "punctuation.terminator.statement.netl", match: ";" },
            { name: "punctuation.separator.comma.netl", match: "," },
          ],
        });
        break;
      case "Comma":
        break; // with Semicolon
      case "BothWays":
        add("arrows", {
          patterns: [
            { name: "keyword.operator.link.netl", match: "<->" },
            { name: "keyword.operator.direction.netl", match: "->" },
          ],
        });
        break;
      case "OneWay":
        break; // with BothWays
      case "DotDot":
        add("range", { name: "keyword.operator.range.netl", match: "\\.\\." });
        break;
      case "ForBody":
        // The body's statements are highlighted as any others; its braces and `{expr}` on their own.
        // `10.0.{i}.0/24`: an address, with its `{expr}` inside.
        add("interpolated-address", {
          name: "constant.numeric.address.ipv4.netl",
          match: `${NOT_AFTER_NAME}(?=[\\d.]*\\{)(?:\\d+|${interpolation})(?:\\.(?:\\d+|${interpolation})){3}(?:/\\d+)?`,
          captures: { "0": { patterns: [{ include: "#interpolation" }] } },
        });
        add("interpolation", {
          match: `(\\{)([^{}\\r\\n]*)(\\})`,
          name: "meta.interpolation.netl",
          captures: {
            "1": { name: "punctuation.section.interpolation.begin.netl" },
            "2": {
              patterns: [
                { name: "variable.other.loop.netl", match: "[A-Za-z_][A-Za-z0-9_]*" },
                { name: "constant.numeric.integer.netl", match: "\\d+" },
                { name: "keyword.operator.arithmetic.netl", match: "[-+*]" },
              ],
            },
            "3": { name: "punctuation.section.interpolation.end.netl" },
          },
        });
        add("block", {
          patterns: [
            { name: "punctuation.section.block.begin.netl", match: "\\{" },
            { name: "punctuation.section.block.end.netl", match: "\\}" },
          ],
        });
        break;
      case "IPv6":
        add("ipv6", { name: "constant.numeric.address.ipv6.netl", match: `${NOT_AFTER_NAME}${onig(source(t))}` });
        break;
      case "IPv4":
        add("ipv4", {
          name: "constant.numeric.address.ipv4.netl",
          match: `${NOT_AFTER_NAME}${onig(source(t))}`,
        });
        break;
      case "IfRef": {
        // `A:eth0`: the node, then the interface.
        const [node, iface] = splitIfRef(source(IfRef));
        add("interface", {
          name: "variable.other.interface.netl",
          match: `${NOT_AFTER_NAME}(${node})(:)(${iface})`,
          captures: {
            "1": { name: "variable.other.node.netl" },
            "2": { name: "punctuation.separator.interface.netl" },
          },
        });
        break;
      }
      case "Identifier":
        add("name", { name: "variable.other.node.netl", match: `${NOT_AFTER_NAME}${source(t)}` });
        break;
      case "Quantity":
        // A condition's value: `50ms`, `1%`, `10mbit`, `0.5`.
        add("quantity", { name: "constant.numeric.quantity.netl", match: source(t) });
        break;
      case "Integer":
        add("integer", { name: "constant.numeric.integer.netl", match: source(t) });
        break;
      case "String":
        add("string", {
          name: "string.quoted.double.netl",
          begin: '"',
          end: '"|(?=[\\r\\n])|$',
          beginCaptures: { "0": { name: "punctuation.definition.string.begin.netl" } },
          endCaptures: { "0": { name: "punctuation.definition.string.end.netl" } },
          patterns: [{ name: "constant.character.escape.netl", match: "\\\\." }],
        });
        break;
      default:
        throw new Error(`textmate: no rule for token ${t.name}; add one in grammar/textmate.ts`);
    }
  }
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "netl",
    scopeName: "source.netl",
    fileTypes: ["netl"],
    comment: "Generated by npm run textmate from grammar/tokens.ts (grammar/textmate.ts); do not edit.",
    // The lexer's order, so that at one place the same token wins: `exec A …` before comments, addresses before names.
    patterns: order.map((key) => ({ include: `#${key}` })),
    repository,
  };
}

/** IfRef's regex is `NODE:IFNAME`; the two halves, to scope them apart. */
function splitIfRef(re: string): [string, string] {
  const at = re.indexOf(")*:");
  if (at < 0) throw new Error("textmate: IfRef is not NAME:IFNAME");
  return [re.slice(0, at + 2), re.slice(at + 3)];
}
