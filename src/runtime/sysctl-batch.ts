// A stage's sysctls in one process for every namespace. `ip netns exec NS sysctl …` starts a
// process per namespace (a fork, a new mount namespace with /sys mounted again, then `sysctl`):
// ~2.2 ms each, most of the hand-optimal script's time for a chain of routers. One Perl process
// (perl-base is Essential on Debian and Ubuntu) enters each namespace with setns(2) and writes
// /proc/sys itself: ~0.1 ms a namespace. /proc/sys/net is the namespace of the process that opens
// it, so no remount is needed. It reads the same `netns exec NS sysctl -qw k=v …` lines an
// `ip -batch` would, and reports like one (`Command failed -:N`, going on with -force), so the
// result is read by the same code. Where Perl or setns's syscall number is unknown, `ip -batch` runs
// the very same lines.
import { perlWithSetns } from "./perl-setns.js";

/** CLONE_NEWNET: setns may only enter a network namespace. */
const CLONE_NEWNET = 0x40000000;

// The lines are `netns exec NS sysctl -qw k=v …`; a key's dots are /proc/sys's slashes.
const SCRIPT = `use strict; use warnings;
my ($nr, $force) = @ARGV; my ($n, $failed) = (0, 0);
while (my $line = <STDIN>) {
  $n++; chomp $line; my (undef, undef, $ns, undef, undef, @set) = split / /, $line; my $err;
  if (open(my $h, "<", "/run/netns/$ns")) {
    if (syscall($nr, fileno($h), ${CLONE_NEWNET}) != 0) { $err = "setns $ns: $!" }
    else { for (@set) { my ($k, $v) = split /=/, $_, 2; (my $p = $k) =~ tr{.}{/};
      if (open(my $o, ">", "/proc/sys/$p")) { unless (print $o $v and close $o) { $err = "sysctl: setting key \\"$k\\": $!"; last } }
      else { $err = "sysctl: cannot stat /proc/sys/$p: $!"; last } } }
  } else { $err = "Cannot open network namespace \\"$ns\\": $!" }
  if ($err) { print STDERR "$err\\nCommand failed -:$n\\n"; $failed = 1; last unless $force eq "-force" }
}
exit $failed;
`;

/** The argv that runs a batch of sysctl lines: the one Perl process, or `ip -batch` without it. */
export function sysctlArgv(force: boolean): string[] {
  return perlWithSetns(SCRIPT, force) ?? ["ip", ...(force ? ["-force"] : []), "-batch", "-"];
}
