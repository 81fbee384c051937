// An exported script owns by identity too (export-sh.ts): `up` writes each namespace it makes into a
// state file with its identity (the device and inode `stat` gives for /run/netns/NAME), and each host
// end with its ifindex and MAC, right after making it; `down` removes only what that file lists and
// still is that very object, never the namespace it runs in nor the machine's, and without the file
// removes nothing. A bystander with one of the lab's names is left alone, and said.

/** The bash functions `up` and `down` use for it. */
export const OWN_HELPERS = `
# What a namespace is: the device and inode bound at /run/netns/NAME (nothing when there is none).
ns_id() { stat -c '%d %i' "/run/netns/$1" 2>/dev/null || true; }
# What an interface of the machine is: its ifindex and MAC (nothing when there is none).
link_id() { [ -e "/sys/class/net/$1" ] && echo "$(cat "/sys/class/net/$1/ifindex") $(cat "/sys/class/net/$1/address")" || true; }
# Written down as soon as it exists, for down: \`made ns NAME\`, \`made link NAME\`.
made() {
  if [ "$1" = ns ]; then echo "ns $2 $(ns_id "$2")" >>"$STATE"; else echo "link $2 $(link_id "$2")" >>"$STATE"; fi
}`;

/** The lines `up` starts its work with: a fresh state file. */
export const STATE_START = `  mkdir -p -- "$(dirname -- "$STATE")"
  : >"$STATE"`;

/** What `down` removes: host ends and moved interfaces when the script has any, its logs when it spawns. */
export interface Owned {
  readonly hostEnds: boolean;
  readonly movedIn: boolean;
  readonly spawns: boolean;
}

/** `down`: what the state file lists and still is what `up` made; moved interfaces back first, then host ends. */
export function downFunction(o: Owned): string {
  const steps: string[] = [
    `  if [ ! -f "$STATE" ]; then
    echo "$LAB: nothing to remove: no $STATE (bash $0 up writes there what it makes)"
    return 0
  fi
  local kind name id here machine ns link
  local -A nsid=() linkid=()
  local ours=() ends=() keep=()
  here=$(stat -L -c '%d %i' /proc/self/ns/net)
  machine=$(stat -L -c '%d %i' /proc/1/ns/net 2>/dev/null || true)
  # The last word on each name counts (a namespace made again by redo is another one).
  while read -r kind name id; do
    if [ "$kind" = ns ]; then nsid[$name]=$id; elif [ "$kind" = link ]; then linkid[$name]=$id; fi
  done <"$STATE"
  for name in "\${!nsid[@]}"; do
    id=\${nsid[$name]}
    if [ -z "$id" ] || [ "$(ns_id "$name")" != "$id" ]; then
      if has_ns "$name"; then echo "$LAB: left namespace $name alone: it is not the one up made" >&2; fi
    elif [ "$id" = "$here" ] || [ "$id" = "$machine" ]; then
      echo "$LAB: left namespace $name alone: it is this shell's own or the machine's (run down from outside it)" >&2
      keep+=("$name")
    else
      ours+=("$name")
    fi
  done
  for name in "\${!linkid[@]}"; do
    id=\${linkid[$name]}
    if [ -n "$id" ] && [ "$(link_id "$name")" = "$id" ]; then
      ends+=("$name")
    elif has_link "$name"; then
      echo "$LAB: left the machine's $name alone: it is not the one up made" >&2
    fi
  done`,
  ];
  if (o.movedIn)
    steps.push(`  # The machine's interfaces go home before their namespace; one that will not keeps it standing.
  for ns in "\${ours[@]}"; do
    for link in "\${MOVED_IN[@]}"; do
      if ip -n "$ns" link show dev "$link" >/dev/null 2>&1 && ! ip -n "$ns" link set "$link" netns 1; then
        echo "$LAB: $link did not go back to the machine: namespace $ns stays" >&2
        keep+=("$ns")
      fi
    done
  done`);
  if (o.hostEnds)
    steps.push(`  # From the machine's side: a namespace's own clean-up happens only after \`ip netns del\` returns.
  for link in "\${ends[@]}"; do ip link del "$link" || true; done`);
  steps.push(`  for ns in "\${ours[@]}"; do
    if [[ " \${keep[*]} " == *" $ns "* ]]; then continue; fi
    end_processes "$ns"
    ip netns del "$ns"
  done
  if [ \${#keep[@]} -gt 0 ]; then return 1; fi
  rm -f -- "$STATE"`);
  if (o.spawns) steps.push(`  rm -rf -- "$LOGS"`);
  steps.push(`  rmdir -- "$(dirname -- "$STATE")" 2>/dev/null || true`);
  return `down() {
${steps.join("\n")}
  echo "$LAB is down"
}`;
}
