// A word of megabytes (an unknown statement, a node's name) quoted whole in an error made an error of
// megabytes. Where netl prints a message, each over-long word is cut to its ends and its length; a
// path or an address stays whole (MAX_WORD is far above either).

/** The longest word shown whole in a message; a longer one keeps this much of its two ends. */
export const MAX_WORD = 200;
const END = 80;
// A word: what is between spaces and quotes, so a quoted word keeps its quotes.
const LONG_WORD = new RegExp(`[^\\s'"\`“”‘’]{${MAX_WORD + 1},}`, "gu");

import type { Lang } from "../words/catalogue.js";

/** How long the word was, in the reader's language. */
const LENGTH = { en: (n: number) => ` (${n} characters)`, zh: (n: number) => `（共 ${n} 个字符）` };

/** `text` with every word over MAX_WORD characters cut to `head…tail (N characters)`. */
export function clipWords(text: string, lang?: Lang): string {
  return text.replace(LONG_WORD, (word) => {
    const chars = [...word];
    if (chars.length <= MAX_WORD) return word;
    return `${chars.slice(0, END).join("")}…${chars.slice(-END).join("")}${LENGTH[lang ?? "en"](chars.length)}`;
  });
}
