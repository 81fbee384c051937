# netl's namespace maker (runtime/netns-batch.ts): makes each namespace as `ip netns add` does, and
# before its name holds it appends "NAME DEV INO BORN FILE_DEV FILE_INO" to the lab's journal (what
# `stat /run/netns/NAME` gives once it is mounted, BORN its ctime in microseconds, runtime/identity.ts;
# then the name's file: a link to a file made in no folder first), so that nothing netl made is ever
# unknown to `netl down`: netl starts it in a process group of its own, and it finishes its batch even
# when netl is SIGKILLed.
# Run as `perl -e SCRIPT UNSHARE_NR MOUNT_NR SETNS_NR LINKAT_NR O_TMPFILE O_NOFOLLOW MODE JOURNAL`: the
# syscall numbers of unshare(2), mount(2), setns(2) and linkat(2) and two flags of open(2) (arm64 has
# its own), MODE `-force` to go on past a failed line (as `ip -force`), else `-`. It reads
# the very lines `ip -batch` runs where Perl cannot (`netns add NAME`, and a namespace's settings as
# `netns exec NAME sysctl -qw KEY=VALUE …`, as native/sysctl.pl does: one process for both) and reports
# like it (`Command failed -:N`). Asked to, it first takes the lab's lock (below). A line `netns pool N`,
# which netl writes while it still checks the script, makes up to N namespaces ahead (below).
use strict;
use warnings;
use Time::HiRes ();

# Constant subs, which perl inlines (`use constant` would load constant.pm at every start).
sub CLONE_NEWNET () { 0x40000000 }
sub MS_BIND () { 0x1000 }
sub MS_REC () { 0x4000 }
sub MS_SHARED () { 0x100000 }
sub O_RDONLY () { 0 }
sub O_CREAT () { 0100 }
sub O_EXCL () { 0200 }
sub O_WRONLY () { 01 }
sub O_APPEND () { 02000 }
sub O_RDWR () { 02 }
sub EINVAL () { 22 }
sub EEXIST () { 17 }
sub AT_FDCWD () { -100 }
sub AT_SYMLINK_FOLLOW () { 0x400 }
sub NETNS_DIR () { "/run/netns" }
sub MICROSECONDS () { 1_000_000 }
sub LOCK_EX () { 2 }
sub LOCK_NB () { 4 }
sub EWOULDBLOCK () { 11 }
sub LOCK_ASKED () { "fd3" }
# The most namespaces made ahead, each held by an open file.
sub POOL_MAX () { 1000 }
# Names linked to one file before the next is made: far below any filesystem's most links (ext4: 65 000).
sub LINKS_PER_FILE () { 1000 }
# Open files left free under the process's limit for the journal and what a batch opens.
sub FILES_SPARE () { 64 }

my ($unshare_nr, $mount_nr, $setns_nr, $linkat_nr, $o_tmpfile, $o_nofollow, $mode, $journal) = @ARGV;
my $force = defined $mode && $mode eq "-force";
# netl may be gone (SIGKILL) with the other end of stderr: a report must not end the batch.
$SIG{PIPE} = "IGNORE";

