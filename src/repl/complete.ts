// Tab completion for the REPL: statement keywords at the start of a statement, node names where a
// node fits, `NODE:` interface names, and help topics after `help`. A pure function of line and World.
import { KEYWORDS } from "../../grammar/index.js";
import type { World } from "../interpreter/world.js";
import { HELP_TOPICS } from "../present/help.js";

/** Words the REPL itself understands as a whole line. */
export const LEAVE_WORDS: readonly string[] = ["exit", "quit"];

/** Keywords that start a statement: every statement has a help topic (the issue asks for one each). */
const STATEMENT_WORDS: readonly string[] = [...KEYWORDS.filter((k) => HELP_TOPICS.includes(k)), ...LEAVE_WORDS];

/** Statements whose later words are never existing node names. */
const NO_NODES = new Set([
  "ns",
  "router",
  "switch",
  "undo",
  "redo",
  "history",
  "reset",
  "save",
  "load",
  "help",
  "explain",
]);

const keywords = (...words: string[]): string[] => words.filter((w) => KEYWORDS.includes(w));

/** The statement the cursor is in: after the last `;`, except that `exec` takes the rest of the line. */
function currentStatement(line: string): string {
  let start = 0;
  for (;;) {
    const rest = line.slice(start);
    if (/^\s*exec\s/.test(rest)) return rest;
    const semi = line.indexOf(";", start);
    if (semi < 0) return rest;
    start = semi + 1;
  }
}

function nodeWords(world: World, word: string): string[] {
  const colon = word.indexOf(":");
  if (colon < 0) return [...world.nodes.keys()];
  const node = world.nodes.get(word.slice(0, colon));
  return node ? [...node.ifaces.keys()].map((ifname) => `${node.name}:${ifname}`) : [];
}

/** What fits as the word after `before` (the statement's complete words, keyword first). */
function candidates(before: readonly string[], word: string, world: World): string[] {
  const [keyword, ...args] = before;
  if (keyword === undefined) return [...STATEMENT_WORDS];
  const at = args.length;
  const nodes = () => nodeWords(world, word);
  switch (keyword) {
    case "help":
      return at === 0 ? [...HELP_TOPICS] : [];
    case "explain":
      return at === 0 ? ["on", "off"] : [];
    case "exec":
    case "show":
      return at === 0 ? nodes() : [];
    case "ping":
      return at < 2 ? nodes() : at === 2 ? keywords("count") : [];
    case "expect": {
      if (at === 0) return keywords("ping", "no");
      if (args[0] === "no") return at === 1 ? keywords("ping") : candidates(args.slice(1), word, world);
      return candidates(args, word, world);
    }
    case "route":
      if (at === 0 || args[at - 1] === "via") return nodes();
      if (at === 1) return keywords("default");
      return at === 2 ? keywords("via") : [];
    case "link":
    case "unlink":
      return at === 0 || args[at - 1] === "<->" ? nodes() : [];
    case "addr":
      return at === 0 ? nodes() : [];
    default:
      return NO_NODES.has(keyword) ? [] : nodes();
  }
}

/** node:repl's completer contract: the candidates for the word at the end of `line`, and that word. */
export function complete(line: string, world: World): [string[], string] {
  const statement = currentStatement(line);
  if (statement.includes("#") || (statement.match(/"/g)?.length ?? 0) % 2 === 1) return [[], ""];
  const words = statement.trimStart().split(/\s+/);
  const word = words.pop() ?? "";
  const hits = candidates(words, word, world).filter((c) => c.startsWith(word));
  return [[...new Set(hits)], word];
}
