# netl's teardown helper (runtime/netns-del.ts): deletes a lab's namespaces as `ip netns del` does
# (umount2 with MNT_DETACH, then unlink), each only while what is bound at its name is still the very
# namespace the lab made, checked right before it goes; and, asked to, takes the lab's lock first.
# Run as `perl -e SCRIPT ARCH NETNS_DIR LOCK`: ARCH the machine's (node's name for it or the kernel's;
# the syscall numbers of statx(2) and umount2(2) follow from it), the directory of the names, and LOCK
# `lock` to take flock(2) on fd 3 first (netl's own open file, so the lock stays netl's after this
# process ends, as with flock(1)): it answers `held`, `busy` or `error TEXT` on a line of its own
# before reading anything; `-` for no lock.
# Then it reads `NAME DEV INO BORN` a line (BORN the inode's ctime in microseconds, `-` when the record
# has none; runtime/identity.ts) and answers one line each:
#   gone NAME                 it was the lab's, and is deleted
#   absent NAME               nothing has that name
#   other NAME DEV INO BORN   something else has it now: left alone
#   failed NAME TEXT          the lab's, and could not be deleted
# A line without its newline (netl killed as it wrote) is not acted on.
# Run as `perl FILE down LAB` (scripts/netl.sh, for `netl down LAB`), it is the whole teardown of a
# plain lab (its record names namespaces and nothing else; no journal, no logs, no process left inside;
# each namespace the lab's, gone, or the remains of a deletion cut short, which it finishes),
# without starting node: what cli/admin.ts and cli/remove-lab.ts do for such a lab, in the same order,
# under the same lock (runtime/lab-lock.ts), saying the same line. Anything else — not root, a lab not
# plain, the lock busy, a namespace that is not the lab's, a failure — it leaves to netl's node (exit
# FALLBACK) without a word, having deleted nothing, or (a deletion failed) what was the lab's alone.
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
sub FALLBACK () { 75 }                 # `down`: not done here; netl's node does it (scripts/netl.sh)
sub O_WRONLY_CREAT_EXCL () { 0301 }    # the same bits on x86-64, arm64 and riscv64
sub O_RDONLY_NONBLOCK () { 04000 }     # likewise
sub MAX_RECORD_BYTES () { 8 << 20 }    # as runtime/lab-record.ts
sub NETNS_DIR () { "/run/netns" }      # as cli/remove-lab.ts
sub RUN_DIR () { "/run/netl" }         # as runtime/lab-record.ts (NETL_RUN_DIR names another)
sub STARTTIME_FIELD () { 19 }          # /proc/PID/stat's field 22, counted after the command name

# statx(2) and umount2(2) by architecture: x86-64's own numbers, and the generic table of arm64 and riscv64.
my %SYSCALLS = (x64 => [332, 166], x86_64 => [332, 166], arm64 => [291, 39], aarch64 => [291, 39], riscv64 => [291, 39]);

my ($statx_nr, $umount2_nr, $dir);
my $stopped;                           # `down`: the signal that asked it to stop, once one did

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

# As runtime/identity.ts's remainsAt: what a deletion cut short between unmount and unlink leaves at a
# name, an empty regular file on the names' own filesystem (no namespace; nobody's goes with it).
sub remains {
    my ($path) = @_;
    my $names = (lstat $dir)[0] // return 0;
    my @at = lstat $path;
    return @at && -f _ && $at[7] == 0 && $at[0] == $names;
}

# Whether `now` (identity's answer) is the namespace [NAME, DEV, INO, BORN] (runtime/identity.ts's sameNs).
sub same_ns {
    my ($id, $now) = @_;
    my (undef, $dev, $ino, $born) = @$id;
    return $now->[0] == $dev && $now->[1] == $ino && ($born eq "-" || abs($now->[2] - $born) <= BORN_SLACK_US);
}

sub delete_one {
    my ($name, $dev, $ino, $born) = @_;
    my $path = "$dir/$name";
    my @now = identity($path);
    return $! == ENOENT ? "absent $name" : "failed $name statx: $!" unless @now;
    return "other $name @now" unless same_ns([$name, $dev, $ino, $born], \@now);
    # As iproute2: a failed unmount shows as the unlink's failure (the name is still a mount point).
    syscall($umount2_nr, $path, MNT_DETACH);
    return unlink($path) ? "gone $name" : qq{failed $name Cannot remove namespace file "$path": $!};
}

