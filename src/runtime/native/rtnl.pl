# netl's rtnetlink helper (runtime/rtnl-batch.ts): many namespaces' address, route and link-state
# requests in one process, where `ip -n NS -batch -` would start a process per namespace.
# Run as `perl -e SCRIPT SETNS_NR MODE`: SETNS_NR is setns(2)'s syscall number, MODE `-force` to go on
# past a failed request (as `ip -force`), else `-`. Reads one request a line, tab-separated, its fields
# decided by netl from the op (an empty field: none):
#   NS  link   DEV  up|down
#   NS  addr   DEV  4|6  ADDRESS  PREFIXLEN  host|universe  nodad|
#   NS  route  4|6  DESTINATION  PREFIXLEN  GATEWAY  DEV  METRIC      (no DESTINATION: default)
# It enters each namespace with setns(2), opens a NETLINK_ROUTE socket there and sends the very
# request `ip` sends for the line, one at a time, each acknowledged. It reports like `ip -batch`: the
# kernel's extended-ack text as `Error: …`, else `RTNETLINK answers: <errno text>`, then
# `Command failed -:N` (N counts the lines of the whole input), stopping at the first failure unless
# -force; so runtime/batch.ts reads its result, and rollback undoes exactly what it did, as for `ip`.
use strict;
use warnings;
use Socket qw(inet_pton AF_INET AF_INET6 SOCK_RAW);

# Linux's uapi: linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h, linux/sched.h.
# Constant subs, which perl inlines: what `use constant` makes, without loading constant.pm at every start.
sub AF_NETLINK () { 16 }
sub NETLINK_ROUTE () { 0 }
sub SOL_NETLINK () { 270 }
sub NETLINK_CAP_ACK () { 10 }    # an error acknowledgement leaves out the request it answers
sub NETLINK_EXT_ACK () { 11 }    # and carries the kernel's message, as for `ip`
sub CLONE_NEWNET () { 0x40000000 }

sub NLMSG_HDRLEN () { 16 }
sub NLMSG_ERROR () { 2 }
sub NLM_F_REQUEST () { 0x1 }
sub NLM_F_ACK () { 0x4 }
sub NLM_F_EXCL () { 0x200 }
sub NLM_F_CREATE () { 0x400 }
sub NLM_F_ACK_TLVS () { 0x200 }    # in an acknowledgement: attributes follow
sub NLMSGERR_ATTR_MSG () { 1 }

sub RTM_NEWLINK () { 16 }
sub RTM_GETLINK () { 18 }
sub RTM_NEWADDR () { 20 }
sub RTM_NEWROUTE () { 24 }

sub IFLA_IFNAME () { 3 }
sub IFF_UP () { 0x1 }

sub IFA_ADDRESS () { 1 }
sub IFA_LOCAL () { 2 }
sub IFA_F_NODAD () { 0x2 }

sub RTA_DST () { 1 }
sub RTA_OIF () { 4 }
sub RTA_GATEWAY () { 5 }
sub RTA_PRIORITY () { 6 }

sub RT_TABLE_MAIN () { 254 }
sub RTPROT_BOOT () { 3 }
sub RTN_UNICAST () { 1 }
sub RT_SCOPE_UNIVERSE () { 0 }
sub RT_SCOPE_HOST () { 254 }

# struct nlmsghdr, ifinfomsg, ifaddrmsg, rtmsg, rtattr (native byte order).
sub NLMSGHDR () { "LSSLL" }
sub IFINFOMSG () { "CCSiII" }
sub IFADDRMSG () { "CCCCI" }
sub RTMSG () { "CCCCCCCCI" }
sub RTATTR () { "SS" }

my %FAMILY = (4 => AF_INET, 6 => AF_INET6);
my %SCOPE  = (host => RT_SCOPE_HOST, universe => RT_SCOPE_UNIVERSE);

my ($setns_nr, $mode) = @ARGV;
my $force = defined $mode && $mode eq "-force";

my $sock;       # the NETLINK_ROUTE socket of the namespace entered last
my %ifindex;    # its devices' indexes, by name, as looked up so far
my $seq = 0;

# A netlink attribute: its length and type, then the data padded to 4 bytes.
sub attr {
    my ($type, $data) = @_;
    my $len = 4 + length $data;
    return pack(RTATTR, $len, $type) . $data . ("\0" x ((4 - $len % 4) % 4));
}

# The kernel's refusal in ip's words: its extended-ack message, else the errno's text.
sub refusal {
    my ($errno, $flags, $ack) = @_;
    my $text;
    if ($flags & NLM_F_ACK_TLVS) {
        # The attributes follow the error code and the request's header (NETLINK_CAP_ACK).
        for (my $at = 4 + NLMSG_HDRLEN; $at + 4 <= length $ack;) {
            my ($len, $type) = unpack(RTATTR, substr($ack, $at, 4));
            last if $len < 4;
            ($text = substr($ack, $at + 4, $len - 4)) =~ s/\0.*//s if $type == NLMSGERR_ATTR_MSG;
            $at += ($len + 3) & ~3;
        }
    }
    if (defined $text && length $text) {
        $text .= "." unless $text =~ /\.$/;
        return "Error: $text";
    }
    local $! = $errno;
    return "RTNETLINK answers: $!";
}

