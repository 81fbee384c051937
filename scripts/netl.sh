#!/bin/sh
# netl's start (package.json "bin"), copied to dist/netl by scripts/build.mjs, which writes in the path
# of the node that built dist/netl.blob, netl's start-up snapshot (docs/ARCHITECTURE.md, "Start-up").
# A blob runs only on the very node binary that made it (another version: node exits 14; a broken one
# crashes), so node starts from the blob only when the node on PATH is that binary and the blob is newer
# than it (a node upgraded in place is newer); else, or with no blob, it runs dist/netl.js as before.
# --snapshot-blob must be an option of node itself, hence a shell script and not a node one.
built='@NODE@'
self=$0
# npm links its bins: the blob and dist/netl.js are beside the file, not the link.
[ -L "$self" ] && self=$(readlink -f -- "$self")
case $self in
*/*) dir=${self%/*} ;;
*) dir=. ;;
esac
# Absolute: the rootless sandbox starts node again with the same options, maybe elsewhere.
case $dir in
/*) ;;
*) dir=$PWD/$dir ;;
esac
# Node reads NODE_EXTRA_CA_CERTS as it starts, before any of netl runs: with the system's CA bundle
# named there, that is ~40 ms of every start (more than all the rest of `netl down`), for certificates
# netl never uses: it opens no TLS connection. So netl's node starts without it, the value carried in
# NETL_NODE_EXTRA_CA_CERTS, and netl puts it back first thing (src/runtime/node-env.ts): every process
# netl starts (`exec`, `sh`, a user's node program) gets the environment the user set.
if [ -n "${NODE_EXTRA_CA_CERTS+set}" ]; then
  NETL_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export NETL_NODE_EXTRA_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
fi
# The first node on PATH, as `command -v node` finds it, but without the subshell `$(…)` forks (~1.5 ms
# of every netl command). An empty entry is the current directory.
node=
set -f
ifs=$IFS
IFS=:
for d in $PATH; do
  if [ -f "${d:-.}/node" ] && [ -x "${d:-.}/node" ]; then
    node=${d:-.}/node
    break
  fi
done
IFS=$ifs
set +f
[ -n "$node" ] || {
  echo "netl: no node on PATH (netl runs on Node.js 20 or later)" >&2
  exit 127
}
# down, ls and clean never parse: the snapshot's larger heap (~7 ms to deserialise) buys them nothing.
# `netl down LAB`, part of every teardown, has a bundle of its own (src/down.ts) that loads no more than
# it needs; any other form of it (--help, --rootless, a missing or extra argument) goes to the full CLI.
case $1 in
down)
  if [ $# -eq 2 ] && [ -f "$dir/netl-down.js" ]; then
    case $2 in
    -*) ;;
    *) exec "$node" "$dir/netl-down.js" "$@" ;;
    esac
  fi
  exec "$node" "$dir/netl.js" "$@"
  ;;
ls | clean) exec "$node" "$dir/netl.js" "$@" ;;
esac
# -ef and -nt are not POSIX, but dash, bash, busybox and every Linux sh have them.
# shellcheck disable=SC3013
# V8 options in NODE_OPTIONS (--max-old-space-size=…) make node refuse the blob too (exit 14): with any
# NODE_OPTIONS, netl.js.
if [ -z "${NODE_OPTIONS-}" ] && [ "$node" -ef "$built" ] && [ "$dir/netl.blob" -nt "$node" ]; then
  # Without `--`, node would take the user's options (--version, --help, -i) for its own.
  exec "$node" --snapshot-blob "$dir/netl.blob" -- "$@"
fi
exec "$node" "$dir/netl.js" "$@"
