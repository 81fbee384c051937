// The Perl processes that enter namespaces with setns(2) (sysctl-batch.ts, rtnl-batch.ts): perl-base is
// Essential on Debian and Ubuntu, so it is a native piece with no build step. Its argv, or undefined
// where Perl is missing or setns's syscall number is not known for this architecture.
import { once } from "../once.js";
import { onPath } from "./on-path.js";

/** setns(2)'s number where the kernel's table is known: x86-64's own, and the generic one of arm64/riscv64. */
const SETNS: Readonly<Record<string, number>> = { x64: 308, arm64: 268, riscv64: 268 };

const perl = once(() => onPath("perl"));

/** `perl -e SCRIPT NR MODE`: the script reads setns's number and `-force` (go on past a failure) or `-`. */
export function perlWithSetns(script: string, force: boolean): string[] | undefined {
  const nr = SETNS[process.arch];
  if (nr === undefined || !perl()) return undefined;
  return ["perl", "-e", script, String(nr), force ? "-force" : "-"];
}
