# netl's sysctl helper (runtime/sysctl-batch.ts): a stage's settings of every namespace in one process,
# where `ip netns exec NS sysctl …` would start one per namespace (a fork, a new mount namespace with
# /sys mounted again, then `sysctl`). It enters each namespace with setns(2) and writes /proc/sys
# itself: /proc/sys/net is the namespace of the process that opens it, so no remount is needed.
# Run as `perl -e SCRIPT SETNS_NR MODE`: SETNS_NR is setns(2)'s syscall number, MODE `-force` to go on
# past a failed line (as `ip -force`), else `-`. It reads the very lines `ip -batch` runs where Perl
# cannot (`netns exec NS sysctl -qw KEY=VALUE …`) and reports like it (`Command failed -:N`), so the
# result is read by the same code.
use strict;
use warnings;

# A constant sub, which perl inlines (`use constant` would load constant.pm at every start).
sub CLONE_NEWNET () { 0x40000000 }    # setns may enter only a network namespace

my ($setns_nr, $mode) = @ARGV;
my $force = defined $mode && $mode eq "-force";

# Enter $ns and write each KEY=VALUE (a key's dots are /proc/sys's slashes); an error text, or undef.
sub set_in {
    my ($ns, @settings) = @_;
    open(my $fd, "<", "/run/netns/$ns") or return qq{Cannot open network namespace "$ns": $!};
    syscall($setns_nr, fileno($fd), CLONE_NEWNET) == 0 or return "setns $ns: $!";
    for my $setting (@settings) {
        my ($key, $value) = split /=/, $setting, 2;
        (my $path = $key) =~ tr{.}{/};
        open(my $out, ">", "/proc/sys/$path") or return "sysctl: cannot stat /proc/sys/$path: $!";
        print {$out} $value and close $out or return qq{sysctl: setting key "$key": $!};
    }
    return undef;
}

my ($line_no, $failed) = (0, 0);
while (my $line = <STDIN>) {
    $line_no++;
    chomp $line;
    my (undef, undef, $ns, undef, undef, @settings) = split / /, $line;
    my $error = set_in($ns, @settings);
    next unless defined $error;
    print STDERR "$error\nCommand failed -:$line_no\n";
    $failed = 1;
    last unless $force;
}
exit $failed;
