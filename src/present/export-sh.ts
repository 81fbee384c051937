// `netl export --format sh`: a lab as a standalone bash script in the seed tutorial's style. The
// commands are the ops' own lowerings (what netl runs), under the netl statement each came from;
// around them, `up` refuses to touch a lab that exists and takes back what it made if one fails.

import { subnetOf } from "../interpreter/addressing.js";
import { lower, type NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import type { PingQuery, Query } from "../interpreter/plan.js";
import { HOST } from "../interpreter/world.js";
import { END_GROUP, EXPECTS, HELPERS, OVERLAPPING, TCP_OPEN } from "./export-sh-bash.js";
import { downFunction, OWN_HELPERS, STATE_START } from "./export-sh-own.js";
import { backgroundLine, shellLine } from "./shell-line.js";

/** One statement that changes the lab: its netl text and the ops netl would run for it. */
export interface ShBlock {
  readonly text: string;
  readonly ops: readonly Op[];
}

/** An assertion of the script about the lab as it ends up (written after its last change). */
export interface ShCheck {
  readonly text: string;
  readonly query: Query;
}

export interface ShLab {
  /** The lab's name, in the script's messages. */
  readonly lab: string;
  /** The netl file it came from, named in the header. */
  readonly source: string;
  /** What the header calls the script (`lab.sh`). */
  readonly script: string;
  readonly blocks: readonly ShBlock[];
  readonly checks: readonly ShCheck[];
  readonly ns: NsName;
  /** Where spawned processes' output goes (one NODE.log each); the script's own, removed by `down`. */
  readonly logDir: string;
  /** Where `up` writes what it made, with identities (export-sh-own.ts); `down` removes only that. */
  readonly stateFile: string;
}

const q = (word: string): string => shellLine([word]);
const unique = (words: readonly string[]): string[] => [...new Set(words)];
/** Comment text on one line each: nothing in it may end the comment. */
const comment = (text: string, lead = "# "): string[] => text.split(/\r?\n/).map((l) => `${lead}${l}`.trimEnd());

interface Made {
  readonly namespaces: readonly string[];
  readonly hostEnds: readonly string[];
  /** The subnets of the host ends' addresses: each must be new to the machine. */
  readonly hostSubnets: readonly string[];
  readonly movedIn: readonly string[];
  readonly spawns: boolean;
  /** A spawned process is ended on the way (its group's pid is kept when it starts). */
  readonly stops: boolean;
}

/** What the script makes, read off its ops: the names `up` checks are free and `down` removes. */
function made(blocks: readonly ShBlock[], ns: NsName): Made {
  const ops = blocks.flatMap((b) => b.ops);
  const hostEnd = (op: Op) => (op.kind === "veth.add" ? [op.a, op.b].find((e) => e.node === HOST) : undefined);
  return {
    namespaces: unique(ops.flatMap((op) => (op.kind === "netns.add" ? [ns(op.node)] : []))),
    hostEnds: unique(ops.flatMap((op) => hostEnd(op)?.ifname ?? [])),
    hostSubnets: unique(ops.flatMap((op) => (op.kind === "addr.add" && op.node === HOST ? [subnetOf(op.cidr)] : []))),
    movedIn: unique(ops.flatMap((op) => (op.kind === "iface.move" && op.from === HOST ? [op.ifname] : []))),
    spawns: ops.some((op) => op.kind === "proc.start"),
    stops: ops.some((op) => op.kind === "proc.stop"),
  };
}

/** An op as a line of `up`: its stand-alone command; a spawn backgrounded in its own process group. */
function opLine(op: Op, ns: NsName, m: Made): string {
  const command = lower(op, ns).command;
  if (op.kind === "proc.start") {
    const line = backgroundLine(command, `"$LOGS"/${q(`${op.node}.log`)}`);
    return m.stops ? `${line}\n  SPAWNED[${op.id}]=$!` : line;
  }
  if (op.kind === "proc.stop") return `end_group "\${SPAWNED[${op.id}]}"   # ${op.command.split("\n")[0]}`;
  // Written down with its identity as soon as it exists, for `down`.
  if (op.kind === "netns.add") return `${shellLine(command)}\n  made ns ${q(ns(op.node))}`;
  const end = op.kind === "veth.add" ? [op.a, op.b].find((e) => e.node === HOST) : undefined;
  if (end !== undefined) return `${shellLine(command)}\n  made link ${q(end.ifname)}`;
  return shellLine(command);
}

/** `ping` as netl's `expect ping` runs it (runtime/queries.ts): one reply of `count` is enough. */
function pingCommand(p: PingQuery, ns: NsName): string | undefined {
  if (p.address === undefined) return undefined;
  const where = p.from === HOST ? [] : ["ip", "netns", "exec", ns(p.from)];
  const interval = p.count > 1 ? ["-i", "0.2"] : [];
  return shellLine([...where, "ping", "-n", "-q", "-c", String(p.count), "-W", "1", ...interval, p.address]);
}

/** The command an expect runs; undefined for one that cannot be checked without netl. */
function expectCommand(query: Query, ns: NsName): { negated: boolean; command?: string; target: string } | undefined {
  if (query.kind === "expect-ping") {
    return { negated: query.negated, command: pingCommand(query.ping, ns), target: query.ping.target };
  }
  if (query.kind !== "expect-reach" || query.protocol !== "tcp") return undefined;
  // As runtime/reach.ts: a positive check retries until its DEADLINE_MS, a negative one tries once.
  const from = query.from === HOST ? "" : ns(query.from);
  const tries = query.negated ? "0" : "3";
  const command =
    query.address === undefined ? undefined : shellLine(["tcp_open", from, query.address, String(query.port), tries]);
  return { negated: query.negated, command, target: query.target };
}

function checkLines(checks: readonly ShCheck[], ns: NsName): string[] {
  const lines: string[] = [];
  for (const { text, query } of checks) {
    const e = expectCommand(query, ns);
    if (e === undefined) {
      lines.push(...comment(text, "  # not checked here (netl test does): "));
      continue;
    }
    const verb = e.negated ? "expect_fails" : "expect_ok";
    lines.push(
      e.command === undefined
        ? `  ${verb} ${q(text)} false   # ${e.target} has no address`
        : `  ${verb} ${q(text)} ${e.command}`,
    );
  }
  return lines;
}

/** `up`: refuse if anything it makes exists, then every block's commands under an ERR trap. */
function upFunction(lab: ShLab, m: Made): string {
  const checks = [
    `  for ns in "\${NAMESPACES[@]}"; do
    if has_ns "$ns"; then
      echo "$LAB: namespace $ns exists: is the lab up already? (bash $0 down removes it)" >&2
      exit 1
    fi
  done`,
  ];
  if (m.hostEnds.length > 0)
    checks.push(`  for link in "\${HOST_ENDS[@]}"; do
    if has_link "$link"; then
      echo "$LAB: the machine has an interface $link already (bash $0 down removes it)" >&2
      exit 1
    fi
  done`);
  for (const subnet of m.hostSubnets)
    checks.push(`  if [ -n "$(overlapping ${subnet.includes(":") ? "-6" : "-4"} ${q(subnet)})" ]; then
    echo "$LAB: the machine routes ${subnet} already: a host end's subnet must be new to it" >&2
    exit 1
  fi`);
  const body: string[] = [];
  for (const block of lab.blocks) {
    body.push("", ...comment(block.text, "  # "));
    for (const op of block.ops) body.push(`  ${opLine(op, lab.ns, m)}`);
  }
  return `up() {
  local ns${m.hostEnds.length > 0 ? " link" : ""}
${checks.join("\n")}
${STATE_START}
  trap 'rollback "$LINENO" "$BASH_COMMAND"' ERR${m.spawns ? `\n  mkdir -p "$LOGS"` : ""}
${body.join("\n")}

  trap - ERR
  echo "$LAB is up: \${NAMESPACES[*]} (bash $0 down removes it)"
}

# A command of \`up\` failed: take back everything it had made, then fail.
rollback() {
  local code=$?
  trap - ERR
  set +e
  echo "$LAB: line $1 failed (exit $code): $2" >&2
  echo "$LAB: removing what up had made" >&2
  down
  exit 1
}`;
}

function checkFunction(lab: ShLab): string {
  const lines = checkLines(lab.checks, lab.ns);
  const tcp = lines.some((l) => l.includes(" tcp_open "));
  return `${EXPECTS}${tcp ? TCP_OPEN : ""}

check() {
${lines.length > 0 ? lines.join("\n") : `  echo "$LAB: no expect after the script's last change: nothing to check"`}
  echo "$LAB: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}`;
}

/** The whole script. */
export function shScript(lab: ShLab): string {
  const m = made(lab.blocks, lab.ns);
  const words = (xs: readonly string[]) => xs.map(q).join(" ");
  const head = [
    "#!/usr/bin/env bash",
    ...comment(`${lab.lab}: the lab ${lab.source} builds, as plain commands (netl export --format sh).`),
    ...comment(`  bash ${lab.script} [up]   build it and leave it up (refused if one of its namespaces exists)`),
    ...comment(`  bash ${lab.script} down   remove what up made and still is: namespaces, interfaces, what runs there`),
    ...comment(`  bash ${lab.script} check  the expects written after its last change (exit 1 if one fails)`),
    "# Run as root. If a command of `up` fails, it removes what it had made and exits non-zero.",
    "set -eEuo pipefail",
    "",
    `LAB=${q(lab.lab)}`,
    "# What `up` made, each with its identity: all `down` ever removes.",
    `STATE=${q(lab.stateFile)}`,
    "# Every namespace `up` makes, in order.",
    `NAMESPACES=(${words(m.namespaces)})`,
  ];
  if (m.hostEnds.length > 0)
    head.push(
      "# Its interfaces in the machine's own namespace: the host ends of links to host.",
      `HOST_ENDS=(${words(m.hostEnds)})`,
    );
  if (m.movedIn.length > 0)
    head.push(
      "# Interfaces of the machine it moves in: given back (bare) before a namespace goes.",
      `MOVED_IN=(${words(m.movedIn)})`,
    );
  if (m.spawns) head.push("# What spawned processes print, one NODE.log each.", `LOGS=${q(lab.logDir)}`);
  if (m.stops)
    head.push("# The process group of each spawn, by its number: the script ends some on the way.", "SPAWNED=()");
  return `${head.join("\n")}

${HELPERS}
${OWN_HELPERS}${m.hostSubnets.length > 0 ? `\n${OVERLAPPING}` : ""}${m.stops ? `\n${END_GROUP}` : ""}

${upFunction(lab, m)}

${downFunction({ hostEnds: m.hostEnds.length > 0, movedIn: m.movedIn.length > 0, spawns: m.spawns })}

${checkFunction(lab)}

case "\${1:-up}" in
  up | down | check) ;;
  *)
    echo "usage: bash $0 [up|down|check]" >&2
    exit 2
    ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  echo "$LAB: run it as root" >&2
  exit 1
fi
"\${1:-up}"
`;
}
