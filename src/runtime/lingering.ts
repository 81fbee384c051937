// Processes still running inside a lab's namespaces (left by `exec A sleep 1000 &`, or started by
// hand with `ip netns exec`) are ended before netl deletes those namespaces: `ip netns del` only
// removes the name, and a process inside keeps the namespace alive, unreachable, with its veths
// (and a host end on the machine) still in it. Only a process whose network namespace is one of
// the lab's own — the identity the lab record keeps for /run/netns/NAME, still bound there — is ever
// signalled; never one in netl's own namespace or the machine's, whatever a record says.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { type NsId, standings } from "./identity.js";

export interface LeftProcess {
  /** Kernel name of the namespace it ran in. */
  readonly ns: string;
  readonly pid: number;
  /** Its command name (`/proc/PID/comm`). */
  readonly name: string;
}

export interface Ending {
  readonly ended: readonly LeftProcess[];
  /** Still there after SIGKILL (a process stuck in the kernel): the namespace outlives its name. */
  readonly survived: readonly LeftProcess[];
}

export interface EndOptions {
  readonly netnsDir?: string;
  readonly procDir?: string;
  /** How long SIGTERM has before SIGKILL. */
  readonly graceMs?: number;
}

const POLL_MS = 20;

/** A process's network namespace, as its /proc link reads (`net:[4026532…]`), or undefined when gone. */
function netOf(proc: string, pid: number | string): string | undefined {
  try {
    return readlinkSync(`${proc}/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * End every process inside `namespaces` (the lab's, by identity): SIGTERM, a short grace, then
 * SIGKILL. A namespace whose name is bound to something else now is left alone (identity.ts).
 */
export function endProcessesIn(namespaces: readonly NsId[], options: EndOptions = {}): Promise<Ending> {
  const ours = standings(namespaces, options.netnsDir ?? "/run/netns", options.procDir ?? "/proc")
    .filter((s) => s.kind === "ours")
    .map((s) => s.id);
  return endProcessesInOurs(ours, options);
}

/** The same for namespaces already found the lab's by identity (standings' "ours"): not looked at again. */
export async function endProcessesInOurs(ours: readonly NsId[], options: EndOptions = {}): Promise<Ending> {
  const proc = options.procDir ?? "/proc";
  const targets = new Map(ours.map((id) => [`net:[${id.ino}]`, id.name]));
  if (targets.size === 0) return { ended: [], survived: [] };
  const mine = new Set([process.pid, process.ppid]);
  let found: (LeftProcess & { readonly id: string })[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(proc);
  } catch {}
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const id = netOf(proc, entry);
    const ns = id === undefined ? undefined : targets.get(id);
    if (ns === undefined || id === undefined || mine.has(pid)) continue;
    let name = "?";
    try {
      name = readFileSync(`${proc}/${entry}/comm`, "utf8").trim();
    } catch {}
    found.push({ ns, pid, name, id });
  }
  if (found.length === 0) return { ended: [], survived: [] };
  const all = found;
  // Signalled only while it is still in that namespace: a pid reused meanwhile is someone else's.
  const still = (p: (typeof found)[number]) => netOf(proc, p.pid) === p.id;
  const signal = (sig: NodeJS.Signals) => {
    for (const p of found.filter(still)) {
      try {
        process.kill(p.pid, sig);
      } catch {}
    }
  };
  const waitGone = async (ms: number) => {
    for (let waited = 0; found.some(still) && waited < ms; waited += POLL_MS) await sleep(POLL_MS);
    found = found.filter(still);
  };
  signal("SIGTERM");
  await waitGone(options.graceMs ?? 1000);
  if (found.length > 0) {
    signal("SIGKILL");
    await waitGone(1000);
  }
  const strip = ({ ns, pid, name }: LeftProcess): LeftProcess => ({ ns, pid, name });
  const survivors = new Set(found.map((p) => p.pid));
  return {
    ended: all.filter((p) => !survivors.has(p.pid)).map(strip),
    survived: found.map(strip),
  };
}

/** One line per namespace: `ended 1 process left running in A: pid 1234 sleep`. */
export function endingLines(ending: Ending, nodeOf: (ns: string) => string): string[] {
  const byNs = (list: readonly LeftProcess[]) => {
    const groups = new Map<string, LeftProcess[]>();
    for (const p of list) groups.set(p.ns, [...(groups.get(p.ns) ?? []), p]);
    return [...groups];
  };
  const pids = (list: readonly LeftProcess[]) => list.map((p) => `pid ${p.pid} ${p.name}`).join(", ");
  return [
    ...byNs(ending.ended).map(
      ([ns, list]) =>
        `ended ${list.length} ${list.length === 1 ? "process" : "processes"} left running in ${nodeOf(ns)}: ${pids(list)}`,
    ),
    ...byNs(ending.survived).map(
      ([ns, list]) =>
        `could not end ${pids(list)} in ${nodeOf(ns)}: namespace ${ns} lives on without a name until it exits`,
    ),
  ];
}
