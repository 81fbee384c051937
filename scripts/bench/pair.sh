#!/usr/bin/env bash
# Paired A/B of two netl bins (docs/BENCHMARKS.md): each round times `BIN run` of the bench's chain of N
# nodes and its two pings (run.mjs's `ready`) for both bins, in random order, `netl down` untimed after each,
# then PAUSE seconds so that the kernel's clean-up of the last lab is not in the next round. Prints both
# medians and the median of the per-round ratios B/A. Root.
# Usage: scripts/bench/pair.sh N ROUNDS PAUSE BIN_A BIN_B
set -euo pipefail
N=$1 ROUNDS=$2 PAUSE=$3 A=$4 B=$5
here=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
# The bench's own chain (shapes.mjs).
node --input-type=module -e "import { chainScript } from '$here/shapes.mjs'; process.stdout.write(chainScript($N));" >"$DIR/chain-$N.netl"
# A reply leaves with TTL 64: n0 pings across at most 60 hops (run.mjs).
MAX_HOPS=60
subnet() { echo "10.$(($1 / 256)).$(($1 % 256))"; }
ready() {
  local p=$1 k=$((N - 1 < MAX_HOPS ? N - 1 : MAX_HOPS))
  ip netns exec "$p-n0" ping -c1 -w5 -i0.2 -t255 "$(subnet $((k - 1))).2" >/dev/null
  ip netns exec "$p-n$((N - 1))" ping -c1 -w5 -i0.2 "$(subnet $((N - 2))).1" >/dev/null
}
# Tenths of a millisecond for one build and its pings.
one() {
  local bin=$1 p=$2 start end
  start=$(date +%s%N)
  "$bin" run --prefix "$p" --lab "$p" "$DIR/chain-$N.netl" >/dev/null
  ready "$p"
  end=$(date +%s%N)
  "$bin" down "$p" >/dev/null
  echo $(((end - start) / 100000))
}
a=() b=()
for _ in $(seq "$ROUNDS"); do
  if [ $((RANDOM % 2)) = 0 ]; then
    x=$(one "$A" nlpa); sleep "$PAUSE"; y=$(one "$B" nlpb)
  else
    y=$(one "$B" nlpb); sleep "$PAUSE"; x=$(one "$A" nlpa)
  fi
  sleep "$PAUSE"
  a+=("$x") b+=("$y")
done
A_TIMES="${a[*]}" B_TIMES="${b[*]}" node -e '
const a = process.env.A_TIMES.split(" ").map(Number), b = process.env.B_TIMES.split(" ").map(Number);
const median = (x) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
const ratio = median(a.map((v, i) => b[i] / v));
console.log(`A ${(median(a) / 10).toFixed(1)} ms, B ${(median(b) / 10).toFixed(1)} ms, B/A paired median ${ratio.toFixed(3)} (${a.length} rounds)`);
'
