#!/usr/bin/perl
# What scripts/bench/state.mjs needs of a lab that `ip -j` does not say, read in one process for every
# namespace: it enters each with setns(2) and reads /proc/sys there (/proc/sys/net belongs to the
# namespace of the process that opens it), and asks rtnetlink which nsid a namespace has in another
# (RTM_GETNSID with NETNSA_FD), which names a veth's peer namespace.
# Usage: perl state.pl SETNS_NR, with lines on stdin:
#   sysctl NS   -> "NS<TAB>sysctl<TAB>KEY<TAB>VALUE" for net.ipv4.ip_forward and each device's
#                  ipv4 and ipv6 forwarding and ipv6 accept_dad
#   nsid A B    -> "A<TAB>nsid<TAB>B<TAB>ID", the id B has in A (-1: none)
# Numbers are Linux's uapi (sched.h, netlink.h, rtnetlink.h, net_namespace.h).
use strict;
use warnings;

use constant {
    CLONE_NEWNET  => 0x40000000,
    AF_NETLINK    => 16,
    SOCK_RAW      => 3,
    NETLINK_ROUTE => 0,
    RTM_NEWNSID   => 88,
    RTM_GETNSID   => 90,
    NLMSG_ERROR   => 2,
    NLM_F_REQUEST => 1,
    NETNSA_NSID   => 1,
    NETNSA_FD     => 3,
};

my ($setns) = @ARGV;
die "usage: state.pl SETNS_NR\n" unless defined $setns && $setns =~ /^\d+$/;
my ($current, $sock, $seq) = ("", undef, 0);

sub enter {
    my ($ns) = @_;
    return if $ns eq $current;
    open(my $h, "<", "/run/netns/$ns") or die "cannot open namespace $ns: $!\n";
    syscall($setns, fileno($h), CLONE_NEWNET) == 0 or die "setns $ns: $!\n";
    close $h;
    close $sock if $sock;
    socket($sock, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) or die "netlink socket in $ns: $!\n";
    $current = $ns;
}

sub read_value {
    my ($path) = @_;
    open(my $h, "<", $path) or die "$path: $!\n";
    my $v = <$h>;
    close $h;
    chomp $v;
    return $v;
}

sub sysctls {
    my ($ns) = @_;
    enter($ns);
    print "$ns\tsysctl\tnet.ipv4.ip_forward\t", read_value("/proc/sys/net/ipv4/ip_forward"), "\n";
    for my $family ("ipv4", "ipv6") {
        my @keys = $family eq "ipv6" ? ("forwarding", "accept_dad") : ("forwarding");
        opendir(my $d, "/proc/sys/net/$family/conf") or die "/proc/sys/net/$family/conf: $!\n";
        for my $dev (sort grep { !/^\./ } readdir $d) {
            print "$ns\tsysctl\tnet.$family.conf.$dev.$_\t", read_value("/proc/sys/net/$family/conf/$dev/$_"), "\n"
              for @keys;
        }
        closedir $d;
    }
}

sub nsid {
    my ($a, $b) = @_;
    enter($a);
    open(my $h, "<", "/run/netns/$b") or die "cannot open namespace $b: $!\n";
    # rtgenmsg (family, padded to 4 bytes), then NETNSA_FD.
    my $body = pack("Cx3", 0) . pack("SSL", 8, NETNSA_FD, fileno($h));
    send($sock, pack("LSSLL", 16 + length $body, RTM_GETNSID, NLM_F_REQUEST, ++$seq, 0) . $body, 0)
      or die "RTM_GETNSID in $a: $!\n";
    my $buf;
    defined(recv($sock, $buf, 65536, 0)) or die "RTM_GETNSID in $a: $!\n";
    close $h;
    my ($len, $type) = unpack("LS", $buf);
    die "RTM_GETNSID in $a for $b: error " . -unpack("l", substr($buf, 16, 4)) . "\n" if $type == NLMSG_ERROR;
    die "RTM_GETNSID in $a: reply of type $type\n" unless $type == RTM_NEWNSID;
    for (my $o = 20; $o + 4 <= $len;) {
        my ($alen, $atype) = unpack("SS", substr($buf, $o, 4));
        last if $alen < 4;
        return unpack("l", substr($buf, $o + 4, 4)) if $atype == NETNSA_NSID;
        $o += ($alen + 3) & ~3;
    }
    die "RTM_GETNSID in $a for $b: no NETNSA_NSID\n";
}

while (my $line = <STDIN>) {
    chomp $line;
    my ($what, @args) = split / /, $line;
    if ($what eq "sysctl") { sysctls(@args) }
    elsif ($what eq "nsid") { print "$args[0]\tnsid\t$args[1]\t", nsid(@args), "\n" }
    else { die "state.pl: unknown request: $line\n" }
}
