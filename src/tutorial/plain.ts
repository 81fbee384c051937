// The plain commands that build the learner's final lab, as a person would paste them into a root
// shell: the lab's own ops (the inverses of taking it all away, so nothing undone or deleted shows and
// the mistakes are left out), then what the learner asked of it that worked (exec lines as
// `ip netns exec …`, pings), and the commands that remove it again.
import { invertAll } from "../interpreter/ops/inverse.js";
import { lower, type NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { emptied } from "../interpreter/teardown.js";
import { HOST, type World } from "../interpreter/world.js";
import { shellLine } from "../present/shell-line.js";
import { pingTargets } from "./commands.js";
import { type Did, type Record, succeeded } from "./record.js";

/**
 * The ops that build `world` from nothing, in the order netl would run them; but what runs in a node
 * (`spawn`, `capture`) last, once the interfaces it uses exist.
 */
function buildOps(world: World): Op[] {
  const build = invertAll(emptied(world).ops);
  return [...build.filter((op) => op.kind !== "proc.start"), ...build.filter((op) => op.kind === "proc.start")];
}

/**
 * An op as the commands a person types; a spawned process goes to the background, and a capture is
 * given a moment to start listening before the packets it is there for.
 */
function opLines(op: Op, ns: NsName): string[] {
  const line = shellLine(lower(op, ns).command);
  if (op.kind !== "proc.start") return [line];
  return op.capture ? [`${line} &`, "sleep 1"] : [`${line} &`];
}

const LOOPBACK = /^(127\.|::1$|localhost$)/;
/** Words a shell takes as they are: anything else goes through `sh -c`. */
const PLAIN_WORDS = /^[\w@%+=:,./\s-]*$/;

/** What the learner asked that still makes sense on the final lab, as plain commands. */
function queryLine(d: Did, world: World, ns: NsName): string | undefined {
  const { stmt, outcome } = d;
  const nsOf = (node: string) => (node === HOST ? undefined : ns(node));
  const inside = (node: string, argv: readonly string[]) => {
    const name = nsOf(node);
    return shellLine(name === undefined ? argv : ["ip", "netns", "exec", name, ...argv]);
  };
  const there = (address: string) => LOOPBACK.test(address) || world.addresses.has(address);
  if (stmt.kind === "show" && stmt.node === undefined) return "ip netns list";
  if (stmt.kind === "ping" && outcome?.kind === "ping" && outcome.ok && outcome.address !== undefined) {
    if (!there(outcome.address) || !(stmt.from.text === HOST || world.nodes.has(stmt.from.text))) return undefined;
    return inside(stmt.from.text, ["ping", "-c", String(stmt.count ?? 1), outcome.address]);
  }
  if (stmt.kind === "exec" && world.nodes.has(stmt.node.text)) {
    if (!pingTargets(stmt.command).every(there)) return undefined;
    const name = ns(stmt.node.text);
    const words = stmt.command.trim().split(/\s+/);
    return PLAIN_WORDS.test(stmt.command)
      ? shellLine(["ip", "netns", "exec", name, ...words])
      : shellLine(["ip", "netns", "exec", name, "sh", "-c", stmt.command]);
  }
  return undefined;
}

export interface Plain {
  readonly build: readonly string[];
  readonly remove: readonly string[];
}

/**
 * `keep` says which of the learner's queries belong (those that did the lesson's task: a ping from the
 * wrong side, a command that answered another question, is a mistake to leave out); all, without it.
 */
export function plainCommands(world: World, record: Record, ns: NsName, keep: (d: Did) => boolean = () => true): Plain {
  const build = buildOps(world).flatMap((op) => opLines(op, ns));
  const asked = succeeded(record)
    .filter(keep)
    .flatMap((d) => queryLine(d, world, ns) ?? []);
  const moved = [...world.nodes.values()].flatMap((n) =>
    [...n.ifaces.values()].flatMap((i) =>
      i.origin === undefined ? [] : [shellLine(["ip", "-n", ns(n.name), "link", "set", i.name, "netns", "1"])],
    ),
  );
  // What still runs in a namespace outlives `ip netns del`: it is ended first.
  const running = [...world.nodes.values()].flatMap((n) =>
    (n.processes ?? []).length === 0 ? [] : [`ip netns pids ${shellLine([ns(n.name)])} | xargs -r kill`],
  );
  // Deleting a namespace deletes its veths, and with them their host ends.
  const remove = [
    ...running,
    ...moved,
    ...[...world.nodes.keys()].map((n) => shellLine(["ip", "netns", "del", ns(n)])),
  ];
  return { build: [...build, ...new Set(asked)], remove };
}
