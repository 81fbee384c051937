// A value the layers below word in English (tcpdump's name for an ICMP message, what a prefix clashes
// with, a moved interface's note), in Chinese by the first pattern of a table it fits.

/** Patterns and their Chinese (`$1` … the pattern's groups), in the order they are tried. */
export type Rewrites = readonly (readonly [RegExp, string])[];

/** `text` rewritten by the first pattern it fits; as it was when it fits none. */
export function rewrite(table: Rewrites, text: string): string {
  const known = table.find(([re]) => re.test(text));
  return known === undefined ? text : text.replace(known[0], known[1]);
}
