#!/usr/bin/env bash
# Set up what netl needs on a fresh machine: kernel tools (as root, via apt), npm packages, the build.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)
command -v sysctl >/dev/null 2>&1 || need+=(procps)
# tmux: only the REPL's real-terminal test uses it.
command -v tmux >/dev/null 2>&1 || need+=(tmux)
# A full kernel for the link-condition tests (this kind of machine has no netem): User-Mode Linux,
# and modprobe to load its modules (scripts/uml/run.sh).
command -v linux.uml >/dev/null 2>&1 || need+=(user-mode-linux)
command -v modprobe >/dev/null 2>&1 || need+=(kmod)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
# nft: firewalls inside nodes (block, allow); python3: the web server in examples/service-and-firewall.netl.
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# chromium: the live page's test drives Debian's headless Chromium (test/serve/browser.test.ts).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# tcpdump: `capture` (packets in a node, live or to a pcap file) and the tutorial's lesson on ARP.
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
# strace: a test kills the namespace maker at each point of its making (test/e2e/maker-killed.test.ts).
command -v strace >/dev/null 2>&1 || need+=(strace)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}; install them (e.g. sudo apt-get install ${need[*]})" >&2
  fi
fi

# npm packages: install when absent or when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

node scripts/build.mjs
