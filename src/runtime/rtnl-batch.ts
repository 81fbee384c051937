// Many namespaces' `ip` lines in one process: the in-process rtnetlink that docs/BENCHMARKS.md
// describes, with Perl as the small native piece (perl-base is Essential on Debian and Ubuntu; it
// already sets the sysctls, runtime/sysctl-batch.ts). One `ip -n NS -batch -` per namespace costs a
// process start (~4 ms) for a few lines of kernel work: 250 of them were most of a chain-250 build.
// This process enters each namespace with setns(2), opens a NETLINK_ROUTE socket there and sends the
// same requests `ip` would (RTM_NEWLINK for up/down, RTM_NEWADDR, RTM_NEWROUTE with ip's defaults:
// main table, proto boot, universe scope, or link scope without a gateway), one at a time, each
// acknowledged. It takes exactly the forms below and nothing else; a namespace with any other line
// keeps its own `ip` batch. It reports like `ip -batch`: the kernel's extended-ack text as
// `Error: …`, else `RTNETLINK answers: <errno text>`, then `Command failed -:N` (N counts the lines
// of the whole input), stopping at the first failure unless -force; so runtime/batch.ts reads its
// result, and rollback undoes exactly what it did, as for `ip`.
import { perlWithSetns } from "./perl-setns.js";

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;
const address = (text: string) => IPV4.test(text) || (text.includes(":") && IPV6.test(text));
const prefix = (text: string) => {
  const [a, len, ...rest] = text.split("/");
  return rest.length === 0 && a !== undefined && address(a) && len !== undefined && /^\d{1,3}$/.test(len);
};
const DEV = /^[^\s/]{1,15}$/;

/** Whether the rtnetlink process carries out this `ip` batch line (words, no leading `ip`). */
export function rtnlCarries(line: readonly string[]): boolean {
  const [object, verb, ...rest] = line;
  if (object === "link" && verb === "set")
    return rest.length === 2 && DEV.test(rest[0] ?? "") && (rest[1] === "up" || rest[1] === "down");
  if (object === "addr" && verb === "add") {
    const [cidr, dev, name, ...flags] = rest;
    const nodad = flags.length === 0 || (flags.length === 1 && flags[0] === "nodad");
    return cidr !== undefined && prefix(cidr) && dev === "dev" && DEV.test(name ?? "") && nodad;
  }
  if (object === "route" && verb === "add") {
    const [dst, via, gw, ...more] = rest;
    if (dst === undefined || !(dst === "default" || prefix(dst)) || via !== "via" || !address(gw ?? "")) return false;
    for (let i = 0; i < more.length; i += 2) {
      const [key, value] = [more[i], more[i + 1] ?? ""];
      if (!((key === "dev" && DEV.test(value)) || (key === "metric" && /^\d{1,9}$/.test(value)))) return false;
    }
    return true;
  }
  return false;
}

