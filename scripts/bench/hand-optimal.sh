#!/usr/bin/env bash
# Baseline: the hand-optimal way to build a chain of N namespaces with iproute2 — one global
# `ip -batch` (namespaces, veth pairs born in both namespaces, forwarding on the routers), then
# one `ip -n NS -batch -` per namespace (lo up, peer end up, addresses, routes).
# Usage: hand-optimal.sh build N PREFIX | hand-optimal.sh teardown N PREFIX
# Chain: PREFIX-n0 … PREFIX-n(N-1); link i joins n(i) (.1) and n(i+1) (.2) on 10.(i/256).(i%256).0/24;
# every node routes 10.0.0.0/24 to the left and the rest to the right, so n0 and n(N-1) reach each other.
set -euo pipefail
mode=$1 n=$2 p=$3
# `ip -batch` keeps open the file of every namespace a line names (two a veth pair) until it ends:
# a chain of 10 000 in one batch meets this machine's limit of 20 000 open files, which root cannot
# raise here. So the global batch is cut into batches of at most this many lines.
LINES_PER_BATCH=8000
net() { echo "10.$(($1 / 256)).$(($1 % 256))"; }
if [ "$mode" = teardown ]; then
  for ((i = 0; i < n; i++)); do echo "netns del $p-n$i"; done | ip -force -batch -
  exit 0
fi
global() {
  for ((i = 0; i < n; i++)); do echo "netns add $p-n$i"; done
  for ((i = 0; i < n - 1; i++)); do
    a=eth1; [ "$i" = 0 ] && a=eth0
    echo "link add $a netns $p-n$i up type veth peer name eth0 netns $p-n$((i + 1))"
  done
  for ((i = 1; i < n - 1; i++)); do echo "netns exec $p-n$i sysctl -qw net.ipv4.ip_forward=1"; done
}
# The global batch (about 3N lines) in one process when it fits, as a hand writes it; else cut.
if ((3 * n <= LINES_PER_BATCH)); then
  global | ip -batch -
else
  lines=$(mktemp)
  trap 'rm -f "$lines"' EXIT
  global >"$lines"
  total=$(wc -l <"$lines")
  for ((first = 1; first <= total; first += LINES_PER_BATCH)); do
    sed -n "${first},$((first + LINES_PER_BATCH - 1))p" "$lines" | ip -batch -
  done
fi
for ((i = 0; i < n; i++)); do
  {
    echo "link set lo up"
    if [ "$i" -gt 0 ]; then
      echo "link set eth0 up"
      echo "addr add $(net $((i - 1))).2/24 dev eth0"
    fi
    if [ "$i" -lt $((n - 1)) ]; then
      r=eth1; [ "$i" = 0 ] && r=eth0
      echo "addr add $(net "$i").1/24 dev $r"
      echo "route add default via $(net "$i").2"
    else
      echo "route add default via $(net $((i - 1))).1"
    fi
    if [ "$i" -gt 1 ]; then echo "route add 10.0.0.0/24 via $(net $((i - 1))).1"; fi
  } | ip -n "$p-n$i" -batch -
done
