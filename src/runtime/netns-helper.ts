// The argv of netl's namespace maker (native/netns.pl), which makes each namespace as `ip netns add`
// does and journals its identity as soon as it exists; undefined where Perl or the syscall numbers
// are missing here (then `ip -batch` runs the lines: netns-batch.ts).
import { once } from "../once.js";
import NETNS from "./native/netns.pl";
import { onPath } from "./on-path.js";

/**
 * unshare(2), mount(2), setns(2) and linkat(2) by architecture, x86-64's own numbers and the generic table
 * of arm64 and riscv64; then open(2)'s O_TMPFILE and O_NOFOLLOW, which arm64 numbers its own way.
 */
const SYSCALLS: Readonly<Record<string, readonly [number, number, number, number, number, number]>> = {
  x64: [272, 165, 308, 265, 0o20200000, 0o400000],
  arm64: [97, 40, 268, 37, 0o20040000, 0o100000],
  riscv64: [97, 40, 268, 37, 0o20200000, 0o400000],
};

const perl = once(() => onPath("perl"));

export function netnsArgv(force: boolean, journal: string): string[] | undefined {
  const nr = SYSCALLS[process.arch];
  if (nr === undefined || !perl()) return undefined;
  return ["perl", "-e", NETNS, ...nr.map(String), force ? "-force" : "-", journal];
}