# The helper's mode (runtime/netns-del.ts): the lock on fd 3 if asked, then one answer a line read.
sub helper {
    my ($arch, $lock);
    ($arch, $dir, $lock) = @ARGV;
    # netl may be gone (SIGKILL) with the other end of stdout: the lines read so far are still done.
    $SIG{PIPE} = "IGNORE";
    my $numbers = $SYSCALLS{$arch};
    ($statx_nr, $umount2_nr) = @$numbers if $numbers;
    if ($lock eq "lock") {
        my $answer = "held";
        if (!$numbers) {
            $answer = "error no statx and umount2 numbers for $arch";
        } elsif (!open(my $fd3, "+<&=", 3)) {
            $answer = "error fd 3: $!";
        } elsif (!flock($fd3, LOCK_EX | LOCK_NB)) {
            $answer = $! == EWOULDBLOCK ? "busy" : "error flock: $!";
        }
        syswrite STDOUT, "$answer\n";
        exit 1 if $answer ne "held";
    }
    while (my $line = <STDIN>) {
        last unless chomp $line;
        # A name as a lab's namespace has one: no slash, no space, not . or .. (lab-name.ts allows less).
        my ($name, $dev, $ino, $born) = $line =~ m{^([^/\0\s]+) (\d+) (\d+) (\d+|-)$};
        my $valid = defined $name && $name ne "." && $name ne "..";
        my $answer =
            !$valid   ? "failed ? not NAME DEV INO BORN: $line"
          : !$numbers ? "failed $name no statx and umount2 numbers for $arch"
          :             delete_one($name, $dev, $ino, $born);
        print "$answer\n";
    }
    return 0;
}

# ---- `down LAB`: the whole teardown of a plain lab ----

# The machine's architecture as the kernel names it; perl's own build names it where the kernel does not say.
sub kernel_arch {
    if (open(my $fh, "<", "/proc/sys/kernel/arch")) {
        my $arch = <$fh> // "";
        chomp $arch;
        return $arch;
    }
    require Config;
    # By name: %Config::Config is there only once Config.pm is loaded, at run time.
    no strict "refs";
    return (split /-/, ${"Config::Config"}{archname})[0];
}

sub start_time {
    open(my $fh, "<", "/proc/self/stat") or return "?";
    my $stat = <$fh> // "";
    return (split / /, substr($stat, rindex($stat, ")") + 2))[STARTTIME_FIELD] // "?";
}

# The lab's lock as runtime/lab-lock.ts takes it: a new file of this process's own, locked, linked into
# place (which fails if one is there: then netl's node takes it as it is), and still the one at the path.
sub take_lock {
    my ($run, $lab) = @_;
    my $path = "$run/$lab.lock";
    my $own = "$path.$$.new";
    unlink $own;
    sysopen(my $fh, $own, O_WRONLY_CREAT_EXCL, 0644) or return undef;
    my $linked = flock($fh, LOCK_EX | LOCK_NB) && link($own, $path);
    unlink $own;
    return undef unless $linked;
    my @held = stat $fh;
    my @now = lstat $path;
    return undef unless @now && $now[0] == $held[0] && $now[1] == $held[1];
    # The holder's pid and start time, for another netl's message only (lab-lock.ts's namedHolder).
    syswrite $fh, "$$ " . start_time() . "\n";
    return [$fh, $path];
}

# As lab-lock.ts releases: the file goes while still held, then the lock.
sub release {
    my ($lock) = @_;
    unlink $lock->[1];
    close $lock->[0];
}

# The record's text, as runtime/lab-record.ts reads it: a regular file (never through a link, never a FIFO
# that would hold this process) of at most MAX_RECORD_BYTES; undef for anything else.
sub record_text {
    my ($path) = @_;
    my @seen = lstat $path;
    return undef unless @seen && -f _ && $seen[7] <= MAX_RECORD_BYTES;
    sysopen(my $fh, $path, O_RDONLY_NONBLOCK) or return undef;
    my @open = stat $fh;
    return undef unless $open[0] == $seen[0] && $open[1] == $seen[1] && -f _;
    my $text = "";
    while (length $text <= MAX_RECORD_BYTES) {
        my $got = sysread($fh, $text, 65536, length $text) // return undef;
        return $text if $got == 0;
    }
    return undef;
}

my $ENTRY = qr/    \{\n      "name": "([A-Za-z][A-Za-z0-9_-]{0,127})",\n      "dev": (\d+),\n      "ino": (\d+)(?:,\n      "born": (\d+))?\n    \}/;

