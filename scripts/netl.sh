#!/bin/sh
# netl's bin (package.json "bin"), copied to dist/netl by scripts/build.mjs, which writes in the
# fingerprint of dist/netl.js (docs/ARCHITECTURE.md, "Start-up"). Node runs dist/netl.js, the bundle;
# where a start-up snapshot of that bundle has been made by this very node binary, node starts from it
# instead (check and plan in about half the time). Snapshots live in the user's cache, one per bundle
# and node, made in the background by dist/snapshot.js at the first start that finds none.
# --snapshot-blob must be an option of node itself, hence a shell script and not a node one.
fingerprint='@FINGERPRINT@'
self=$0
# npm links its bins: dist/ is where the file is, not the link.
[ -L "$self" ] && self=$(readlink -f -- "$self")
case $self in
*/*) dist=${self%/*} ;;
*) dist=. ;;
esac
case $dist in
/*) ;;
*) dist=$PWD/$dist ;;
esac
# `netl down LAB`, part of every teardown: a plain lab's (namespaces alone) is taken down by netl's Perl
# helper with no node to start (src/runtime/native/netns-del.pl, `down`). Any other lab, any other form
# of the command, or a machine without Perl goes on to netl's node, which says everything the helper
# would not (it prints nothing unless it removed the lab).
if [ "${1-}" = down ] && [ $# -eq 2 ] && [ -f "$dist/netns-del.pl" ]; then
  case $2 in
  -*) ;;
  *)
    perl "$dist/netns-del.pl" down "$2" 2>/dev/null
    status=$?
    # Removed (0), or stopped by a signal (Ctrl-C: 128 + its number), which ends netl too. Perl's own
    # failure (255), none on PATH (127) and the helper's "not here" (75) go on.
    if [ "$status" -eq 0 ] || { [ "$status" -gt 128 ] && [ "$status" -lt 255 ]; }; then exit "$status"; fi
    ;;
  esac
fi
# Node reads NODE_EXTRA_CA_CERTS as it starts, before any of netl runs: with the system's CA bundle
# named there, that is about half of `netl check`, for certificates netl never uses (it opens no TLS
# connection). So netl's node starts without it, the value carried in NETL_NODE_EXTRA_CA_CERTS, and
# netl puts it back first thing (src/runtime/node-env.ts): what netl starts sees the user's environment.
if [ -n "${NODE_EXTRA_CA_CERTS+set}" ]; then
  NETL_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export NETL_NODE_EXTRA_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
fi
node=$(command -v node) || {
  echo "netl: no node on PATH (netl runs on Node.js 20 or later)" >&2
  exit 127
}
# Any lab the helper left to node (moved or host interfaces, services, a killed netl's journal, a name
# taken by another...), or no Perl: `netl down LAB` has a bundle of its own (src/down.ts) started from V8's
# code cache, sooner than the whole CLI from its snapshot. Any other form of `down` goes to the full CLI.
if [ "${1-}" = down ] && [ $# -eq 2 ] && [ -f "$dist/netl-down.js" ]; then
  case $2 in
  -*) ;;
  *) exec "$node" "$dist/netl-down.js" "$@" ;;
  esac
fi
# V8 options in NODE_OPTIONS (--max-old-space-size=…) make node refuse any snapshot: then none is used.
if [ -z "${NODE_OPTIONS-}" ]; then
  # The cache is a folder of this user's own: node runs whatever snapshot it is given, so never one that
  # another user could have put there. It is under HOME (or XDG_CACHE_HOME there) when HOME is this
  # user's; root run with a plain user's HOME (as `sudo -E` leaves it) uses root's own /var/cache.
  # ([ -O / ] is true for root alone.)
  top=${HOME:-/nonexistent}
  cache=${XDG_CACHE_HOME:-$top/.cache}/netl
  case $cache in
  "$top"/*) [ -O "$top" ] || top= ;;
  *) top= ;;
  esac
  if [ -z "$top" ] && [ -O / ]; then
    top=/var/cache cache=/var/cache/netl
  fi
  # One per bundle and node binary, at the node's own path under the bundle's fingerprint.
  blob=$cache/$fingerprint$node.blob
  # Whether every folder from the blob's up to $top is this user's own, none a link, and so the blob.
  mine() {
    [ -n "$top" ] || return 1
    p=$blob
    while [ "$p" != "$top" ] && [ -n "$p" ]; do
      if [ -L "$p" ] || { [ -e "$p" ] && ! [ -O "$p" ]; }; then return 1; fi
      p=${p%/*}
    done
    [ -O "$top" ]
  }
  # -ef, -nt and -O are not POSIX, but dash, bash, busybox and every Linux sh have them.
  # shellcheck disable=SC3013
  if [ "$blob" -nt "$node" ] && [ "$blob.node" -ef "$node" ] && mine; then
    exec "$node" --snapshot-blob "$blob" "$dist/netl.js" "$@"
  fi
  # None yet for this node (or node changed since): made in the background in a cache of this user's
  # own, unless it was found not to work with this node.
  # shellcheck disable=SC3013
  if mine && ! [ "$blob.skip" -nt "$node" ]; then
    "$node" "$dist/snapshot.js" "$blob" "$node" "$top" >/dev/null 2>&1 &
  fi
fi
exec "$node" "$dist/netl.js" "$@"
