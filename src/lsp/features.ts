// The editor's questions about a netl document, answered from its analysis (analysis.ts): completion
// (the REPL's completer, present/complete.ts), hover (`help`'s words), where a node is made, renaming
// a node through the file, and the outline (nodes and links).
import {
  type CompletionItem,
  CompletionItemKind,
  type DocumentSymbol,
  type Hover,
  MarkupKind,
  SymbolKind,
  type TextEdit,
} from "vscode-languageserver/node";
import { KEYWORDS } from "../../grammar/index.js";
import { allTokens, ConditionWord } from "../../grammar/tokens.js";
import type { Loader } from "../interpreter/step.js";
import { HOST } from "../interpreter/world.js";
import { complete } from "../present/complete.js";
import { HELP_TOPICS, helpText } from "../present/help.js";
import { type Analysis, type Place, type Range, rangeOf, type Word, wordAt, worldBefore } from "./analysis.js";

const CONDITIONS = new Set(
  allTokens.filter((t) => t.CATEGORIES?.includes(ConditionWord)).map((t) => t.name.toLowerCase()),
);

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** Where each node is made: its first `ns`, `router` or `switch`, by name. */
export function definitions(analysis: Analysis): Map<string, { kind: string; range: Range; statement: Range }> {
  const found = new Map<string, { kind: string; range: Range; statement: Range }>();
  for (const s of analysis.statements)
    if (s.kind === "ns" || s.kind === "router" || s.kind === "switch")
      for (const n of s.names)
        if (!found.has(n.text)) found.set(n.text, { kind: s.kind, range: rangeOf(n.span), statement: rangeOf(s.span) });
  return found;
}

/** The node a word names, with the range of the name alone (`A` of `A:eth0`). */
function nodeWord(word: Word | undefined): { name: string; range: Range } | undefined {
  if (word === undefined) return undefined;
  if (word.kind === "Identifier") return { name: word.text, range: word.range };
  if (word.kind !== "IfRef") return undefined;
  const name = word.text.slice(0, word.text.indexOf(":"));
  const { start } = word.range;
  return { name, range: { start, end: { line: start.line, character: start.character + name.length } } };
}

const lineOf = (analysis: Analysis, line: number): string => analysis.text.split("\n")[line] ?? "";

export function completion(analysis: Analysis, at: Place, loader: Loader): CompletionItem[] {
  const before = lineOf(analysis, at.line).slice(0, at.character);
  const [candidates, word] = complete(before, worldBefore(analysis, at.line, loader));
  const range = { start: { line: at.line, character: at.character - word.length }, end: at };
  return candidates.map((label) => ({
    label,
    kind: KEYWORDS.includes(label)
      ? CompletionItemKind.Keyword
      : label.includes(":")
        ? CompletionItemKind.Field
        : CompletionItemKind.Variable,
    textEdit: { range, newText: label },
  }));
}

const help = (topic: string): string => `\`\`\`\n${helpText(topic)}\n\`\`\``;

export function hover(analysis: Analysis, at: Place): Hover | null {
  const word = wordAt(analysis, at);
  if (word === undefined) return null;
  const lower = word.text.toLowerCase();
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: word.range });
  if (CONDITIONS.has(lower) && word.kind !== "Identifier") return markdown(help("conditions"));
  if (HELP_TOPICS.includes(lower) && word.kind !== "Identifier") return markdown(help(lower));
  const node = nodeWord(word);
  const made = node && definitions(analysis).get(node.name);
  if (node && made)
    return markdown(`**${made.kind} ${node.name}**, made on line ${made.range.start.line + 1}\n\n${help(made.kind)}`);
  if (node?.name === HOST) return markdown("**host**: the machine itself (its own network namespace)");
  return null;
}

export function definition(analysis: Analysis, at: Place): Range | undefined {
  const node = nodeWord(wordAt(analysis, at));
  return node && definitions(analysis).get(node.name)?.range;
}

/** The name under the cursor when it is a node the file makes (what rename would change). */
export function renameable(analysis: Analysis, at: Place): { name: string; range: Range } | undefined {
  const node = nodeWord(wordAt(analysis, at));
  return node && definitions(analysis).has(node.name) ? node : undefined;
}

/** Words that are not node names though they look like one: after `explain`, `serve`, `help`, `for`. */
const NOT_A_NODE_AFTER = new Set(["Explain", "Serve", "Help", "For"]);

/** Every edit that renames node `at` names to `to`; a string when `to` cannot be a node's name. */
export function rename(analysis: Analysis, at: Place, to: string): TextEdit[] | string {
  const node = renameable(analysis, at);
  if (node === undefined) return "only a node the file makes (ns, router, switch) can be renamed";
  if (!NAME.test(to) || KEYWORDS.includes(to.toLowerCase()) || to === HOST)
    return `'${to}' cannot name a node: a letter, then letters, digits, '_' or '-' (32 at most), not a keyword or host`;
  if (definitions(analysis).has(to)) return `the file already makes a node '${to}'`;
  const edits: TextEdit[] = [];
  analysis.words.forEach((w, i) => {
    const named = nodeWord(w);
    if (named?.name !== node.name) return;
    if (w.kind === "Identifier" && NOT_A_NODE_AFTER.has(analysis.words[i - 1]?.kind ?? "")) return;
    // `h{i}` in a loop: a name made from the loop's value, not this node.
    if (lineOf(analysis, w.range.end.line)[w.range.end.character] === "{") return;
    edits.push({ range: named.range, newText: to });
  });
  return edits;
}

const SYMBOL_KINDS: Readonly<Record<string, SymbolKind>> = {
  ns: SymbolKind.Object,
  router: SymbolKind.Class,
  switch: SymbolKind.Interface,
};

/** The outline: each node where it is made, then each link, in the order written. */
export function symbols(analysis: Analysis): DocumentSymbol[] {
  const nodes = [...definitions(analysis)].map(
    ([name, d]): DocumentSymbol => ({
      name,
      detail: d.kind,
      kind: SYMBOL_KINDS[d.kind] ?? SymbolKind.Object,
      range: d.statement,
      selectionRange: d.range,
    }),
  );
  const links = analysis.statements.flatMap((s): DocumentSymbol[] => {
    if (s.kind !== "link") return [];
    const end = (e: typeof s.a) => (e.ifname ? `${e.node.text}:${e.ifname.text}` : e.node.text);
    const addresses = [...s.a.addresses, ...s.b.addresses, ...s.prefixes].map((c) => `${c.address}/${c.prefixLength}`);
    return [
      {
        name: `${end(s.a)} <-> ${end(s.b)}`,
        detail: ["link", ...addresses].join(" "),
        kind: SymbolKind.Event,
        range: rangeOf(s.span),
        selectionRange: rangeOf(s.span),
      },
    ];
  });
  return [...nodes, ...links];
}
