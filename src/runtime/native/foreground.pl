# netl's foreground helper (runtime/sandbox.ts): in the rootless sandbox, netl runs in a process group
# of its own that is the terminal's foreground, before it is exec'd as `perl -e SCRIPT NETL ARGS…`.
# netl's own group (the one it was started in) is outside the sandbox's pid namespace, where no
# process inside can name it: a shell netl lends the terminal to (`shell A`) takes the terminal for its
# own group and, leaving, hands it back to the group it found there, which must be one it can name.
# Run only when netl was started in the terminal's foreground.
use strict;
use warnings;
use POSIX ();

POSIX::setpgid(0, 0);
{
    # A group that is not the foreground yet may still take the terminal when SIGTTOU is ignored.
    local $SIG{TTOU} = 'IGNORE';
    POSIX::tcsetpgrp(0, POSIX::getpgrp());
}
exec { $ARGV[0] } @ARGV or die "netl-sandbox: cannot start $ARGV[0]: $!\n";
