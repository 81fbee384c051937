// A statement that starts with a word netl does not know, read as a habit from elsewhere: Mininet's
// `h1 ping h2` and `h1 ifconfig`, a shell's `rm` and `delete`, two letters swapped (`pnig`). The hint
// says the netl statement meant; the message stays "unknown statement".
import type { IToken } from "chevrotain";
import { nearest } from "../src/suggest.js";
import * as T from "./tokens.js";
import { KEYWORDS } from "./tokens.js";

/** Words of other tools, alone on their line, and what netl says instead. */
const ALONE: Readonly<Record<string, string>> = {
  nodes: "show",
  net: "graph",
  dump: "show",
  links: "show",
  intfs: "show",
};
/** Words of other tools followed by what they act on. */
const BEFORE: Readonly<Record<string, string>> = { delete: "del", rm: "del", remove: "del", xterm: "shell" };

/** The keyword `word` is with two neighbouring letters swapped back (`pnig` → `ping`), if any. */
function unswapped(word: string): string | undefined {
  // Only a word of a keyword's length can be one swapped: a longer one is not tried letter by letter
  // (each try copies the word, so a 100 000-letter line took seconds, 4 MB an hour).
  if (!KEYWORDS.some((k) => k.length === word.length)) return undefined;
  const lower = word.toLowerCase();
  for (let i = 0; i + 1 < lower.length; i++) {
    const back = lower.slice(0, i) + (lower[i + 1] ?? "") + (lower[i] ?? "") + lower.slice(i + 2);
    if (back !== lower && KEYWORDS.includes(back)) return back;
  }
  return undefined;
}

const isName = (t: IToken | undefined): boolean => t !== undefined && t.tokenType === T.Identifier;
const isTarget = (t: IToken): boolean => isName(t) || t.tokenType === T.IPv4 || t.tokenType === T.IPv6;

/**
 * The hint for a statement whose first token (a name) starts no statement; undefined when no habit
 * fits. `tokens` are the statement's, its end token last.
 */
export function habitHint(tokens: readonly IToken[]): string | undefined {
  const [first, second] = tokens;
  if (first === undefined || !isName(first)) return undefined;
  const word = first.image;
  const rest = tokens.slice(1, -1);
  const instead = rest.length === 0 ? ALONE[word.toLowerCase()] : BEFORE[word.toLowerCase()];
  if (instead !== undefined)
    return `did you mean '${[instead, ...rest.map((t) => t.image)].join(" ")}'? (netl's word for it)`;
  const swapped = unswapped(word);
  if (swapped !== undefined) return `did you mean '${swapped}'?`;
  // A keyword mistyped is likelier than a habit: messages.ts offers it.
  if (nearest(word, KEYWORDS) !== undefined) return undefined;
  // Mininet's `h1 ping h2`: the node first, then what it does.
  if (second?.tokenType === T.Ping) {
    const target = [...rest.slice(1)].reverse().find(isTarget);
    return `did you mean 'ping ${word} ${target?.image ?? "B"}'? (netl writes the statement first: ping FROM TO)`;
  }
  // Mininet's `h1 ifconfig`: a command in a node named as Mininet names them (h1, s2, r10).
  if (isName(second) && second !== undefined && /^[A-Za-z]+\d+$/.test(word))
    return `to run a command in node ${word}: exec ${word} ${second.image}${rest.length > 1 ? " …" : ""}`;
  return undefined;
}