# Send one request and read up to its acknowledgement. Returns (the payload of the RTM_NEWLINK reply
# if one came, undef) when the kernel accepted it, or (undef, what ip would say) when not.
sub request {
    my ($type, $flags, $body) = @_;
    my $header = pack(NLMSGHDR, NLMSG_HDRLEN + length $body, $type, $flags | NLM_F_REQUEST | NLM_F_ACK, ++$seq, 0);
    send($sock, $header . $body, 0) or return (undef, "Cannot talk to rtnetlink: $!");
    my $reply;
    while (1) {
        my $buf;
        defined(recv($sock, $buf, 65536, 0)) or return (undef, "Cannot talk to rtnetlink: $!");
        for (my $at = 0; $at + NLMSG_HDRLEN <= length $buf;) {
            my ($len, $msg_type, $msg_flags, $msg_seq) = unpack(NLMSGHDR, substr($buf, $at, NLMSG_HDRLEN));
            last if $len < NLMSG_HDRLEN;
            my $payload = substr($buf, $at + NLMSG_HDRLEN, $len - NLMSG_HDRLEN);
            if ($msg_seq == $seq && $msg_type == NLMSG_ERROR) {
                my $errno = -unpack("l", $payload);
                return ($reply, undef) if $errno == 0;
                return (undef, refusal($errno, $msg_flags, $payload));
            }
            $reply = $payload if $msg_seq == $seq && $msg_type == RTM_NEWLINK;
            $at += ($len + 3) & ~3;
        }
    }
}

# Enter namespace $ns (its /run/netns file, as `ip -n`) and open a socket there; an error text, or undef.
sub enter {
    my ($ns) = @_;
    close $sock if $sock;
    undef $sock;
    %ifindex = ();
    open(my $fd, "<", "/run/netns/$ns") or return qq{Cannot open network namespace "$ns": $!};
    syscall($setns_nr, fileno($fd), CLONE_NEWNET) == 0 or return qq{setting the network namespace "$ns" failed: $!};
    socket($sock, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) or return "Cannot open netlink socket: $!";
    setsockopt($sock, SOL_NETLINK, NETLINK_EXT_ACK, pack("i", 1));
    setsockopt($sock, SOL_NETLINK, NETLINK_CAP_ACK, pack("i", 1));
    return undef;
}

# A device's index (RTM_GETLINK by name): (index) or (undef, what ip would say).
sub ifindex {
    my ($dev) = @_;
    return $ifindex{$dev} if exists $ifindex{$dev};
    my ($reply) = request(RTM_GETLINK, 0, pack(IFINFOMSG, 0, 0, 0, 0, 0, 0) . attr(IFLA_IFNAME, "$dev\0"));
    return (undef, qq{Cannot find device "$dev"}) unless defined $reply;
    return $ifindex{$dev} = unpack("i", substr($reply, 4, 4));
}

# An address in the family's bytes: (bytes) or (undef, what ip would say).
sub address {
    my ($family, $text) = @_;
    my $bytes = inet_pton($FAMILY{$family}, $text);
    return defined $bytes ? $bytes : (undef, qq{Error: an inet address is expected rather than "$text".});
}

# `ip link set DEV up|down`.
sub link_set {
    my ($dev, $state) = @_;
    my ($index, $error) = ifindex($dev);
    return $error unless defined $index;
    my $flags = $state eq "up" ? IFF_UP : 0;
    return (request(RTM_NEWLINK, 0, pack(IFINFOMSG, 0, 0, 0, $index, $flags, IFF_UP)))[1];
}

# `ip addr add ADDRESS/PREFIXLEN dev DEV [nodad]`.
sub addr_add {
    my ($dev, $family, $text, $prefixlen, $scope, $nodad) = @_;
    my ($bytes, $bad) = address($family, $text);
    return $bad unless defined $bytes;
    my ($index, $error) = ifindex($dev);
    return $error unless defined $index;
    my $flags = $nodad eq "nodad" ? IFA_F_NODAD : 0;
    my $ifa = pack(IFADDRMSG, $FAMILY{$family}, $prefixlen, $flags, $SCOPE{$scope}, $index);
    my $attrs = attr(IFA_LOCAL, $bytes) . attr(IFA_ADDRESS, $bytes);
    return (request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, $ifa . $attrs))[1];
}

# `ip route add DESTINATION|default via GATEWAY [dev DEV] [metric METRIC]`: the main table, proto boot.
sub route_add {
    my ($family, $destination, $prefixlen, $gateway, $dev, $metric) = @_;
    my $attrs = "";
    if ($destination ne "") {
        my ($bytes, $bad) = address($family, $destination);
        return $bad unless defined $bytes;
        $attrs .= attr(RTA_DST, $bytes);
    }
    my ($via, $bad) = address($family, $gateway);
    return $bad unless defined $via;
    $attrs .= attr(RTA_GATEWAY, $via);
    if ($dev ne "") {
        my ($index, $error) = ifindex($dev);
        return $error unless defined $index;
        $attrs .= attr(RTA_OIF, pack("I", $index));
    }
    $attrs .= attr(RTA_PRIORITY, pack("I", $metric)) if $metric ne "";
    my $dst_len = $destination eq "" ? 0 : $prefixlen;
    my $rtm = pack(RTMSG, $FAMILY{$family}, $dst_len, 0, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0);
    return (request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, $rtm . $attrs))[1];
}

my %REQUEST = (link => \&link_set, addr => \&addr_add, route => \&route_add);

my ($line_no, $failed, $entered) = (0, 0, "");
while (my $line = <STDIN>) {
    $line_no++;
    chomp $line;
    my ($ns, $kind, @fields) = split /\t/, $line, -1;
    my $error;
    if ($ns ne $entered) {
        $error = enter($ns);
        # Not entered: the namespace's next request tries again (and is refused the same way).
        $entered = defined $error ? "" : $ns;
    }
    if (!defined $error) {
        my $send = $REQUEST{$kind};
        $error = defined $send ? $send->(@fields) : "rtnl.pl: no request \"$kind\"";
    }
    next unless defined $error;
    print STDERR "$error\nCommand failed -:$line_no\n";
    $failed = 1;
    last unless $force;
}
exit $failed;
