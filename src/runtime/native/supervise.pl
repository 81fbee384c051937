# netl's service supervisor (runtime/supervisor.ts): one per `spawn`. It makes itself a child
# subreaper (prctl PR_SET_CHILD_SUBREAPER), so every process the service leaves — in the background, a
# daemon that forked twice, one that left the namespace with `unshare -n` — stays its descendant, and
# starts the command in a process group of its own. It writes what the command prints to the node's
# log (0600, never through a link), keeping it under a cap: past it, the oldest part is dropped and
# the log's first line says how much. It lives as long as anything of the service does. SIGTERM ends
# the service: every descendant gets SIGTERM, then SIGKILL after a grace, until none is left.
#
# Run as `perl -e SCRIPT PRCTL_NR LOG CAP GRACE_MS -- ARGV…`. On its standard output it prints the
# pid of the command's process (the group's leader), then closes it.
use strict;
use warnings;
use POSIX qw(:sys_wait_h setpgid _exit);
use Fcntl qw(:DEFAULT :flock SEEK_SET);

sub PR_SET_CHILD_SUBREAPER () { 36 }

my ($prctl_nr, $log_path, $cap, $grace_ms, $dashes, @argv) = @ARGV;
die "usage: supervise PRCTL_NR LOG CAP GRACE_MS -- ARGV\n" unless defined $dashes && $dashes eq "--" && @argv;

syscall($prctl_nr, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 or die "prctl: $!\n";
sysopen(my $log, $log_path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW, 0600) or die "$log_path: $!\n";

pipe(my $out_r, my $out_w) or die "pipe: $!\n";
my $leader = fork() // die "fork: $!\n";
if ($leader == 0) {
    setpgid(0, 0);
    close $out_r;
    close $log;
    open(STDIN, "<", "/dev/null");
    open(STDOUT, ">&", $out_w);
    open(STDERR, ">&", $out_w);
    close $out_w;
    { no warnings; exec { $argv[0] } @argv; }
    print STDERR "netl: cannot start $argv[0]: $!\n";
    _exit(127);
}
close $out_w;
setpgid($leader, $leader);
print STDOUT "$leader\n";
close STDOUT;
open(STDOUT, ">", "/dev/null");
open(STDIN, "<", "/dev/null");

my $ending = 0;
$SIG{TERM} = $SIG{INT} = $SIG{HUP} = sub { $ending = 1 };
$SIG{PIPE} = "IGNORE";

# The marker netl's `logs` reads: the first line, once the oldest part has been dropped.
sub dropped_before {
    my $first = "";
    sysseek($log, 0, SEEK_SET);
    sysread($log, $first, 200);
    return $first =~ /^netl: the oldest (\d+) bytes of this log were dropped\n/ ? ($1, length($&)) : (0, 0);
}

# Append under the log's lock (other spawns of the node write it too); past the cap, keep the newest
# half, from a line's start, after a marker saying how much is gone in all.
sub append {
    my ($text) = @_;
    flock($log, LOCK_EX);
    syswrite($log, $text);
    my $size = -s $log;
    if ($size > $cap) {
        my ($before, $marker) = dropped_before();
        my $keep = int($cap / 2);
        my $tail = "";
        sysseek($log, $size - $keep, SEEK_SET);
        sysread($log, $tail, $keep);
        my $cut = index($tail, "\n");
        $tail = substr($tail, $cut + 1) if $cut >= 0 && $cut < length($tail) - 1;
        my $gone = $before + ($size - $marker) - length($tail);
        truncate($log, 0);
        syswrite($log, "netl: the oldest $gone bytes of this log were dropped\n$tail");
    }
    flock($log, LOCK_UN);
}

# Every process below this one, from /proc: its children, theirs, and so on.
sub descendants {
    my %children;
    opendir(my $proc, "/proc") or return ();
    for my $pid (grep { /^\d+$/ } readdir $proc) {
        open(my $stat, "<", "/proc/$pid/stat") or next;
        my $line = <$stat> // next;
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        my ($ppid) = substr($line, rindex($line, ")") + 2) =~ /^\S+ (\d+)/ or next;
        push @{ $children{$ppid} }, $pid;
    }
    my @out;
    my @todo = ($$);
    while (@todo) {
        my $p = shift @todo;
        for my $c (@{ $children{$p} // [] }) { push @out, $c; push @todo, $c; }
    }
    return @out;
}

sub reap { 1 while waitpid(-1, WNOHANG) > 0; }

# No child left: nothing of the service runs (what it left is reparented here, so it counts).
sub none_left { return waitpid(-1, WNOHANG) == -1; }

# Waits a moment (select's timeout) for output (none once the pipe is closed); returns the seconds it waited (perl-base
# has no Time::HiRes, so the time left that select reports is what measures the grace).
my $open = 1;
sub wait_output {
    my $bits = "";
    vec($bits, fileno($out_r), 1) = 1 if $open;
    my ($found, $left) = select(my $ready = $bits, undef, undef, 0.1);
    if ($open && $found > 0 && vec($ready, fileno($out_r), 1)) {
        my $n = sysread($out_r, my $chunk, 65536);
        if ($n) { append($chunk); }
        elsif (defined $n) { $open = 0; close $out_r; }
    }
    return 0.1 - ($left // 0);
}

my $since_term;
while (1) {
    if ($ending && !defined $since_term) {
        kill "TERM", -$leader;
        kill "TERM", descendants();
        $since_term = 0;
    }
    if (defined $since_term && $since_term * 1000 >= $grace_ms) {
        kill "KILL", -$leader;
        kill "KILL", descendants();
    }
    my $waited = wait_output();
    $since_term += $waited if defined $since_term;
    reap();
    last if none_left() && (!$open || $ending);
}
exit 0;
