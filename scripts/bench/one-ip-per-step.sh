#!/usr/bin/env bash
# Baseline: the same chain as hand-optimal.sh, built the way a first shell script does it —
# one `ip` process per step. Usage: one-ip-per-step.sh build N PREFIX | one-ip-per-step.sh teardown N PREFIX
set -euo pipefail
mode=$1 n=$2 p=$3
net() { echo "10.$(($1 / 256)).$(($1 % 256))"; }
if [ "$mode" = teardown ]; then
  for ((i = 0; i < n; i++)); do ip netns del "$p-n$i"; done
  exit 0
fi
for ((i = 0; i < n; i++)); do
  ip netns add "$p-n$i"
  ip -n "$p-n$i" link set lo up
  if [ "$i" -gt 0 ] && [ "$i" -lt $((n - 1)) ]; then ip netns exec "$p-n$i" sysctl -qw net.ipv4.ip_forward=1; fi
done
for ((i = 0; i < n - 1; i++)); do
  a=eth1; [ "$i" = 0 ] && a=eth0
  b="$p-n$((i + 1))"
  ip link add "$a" netns "$p-n$i" type veth peer name eth0 netns "$b"
  ip -n "$p-n$i" link set "$a" up
  ip -n "$b" link set eth0 up
  ip -n "$p-n$i" addr add "$(net "$i").1/24" dev "$a"
  ip -n "$b" addr add "$(net "$i").2/24" dev eth0
done
for ((i = 0; i < n; i++)); do
  if [ "$i" -lt $((n - 1)) ]; then ip -n "$p-n$i" route add default via "$(net "$i").2"
  else ip -n "$p-n$i" route add default via "$(net $((i - 1))).1"; fi
  if [ "$i" -gt 1 ]; then ip -n "$p-n$i" route add 10.0.0.0/24 via "$(net $((i - 1))).1"; fi
done
