// A stage's sysctls in one process for every namespace (native/sysctl.pl): `ip netns exec NS sysctl …`
// starts a process per namespace, and mounts /sys again in it; the Perl process enters each namespace
// with setns(2) and writes /proc/sys itself. It reads the same `netns exec NS sysctl -qw k=v …` lines an
// `ip -batch` would and reports like one, so where Perl or setns's syscall number is unknown, `ip
// -batch` runs the very same lines and the result is read by the same code. Where a stage makes
// namespaces with the namespace maker (netns.pl), that process sets their sysctls instead (apply.ts).
import SYSCTL from "./native/sysctl.pl";
import { perlWithSetns } from "./perl-setns.js";

/** The argv that runs a batch of sysctl lines: the one Perl process, or `ip -batch` without it. */
export function sysctlArgv(force: boolean): string[] {
  return perlWithSetns(SYSCTL, force) ?? ["ip", ...(force ? ["-force"] : []), "-batch", "-"];
}
