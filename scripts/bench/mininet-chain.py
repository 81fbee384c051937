#!/usr/bin/python3
# Baseline: the same chain as netl's and the shell scripts' (hosts n0 and n(N-1), routers between, one
# /24 per link, n(i) .1 and n(i+1) .2 on 10.(i/256).(i%256).0/24, default route to the right, 10.0.0.0/24
# to the left), built the usual way with Mininet's Python API (addHost, addLink with each end's address,
# build, then each host's routes in one command): hosts only, linked directly, no switch or controller,
# which is also all a kernel without Open vSwitch allows.
# Usage: mininet-chain.py N  (as root). Prints one JSON line: {"teardown": ms}, the time of net.stop();
# the caller times the whole process, so build = everything before (Python and Mininet's start included,
# as Node's is in netl's build). Ready: n0 pings across min(N-1, 60) hops, n(N-1) its neighbour.
# Mininet's hosts live in namespaces of their own (no name under /run/netns); net.stop() ends each by
# its own process group and deletes its links, also when the build fails. It never runs Mininet's
# `mn -c` clean-up, which kills processes by name pattern.
import json
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet


def net_of(i):
    return "10.%d.%d" % (i // 256, i % 256)


def main(n):
    setLogLevel("warning")
    net = Mininet(topo=None, controller=None, build=False, autoSetMacs=False)
    try:
        hosts = [net.addHost("n%d" % i, ip=None) for i in range(n)]
        for i in range(n - 1):
            net.addLink(
                hosts[i],
                hosts[i + 1],
                intfName1="eth0" if i == 0 else "eth1",
                intfName2="eth0",
                params1={"ip": "%s.1/24" % net_of(i)},
                params2={"ip": "%s.2/24" % net_of(i)},
            )
        net.build()
        for i, h in enumerate(hosts):
            lines = []
            if 0 < i < n - 1:
                lines.append("sysctl -qw net.ipv4.ip_forward=1")
            if i < n - 1:
                lines.append("ip route add default via %s.2" % net_of(i))
            else:
                lines.append("ip route add default via %s.1" % net_of(i - 1))
            if i > 1:
                lines.append("ip route add 10.0.0.0/24 via %s.1" % net_of(i - 1))
            h.cmd("; ".join(lines))
        k = min(n - 1, 60)
        for host, target in ((hosts[0], "%s.2" % net_of(k - 1)), (hosts[n - 1], "%s.1" % net_of(n - 2))):
            out = host.cmd("ping -c1 -W2 -t255 %s >/dev/null && echo ok" % target)
            if "ok" not in out:
                raise RuntimeError("%s cannot ping %s" % (host.name, target))
    finally:
        t = time.monotonic()
        net.stop()
        teardown = (time.monotonic() - t) * 1000
    print(json.dumps({"teardown": teardown}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
