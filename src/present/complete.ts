// Completion, for the REPL's Tab and the language server (src/lsp/): the keywords the grammar allows
// next (statement keywords at the start), node names where an existing node fits, `NODE:` interface
// names, and help topics after `help`.
// A pure function of the line and the World.
import { KEYWORDS } from "../../grammar/index.js";
import { parser } from "../../grammar/parser.js";
import { allTokens, ConditionWord, lexer } from "../../grammar/tokens.js";
import { HOST, type World } from "../interpreter/world.js";
import { HELP_TOPICS } from "./help.js";

/** Words the REPL itself understands as a whole line. */
export const LEAVE_WORDS: readonly string[] = ["exit", "quit"];

/** Statements whose words after the keyword are never existing node names (new names, counts, files). */
const NO_NODES = new Set([
  "ns",
  "router",
  "switch",
  "pingall",
  "undo",
  "redo",
  "history",
  "reset",
  "save",
  "load",
  "help",
  "explain",
  "serve",
]);

const CONDITION_WORDS = allTokens.filter((t) => t.CATEGORIES?.includes(ConditionWord)).map((t) => t.name.toLowerCase());

/** The keywords the grammar accepts after `before` (chevrotain's content assist on the statement rule). */
function nextKeywords(before: string): string[] {
  const { tokens, errors } = lexer().tokenize(before);
  if (errors.length > 0) return [];
  const next = parser()
    .computeContentAssist("statement", tokens)
    .flatMap((p) =>
      // A category (any condition word) stands for each of its keywords.
      p.nextTokenType === ConditionWord ? CONDITION_WORDS : [p.nextTokenType.name.toLowerCase()],
    );
  return [...new Set(next.filter((k) => KEYWORDS.includes(k)))];
}

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

/** Whether an existing node's name fits as the word after `args` (the words after the keyword). */
function nodeFits(keyword: string, args: readonly string[]): boolean {
  const at = args.length;
  const after = args[at - 1];
  switch (keyword) {
    case "exec":
    case "show":
    case "shell":
    case "addr":
      return at === 0;
    case "ping":
    case "why":
      return at < 2;
    case "expect": {
      // `expect [no] ping|tcp|udp A B …`: after the kind, two nodes as for ping.
      const rest = args[0] === "no" ? args.slice(1) : args;
      return rest.length > 0 && nodeFits("ping", rest.slice(1));
    }
    case "route":
      return at === 0 || after === "via";
    case "link":
    case "unlink":
    case "set":
      return at === 0 || after === "<->";
    case "block":
    case "allow":
    case "unblock":
      return at === 0 || after === "->";
    case "move":
      return after === "->";
    default:
      return !NO_NODES.has(keyword);
  }
}

/** What fits as `word` after the statement's complete words `before` (keyword first). */
function candidates(before: readonly string[], word: string, world: World): string[] {
  const [keyword, ...args] = before;
  if (keyword === undefined) return [...nextKeywords(""), ...LEAVE_WORDS];
  if (keyword === "help") return args.length === 0 ? [...HELP_TOPICS] : [];
  if (keyword === "explain") return args.length === 0 ? ["on", "off"] : [];
  if (keyword === "serve") return args.length === 0 ? ["off"] : [];
  if (keyword === "exec" && args.length > 0) return [];
  const out = nextKeywords(before.join(" "));
  if (nodeFits(keyword, args)) out.push(...nodeWords(world, word));
  // `host`, the machine itself, may be either end of a link.
  if ((keyword === "link" || keyword === "unlink") && nodeFits(keyword, args) && !word.includes(":")) out.push(HOST);
  return out;
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
