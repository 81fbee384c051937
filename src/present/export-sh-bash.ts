// The fixed bash functions of an exported script (export-sh.ts): written once here, used by name there.

/** Whether a namespace or a machine interface exists; ending what runs in a namespace. */
export const HELPERS = `has_ns() { ip netns list | cut -d' ' -f1 | grep -Fx -- "$1" >/dev/null; }
has_link() { ip link show dev "$1" >/dev/null 2>&1; }

# What still runs in namespace $1 (the lab's own) ends before the namespace goes: TERM, then KILL.
end_processes() {
  ip netns pids "$1" | xargs -r kill 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -z "$(ip netns pids "$1")" ] && return 0
    sleep 0.1
  done
  ip netns pids "$1" | xargs -r kill -KILL 2>/dev/null || true
}`;

/** Only in a lab with links to host. */
export const OVERLAPPING = `
# The machine's routes inside subnet $2 or around it (family $1), its default route aside.
overlapping() { { ip "$1" route show root "$2"; ip "$1" route show match "$2"; } | grep -v '^default' || true; }`;

/** Only in a lab whose script ends a process it spawned (undo, del, reset). */
export const END_GROUP = `
# Ends a process group \`spawn\` started: TERM, then KILL if it is still there after a second.
end_group() {
  # One just started may not lead its own group yet (setsid runs in the child): wait until it does.
  for _ in {1..50}; do
    kill -0 -- "-$1" 2>/dev/null && break
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.02
  done
  kill -TERM -- "-$1" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 -- "-$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$1" 2>/dev/null || true
}`;

/** What `check` runs each expect with. */
export const EXPECTS = `# An expect: the command must succeed (expect_ok) or fail (expect_fails).
PASSED=0 FAILED=0
passes() { echo "ok      $1"; PASSED=$((PASSED + 1)); }
fails() { echo "FAILED  $1"; FAILED=$((FAILED + 1)); }
expect_ok() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then passes "$what"; else fails "$what"; fi
}
expect_fails() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then fails "$what"; else passes "$what"; fi
}`;

/** Only when `check` has an `expect tcp`. */
export const TCP_OPEN = `
# expect tcp: from inside namespace $1 ('' for the machine), a connection to $2 port $3 is accepted;
# tried again for up to $4 seconds, so a server spawned just before has time to start.
tcp_open() {
  local end=$((SECONDS + $4)) where=()
  [ -z "$1" ] || where=(ip netns exec "$1")
  until "\${where[@]}" timeout 1.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$2" "$3" 2>/dev/null; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.2
  done
}`;