// Input: `NS ip-words…` per line. Offsets and numbers are Linux's uapi (netlink.h, rtnetlink.h).
const SCRIPT = `use strict; use warnings; use Socket qw(inet_pton AF_INET AF_INET6);
my ($nr, $force) = @ARGV; my ($n, $failed, $seq, $cur, $sock, %index) = (0, 0, 0, "");
sub attr { my ($t, $d) = @_; my $l = 4 + length $d; pack("SS", $l, $t) . $d . ("\\0" x ((4 - $l % 4) % 4)) }
sub talk { my ($type, $flags, $body) = @_; my $reply;
  send($sock, pack("LSSLL", 16 + length $body, $type, $flags | 5, ++$seq, 0) . $body, 0) or return (undef, "Cannot talk to rtnetlink: $!");
  while (1) { my $buf; defined(recv($sock, $buf, 65536, 0)) or return (undef, "Cannot talk to rtnetlink: $!");
    for (my $o = 0; $o + 16 <= length $buf;) { my ($len, $t, $f, $s) = unpack("LSSL", substr($buf, $o, 16)); last if $len < 16;
      if ($s == $seq && $t == 2) { my $err = unpack("l", substr($buf, $o + 16, 4)); return ($reply, undef) if $err == 0; my $text;
        if ($f & 0x200) { for (my $p = $o + 36; $p + 4 <= $o + $len;) { my ($al, $at) = unpack("SS", substr($buf, $p, 4)); last if $al < 4;
          ($text = substr($buf, $p + 4, $al - 4)) =~ s/\\0.*//s if $at == 1; $p += ($al + 3) & ~3 } }
        if (defined $text && length $text) { $text .= "." unless $text =~ /\\.$/; return (undef, "Error: $text") }
        local $! = -$err; return (undef, "RTNETLINK answers: $!") }
      $reply = substr($buf, $o + 16, $len - 16) if $s == $seq && $t == 16; $o += ($len + 3) & ~3 } } }
sub ifindex { my ($dev) = @_; return $index{$dev} if exists $index{$dev};
  my ($r, $e) = talk(18, 0, pack("CCSiII", 0, 0, 0, 0, 0, 0) . attr(3, "$dev\\0"));
  return (undef, qq{Cannot find device "$dev"}) unless defined $r; $index{$dev} = unpack("i", substr($r, 4, 4)) }
sub ip { my ($text) = @_; my $fam = $text =~ /:/ ? AF_INET6 : AF_INET; my $b = inet_pton($fam, $text); return ($fam, $b) }
sub enter { my ($ns) = @_; close $sock if $sock; undef $sock; %index = ();
  open(my $h, "<", "/run/netns/$ns") or return qq{Cannot open network namespace "$ns": $!};
  syscall($nr, fileno($h), 0x40000000) == 0 or return "setting the network namespace \\"$ns\\" failed: $!";
  socket($sock, 16, 3, 0) or return "Cannot open netlink socket: $!";
  setsockopt($sock, 270, 11, pack("i", 1)); setsockopt($sock, 270, 10, pack("i", 1)); return undef }
sub run { my ($ns, $obj, $verb, @w) = @_; my ($i, $e);
  if ($ns ne $cur) { $cur = $ns; $e = enter($ns); return $e if $e }
  if ($obj eq "link") { ($i, $e) = ifindex($w[0]); return $e unless defined $i;
    return (talk(16, 0, pack("CCSiII", 0, 0, 0, $i, $w[1] eq "up" ? 1 : 0, 1)))[1] }
  if ($obj eq "addr") { my ($a, $len) = split m{/}, $w[0]; my ($fam, $b) = ip($a); ($i, $e) = ifindex($w[2]); return $e unless defined $i;
    my $scope = ($fam == AF_INET && $a =~ /^127\\./) ? 254 : 0;
    return (talk(20, 0x600, pack("CCCCI", $fam, $len, @w > 3 ? 2 : 0, $scope, $i) . attr(2, $b) . attr(1, $b)))[1] }
  my ($dst, undef, $gw, %o) = @w; my ($fam, $g) = ip($gw); my ($dl, $d) = (0, "");
  if ($dst ne "default") { my ($a, $l) = split m{/}, $dst; (undef, my $b) = ip($a); ($dl, $d) = ($l, attr(1, $b)) }
  my $oif = ""; if (defined $o{dev}) { ($i, $e) = ifindex($o{dev}); return $e unless defined $i; $oif = attr(4, pack("I", $i)) }
  my $metric = defined $o{metric} ? attr(6, pack("I", $o{metric})) : "";
  return (talk(24, 0x600, pack("CCCCCCCCI", $fam, $dl, 0, 0, 254, 3, 0, 1, 0) . $d . attr(5, $g) . $oif . $metric))[1] }
while (my $line = <STDIN>) { $n++; chomp $line; my $err = run(split / /, $line);
  if ($err) { print STDERR "$err\\nCommand failed -:$n\\n"; $failed = 1; last unless $force eq "-force" } }
exit $failed;
`;

/** The argv of the one process for many namespaces' lines, or undefined where it cannot run here. */
export function rtnlArgv(force: boolean): string[] | undefined {
  return perlWithSetns(SCRIPT, force);
}