# A plain record, exactly as runtime/lab-record.ts writes one (JSON.stringify, two spaces): its
# namespaces as [NAME, DEV, INO, BORN]; undef for anything else (other fields, another layout).
sub plain_record {
    my ($text, $lab) = @_;
    my ($head, $list) = $text =~ /\A\{\n((?:  "[a-z]+": [^\n]*,\n)*)  "namespaces": \[(.*)\]\n\}\n\z/s or return undef;
    my %value;
    for my $line (split /\n/, $head) {
        my ($key, $value) = $line =~ /\A  "([a-z]+)": (\d+|"[^"\\]*"),\z/ or return undef;
        return undef if exists $value{$key};
        $value{$key} = $value;
    }
    my %want = (version => "2", lab => qq{"$lab"}, pid => qr/\A\d+\z/, updated => qr/\A"/, prefix => qr/\A"/);
    for my $key (keys %value) {
        my $want = $want{$key} // return undef;
        return undef unless ref $want ? $value{$key} =~ $want : $value{$key} eq $want;
    }
    return undef unless exists $value{version} && exists $value{lab} && exists $value{pid} && exists $value{updated};
    return [] if $list eq "";
    my ($body) = $list =~ /\A\n(.*)\n  \z/s or return undef;
    my @ids;
    for my $entry (split /,\n(?=    \{\n)/, $body) {
        my @id = $entry =~ /\A$ENTRY\z/ or return undef;
        push @ids, [$id[0], $id[1], $id[2], $id[3] // "-"];
    }
    return \@ids;
}

# With the lock held: how many namespaces it deleted, or undef (netl's node's to do). Every check that can
# send the lab to netl's node comes before the first deletion.
sub down_held {
    my ($run, $lab) = @_;
    opendir(my $dh, $run) or return undef;
    my %files = map { $_ => 1 } grep { index($_, "$lab.") == 0 } readdir $dh;
    delete @files{"$lab.lock", "$lab.live", "$lab.world"};
    # The record and nothing else of the lab's: a journal, batches, logs or temporary files are netl's node's.
    return undef unless delete $files{"$lab.json"} && !%files;
    my $text = record_text("$run/$lab.json") // return undef;
    my $ids = plain_record($text, $lab) or return undef;
    # runtime/identity.ts's standings: gone is passed over; anything but the lab's own is netl's node's.
    my %never;
    for my $pid ("self", 1) {
        my $net = readlink("/proc/$pid/ns/net") // "";
        $never{$1} = 1 if $net =~ /\Anet:\[(\d+)\]\z/;
    }
    my $nsfs = (stat "/proc/self/ns/net")[0] // -1;
    my (@ours, @remains);
    for my $id (@$ids) {
        my $path = NETNS_DIR . "/$id->[0]";
        my @now = identity($path);
        if (!@now) {
            return undef unless $! == ENOENT;
            next;
        }
        if (!same_ns($id, \@now)) {
            return undef unless remains($path);
            push @remains, $path;
            next;
        }
        return undef if $now[0] == $nsfs && $never{ $now[1] };
        push @ours, $id;
    }
    # A process still inside one: netl's node ends it and says so (runtime/lingering.ts).
    my %inside = map { ("net:[$_->[2]]" => 1) } @ours;
    if (%inside) {
        opendir(my $proc, "/proc") or return undef;
        my $parent = getppid();
        for my $pid (grep { /\A\d+\z/ } readdir $proc) {
            next if $pid == $$ || $pid == $parent;
            my $net = readlink("/proc/$pid/ns/net");
            return undef if defined $net && $inside{$net};
        }
    }
    for my $id (@ours) {
        return undef if $stopped || delete_one(@$id) !~ /\Agone /;
    }
    unlink grep { remains($_) } @remains;
    unlink map { "$run/$lab.$_" } qw(json world live);
    return scalar @ours;
}

sub down {
    my ($lab) = @_;
    return FALLBACK unless $> == 0 && ($ENV{NETL_SANDBOX} // "") ne "1";
    return FALLBACK unless defined $lab && $lab =~ /\A[A-Za-z][A-Za-z0-9_-]{0,63}\z/;
    my $run = $ENV{NETL_RUN_DIR} // RUN_DIR;
    my $numbers = $SYSCALLS{ kernel_arch() };
    return FALLBACK if $run eq "" || !$numbers;
    ($statx_nr, $umount2_nr) = @$numbers;
    $dir = NETNS_DIR;
    # A signal (Ctrl-C) is taken between two namespaces, never between a namespace's unmount and its
    # unlink: what was deleted is deleted whole, the lock let go, and then this process ends by that
    # signal, so the bin ends too (the next `netl down` removes the rest).
    local @SIG{qw(INT TERM HUP)} = (sub { $stopped //= $_[0] }) x 3;
    my $lock = take_lock($run, $lab) or return FALLBACK;
    my $n = eval { down_held($run, $lab) };
    release($lock);
    if ($stopped) {
        $SIG{$stopped} = "DEFAULT";
        kill $stopped, $$;
    }
    return FALLBACK unless defined $n;
    # Removed, whether or not anyone still reads (as netl's node: its reader gone, the exit status says it).
    $SIG{PIPE} = "IGNORE";
    syswrite STDOUT, "removed lab '$lab' (" . ($n == 1 ? "1 namespace" : "$n namespaces") . ")\n";
    return 0;
}

exit(@ARGV && $ARGV[0] eq "down" ? down($ARGV[1]) : helper());
