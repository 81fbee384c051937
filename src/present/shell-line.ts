// A kernel command as a person reads it: `--explain`, `netl plan`, the exports and the tutorial's
// "the same with plain commands" all print argv this way.

/** A command line as a person would paste it into a shell. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

/**
 * What `spawn` starts (`ip netns exec NS sh -c CMD`) as netl runs it: in the background, the leader of
 * a process group of its own, reading nothing from the shell it is pasted into and blocking none of
 * the lines after it; its output goes to `log` (a shell word).
 */
export function backgroundLine(command: readonly string[], log = "/dev/null"): string {
  return `${shellLine([...command.slice(0, 4), "setsid", ...command.slice(4)])} </dev/null >>${log} 2>&1 &`;
}
