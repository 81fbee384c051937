# netl's teardown helper (runtime/netns-del.ts): deletes a lab's namespaces as `ip netns del` does
# (umount2 with MNT_DETACH, then unlink), each only while what is bound at its name is still the very
# namespace the lab made, checked right before it goes; and, asked to, takes the lab's lock first, so
# that `netl down` starts one process where it started `flock` and `ip`.
# Run as `perl -e SCRIPT STATX_NR UMOUNT2_NR NETNS_DIR LOCK`: the syscall numbers of statx(2) and
# umount2(2), the directory of the names, and LOCK `lock` to take flock(2) on fd 3 first (netl's own
# open file, so the lock stays netl's after this process ends, as with flock(1)): it answers `held`,
# `busy` or `error TEXT` on a line of its own before reading anything; `-` for no lock.
# Then it reads `NAME DEV INO BORN` a line (BORN the inode's ctime in microseconds, `-` when the record
# has none; runtime/identity.ts) and answers one line each:
#   gone NAME                 it was the lab's, and is deleted
#   absent NAME               nothing has that name
#   other NAME DEV INO BORN   something else has it now: left alone
#   failed NAME TEXT          the lab's, and could not be deleted
# A line without its newline (netl killed as it wrote) is not acted on.
use strict;

# Constant subs, which perl inlines (`use constant` would load constant.pm at every start).
sub AT_FDCWD () { -100 }
sub AT_SYMLINK_NOFOLLOW () { 0x100 }
sub STATX_BASIC_STATS () { 0x7ff }
sub STATX_SIZE () { 256 }              # sizeof(struct statx)
sub STATX_INO_AT () { 32 }             # offsetof(struct statx, stx_ino)
sub STATX_CTIME_AT () { 96 }           # offsetof(struct statx, stx_ctime)
sub STATX_DEV_AT () { 136 }            # offsetof(struct statx, stx_dev_major)
sub MNT_DETACH () { 2 }
sub LOCK_EX () { 2 }
sub LOCK_NB () { 4 }
sub EWOULDBLOCK () { 11 }
sub ENOENT () { 2 }
sub BORN_SLACK_US () { 1 }             # as runtime/identity.ts: a ctime read as a float may be off by one

my ($statx_nr, $umount2_nr, $dir, $lock) = @ARGV;
# netl may be gone (SIGKILL) with the other end of stdout: the lines read so far are still done.
$SIG{PIPE} = "IGNORE";

if ($lock eq "lock") {
    my $answer = "held";
    if (!open(my $fd3, "+<&=", 3)) {
        $answer = "error fd 3: $!";
    } elsif (!flock($fd3, LOCK_EX | LOCK_NB)) {
        $answer = $! == EWOULDBLOCK ? "busy" : "error flock: $!";
    }
    syswrite STDOUT, "$answer\n";
    exit 1 if $answer ne "held";
}

# What is at $path now, without following a link: (dev as stat(2) gives it, ino, ctime in µs), or ().
sub identity {
    my ($path) = @_;
    my $buf = "\0" x STATX_SIZE;
    syscall($statx_nr, AT_FDCWD, $path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, $buf) == 0 or return ();
    my $ino = unpack "Q", substr($buf, STATX_INO_AT, 8);
    my ($sec, $nsec) = unpack "q L", substr($buf, STATX_CTIME_AT, 12);
    my ($major, $minor) = unpack "L L", substr($buf, STATX_DEV_AT, 8);
    # glibc's makedev, as node's stat and perl's give st_dev.
    my $dev = (($major & 0xfff) << 8) | ($minor & 0xff) | (($minor & ~0xff) << 12) | (($major & ~0xfff) << 32);
    return ($dev, $ino, $sec * 1_000_000 + int($nsec / 1000));
}

sub delete_one {
    my ($name, $dev, $ino, $born) = @_;
    my $path = "$dir/$name";
    my @now = identity($path);
    return $! == ENOENT ? "absent $name" : "failed $name statx: $!" unless @now;
    my $same = $now[0] == $dev && $now[1] == $ino && ($born eq "-" || abs($now[2] - $born) <= BORN_SLACK_US);
    return "other $name @now" unless $same;
    # As iproute2: a failed unmount shows as the unlink's failure (the name is still a mount point).
    syscall($umount2_nr, $path, MNT_DETACH);
    return unlink($path) ? "gone $name" : qq{failed $name Cannot remove namespace file "$path": $!};
}

while (my $line = <STDIN>) {
    last unless chomp $line;
    # A name as a lab's namespace has one: no slash, no space, not . or .. (lab-name.ts allows less).
    my ($name, $dev, $ino, $born) = $line =~ m{^([^/\0\s]+) (\d+) (\d+) (\d+|-)$};
    my $answer =
      defined $name && $name ne "." && $name ne ".."
      ? delete_one($name, $dev, $ino, $born)
      : "failed ? not NAME DEV INO BORN: $line";
    print "$answer\n";
}
exit 0;