# Asked to (NETL_NETNS_LOCK=fd3, runtime/prestart-build.ts; the environment, as the argv must stay the
# batch's own): take flock(2) on fd 3 before anything else, the lab's new lock file that netl holds
# open, so that `netl run` starts no `flock`. The lock is that open file's, and stays netl's once this
# process lets go of fd 3. The answer, `held`, `busy` or `error TEXT`, is the one line it writes on stdout.
my $answer = "held";
if (($ENV{NETL_NETNS_LOCK} // "") eq LOCK_ASKED) {
    delete $ENV{NETL_NETNS_LOCK};
    if (!open(my $fd3, "+<&=", 3)) {
        $answer = "error fd 3: $!";
    } elsif (!flock($fd3, LOCK_EX | LOCK_NB)) {
        $answer = $! == EWOULDBLOCK ? "busy" : "error flock: $!";
    } else {
        close $fd3;
    }
    syswrite STDOUT, "$answer\n";
}

# Opened at the first namespace: netl may start this process before it knows there will be one
# (runtime/prestart.ts), and one that reads no line leaves no file.
my $log;
sub journal {
    return undef if defined $log;
    sysopen($log, $journal, O_WRONLY | O_APPEND | O_CREAT | $o_nofollow, 0644)
      or return "Cannot open the journal $journal: $!";
    return undef;
}

# Strings go to syscall(2) as pointers to writable copies (a literal is read-only to perl).
sub mount_ {
    my ($source, $target, $flags) = @_;
    my $type = "none";
    return syscall($mount_nr, $source, $target, $type, $flags, 0) == 0;
}

# As iproute2: /run/netns a shared mount point (made one by binding it onto itself), so that a
# namespace's mount reaches every mount namespace and its removal too.
my $shared = 0;
sub share_dir {
    return undef if $shared;
    mkdir NETNS_DIR, 0755;
    my $bound = 0;
    until (mount_("", NETNS_DIR, MS_SHARED | MS_REC)) {
        return "mount --make-shared " . NETNS_DIR . " failed: $!" if $! != EINVAL || $bound;
        mount_(NETNS_DIR, NETNS_DIR, MS_BIND | MS_REC) or return "mount --bind " . NETNS_DIR . " failed: $!";
        $bound = 1;
    }
    $shared = 1;
    return undef;
}

# The namespace this process is in: the one it made last (unshare enters it), or entered for settings;
# "" when that is one no name is bound to (a mount that failed). Settings there need no setns.
my $current = "";

# The pool: namespaces made while netl still checks the script, each held by an open file and by
# nothing else, so bound to no name and seen by no one; `add` links the names' file (below) at its
# name and binds the next there. Those left over end with this process (a script that failed its
# check, netl killed): nothing to remove.
my @pool;

# Make up to $count namespaces for the pool, on this CPU while netl checks on its own. It stops where the
# batch arrives (its lines are waited for no longer than one namespace), where a namespace cannot be
# made (not root: `add` then says why) and where files run out; and makes none for a lab whose lock
# another netl holds.
sub fill_pool {
    my ($count) = @_;
    # The folder as the first `add` makes it ready: a file is linked only within the mount it was made in.
    return if $answer ne "held" || defined share_dir();
    my $room = files_limit() - FILES_SPARE;
    $count = $room if $count > $room;
    my $stdin = "";
    vec($stdin, fileno(STDIN), 1) = 1;
    for (1 .. ($count > POOL_MAX ? POOL_MAX : $count)) {
        last if select(my $ready = $stdin, undef, undef, 0) > 0;
        last if syscall($unshare_nr, CLONE_NEWNET) != 0;
        $current = "";
        open(my $ns, "<", "/proc/self/ns/net") or last;
        push @pool, $ns;
    }
}

# How many files this process may have open (its soft limit); none known, none to spare.
sub files_limit {
    open(my $limits, "<", "/proc/self/limits") or return 0;
    while (my $line = <$limits>) {
        return $1 eq "unlimited" ? POOL_MAX + FILES_SPARE : $1 if $line =~ m{^Max open files\s+(\d+|unlimited)\s};
    }
    return 0;
}

# A file the namespaces' names will be, made in no folder yet (O_TMPFILE); undef where the folder's
# filesystem has no such files.
sub unnamed_file {
    my $fh;
    return sysopen($fh, NETNS_DIR, $o_tmpfile | O_RDWR, 0) ? $fh : undef;
}

# The file each name is linked to, one for LINKS_PER_FILE names: a name only needs a file to bind its
# namespace on, and a mount is the name's own, not its file's. One new file a namespace (as `ip netns
# add` makes) was most of a namespace's cost where /run is ext4 with no journal, whose every new file
# passes over the ones deleted in the last minute (docs/BENCHMARKS.md).
# With it, its identity for the journal ("FILE_DEV FILE_INO"), stat once, not once a name.
my ($names_file, $names_id, $links) = (undef, undef, 0);
sub names_file {
    if (!defined $names_file || $links >= LINKS_PER_FILE) {
        ($names_file, $links) = (unnamed_file(), 0);
        $names_id = defined $names_file ? sprintf(" %d %d", (stat $names_file)[0, 1]) : "";
    }
    $links++;
    return $names_file;
}

# File $file linked at $path (never over one that exists), or, where there is no such file or it cannot
# be linked for another reason, one made there anew. An error, or undef.
sub name_file {
    my ($file, $path) = @_;
    if (defined $file) {
        my ($from, $to) = ("/proc/self/fd/" . fileno($file), $path);
        return undef if syscall($linkat_nr, AT_FDCWD, $from, AT_FDCWD, $to, AT_SYMLINK_FOLLOW) == 0;
        return qq{Cannot create namespace file "$path": $!} if $! == EEXIST;
    }
    sysopen(my $fh, $path, O_RDONLY | O_CREAT | O_EXCL, 0) or return qq{Cannot create namespace file "$path": $!};
    close $fh;
    return undef;
}

# Make namespace $ns: a new network namespace (or the pool's next), then the file of its name (never one
# that exists: a link to the names' file), bound there. Both are journaled before the name holds either:
# should this process be killed at any point, the name holds nothing, that very file (empty) or that
# namespace, each known to netl by its identity (runtime/netns-batch.ts, cli/remove-lab.ts).
sub add {
    my ($ns) = @_;
    my $path = NETNS_DIR . "/$ns";
    my $made = shift @pool;
    my $entered = !defined $made;
    if ($entered) {
        syscall($unshare_nr, CLONE_NEWNET) == 0 or return qq{Failed to create a new network namespace "$ns": $!};
        $current = "";
        # Held open until bound: the identity journaled is the one bound (nsfs makes its file anew once
        # nothing holds it, with a new ctime).
        open($made, "<", "/proc/self/ns/net") or return qq{Cannot open network namespace "$ns": $!};
    }
    my $file = names_file();
    written($ns, $made);
    my $unnamed = name_file($file, $path);
    return $unnamed if defined $unnamed;
    if (!mount_("/proc/self/fd/" . fileno($made), $path, MS_BIND)) {
        my $error = "$!";
        unlink $path;
        return "Bind a new namespace -> $path failed: $error";
    }
    $current = $ns if $entered;
    return undef;
}

# Append namespace $ns to the journal with its identity ($made, held open) and, where there is one, that
# of the names' file its name is about to be linked to: "NAME DEV INO BORN FILE_DEV FILE_INO".
sub written {
    my ($ns, $made) = @_;
    my ($dev, $ino, $ctime) = (Time::HiRes::stat $made)[0, 1, 10];
    syswrite $log, sprintf("%s %d %d %.0f%s\n", $ns, $dev, $ino, $ctime * MICROSECONDS, $names_id);
}

# Write each KEY=VALUE of namespace $ns (a key's dots are /proc/sys's slashes), entering it first unless
# this process is in it: /proc/sys/net is the namespace of the process that opens it. An error, or undef.
sub set_in {
    my ($ns, @settings) = @_;
    if ($ns ne $current) {
        open(my $fd, "<", NETNS_DIR . "/$ns") or return qq{Cannot open network namespace "$ns": $!};
        syscall($setns_nr, fileno($fd), CLONE_NEWNET) == 0 or return "setns $ns: $!";
        $current = $ns;
    }
    for my $setting (@settings) {
        my ($key, $value) = split /=/, $setting, 2;
        return qq{sysctl: "$setting" is not KEY=VALUE} unless defined $value && $key =~ m{^[\w.-]+$};
        (my $path = $key) =~ tr{.}{/};
        open(my $out, ">", "/proc/sys/$path") or return "sysctl: cannot stat /proc/sys/$path: $!";
        print {$out} $value and close $out or return qq{sysctl: setting key "$key": $!};
    }
    return undef;
}

my $bad = qq{Command line is not complete. Try option "help"};
my $name_ok = sub { my ($ns) = @_; defined $ns && $ns =~ m{^[^/\0]+$} && $ns ne "." && $ns ne ".." };

my ($line_no, $failed) = (0, 0);
while (my $line = <STDIN>) {
    chomp $line;
    # Not a line of the batch: its lines are counted without it, as `ip -batch` counts them.
    if ($line =~ m{^netns pool ([0-9]{1,9})$}) {
        fill_pool($1);
        next;
    }
    $line_no++;
    my ($verb, $op, $ns, @rest) = split / /, $line;
    my $error =
        !($verb eq "netns" && $name_ok->($ns)) ? $bad
      : $op eq "add" && !@rest ? journal() // share_dir() // add($ns)
      : $op eq "exec" && @rest > 2 && $rest[0] eq "sysctl" && $rest[1] eq "-qw" ? set_in($ns, @rest[2 .. $#rest])
      :                                                                          $bad;
    next unless defined $error;
    print STDERR "$error\nCommand failed -:$line_no\n";
    $failed = 1;
    last unless $force;
}
exit $failed;
