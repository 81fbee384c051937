// A kernel command as a person reads it: `--explain`, `netl plan`, the exports and the tutorial's
// "the same with plain commands" all print argv this way.

/** A command line as a person would paste it into a shell. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
