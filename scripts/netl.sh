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
# V8 options in NODE_OPTIONS (--max-old-space-size=…) make node refuse any snapshot: then none is used.
if [ -z "${NODE_OPTIONS-}" ]; then
  cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/netl
  # One per bundle and node binary, at the node's own path under the bundle's fingerprint.
  blob=$cache/$fingerprint$node.blob
  # Root (`-O /`: it owns /) uses and makes a snapshot only where every folder up from it is root's:
  # in another user's HOME (sudo -E, su without -) that user could plant a snapshot node would run as
  # root, or a link the maker would write through. No process is started to find out.
  trusted=yes
  if [ -O / ]; then
    at=$blob.node
    while [ -n "$at" ]; do
      if { [ -e "$at" ] || [ -L "$at" ]; } && ! [ -O "$at" ]; then
        trusted=
        break
      fi
      at=${at%/*}
    done
    [ -L "$blob" ] && trusted=
  fi
  # -ef and -nt are not POSIX, but dash, bash, busybox and every Linux sh have them.
  # shellcheck disable=SC3013
  if [ -n "$trusted" ] && [ "$blob" -nt "$node" ] && [ "$blob.node" -ef "$node" ]; then
    exec "$node" --snapshot-blob "$blob" "$dist/netl.js" "$@"
  fi
  # None yet for this node (or node changed since): made in the background where the cache can be
  # written (its nearest existing folder), unless it was found not to work with this node.
  made=$cache
  while [ -n "$made" ] && ! [ -e "$made" ]; do made=${made%/*}; done
  # shellcheck disable=SC3013
  if [ -n "$trusted" ] && [ -w "${made:-/}" ] && ! [ "$blob.skip" -nt "$node" ]; then
    "$node" "$dist/snapshot.js" "$blob" "$node" >/dev/null 2>&1 &
  fi
fi
exec "$node" "$dist/netl.js" "$@"
