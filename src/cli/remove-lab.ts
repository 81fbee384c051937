// Removing a lab left up (one piece of code for `netl down` and `netl clean`): exactly what its record
// and journal list, each only while it is still the very object the lab made (runtime/identity.ts).
// The machine's interfaces go home first (by identity, wherever they are in their namespace), then the
// host ends and namespaces still the lab's are deleted; whatever has one of their names now is left
// alone and said. Never a sweep by name pattern. The caller holds the lab's lock.

import { EXIT } from "../driver/exit.js";
import { plural } from "../present/words.js";
import { batchArgv } from "../runtime/batch.js";
import { awaitBatches, batchesPath } from "../runtime/batch-pids.js";
import { ProcessExecutor } from "../runtime/executor.js";
import {
  type Ident,
  type IfaceId,
  identitiesNow,
  machineLinks,
  type NsId,
  removeRemains,
  sameIface,
  sameNs,
  standings,
  standingText,
} from "../runtime/identity.js";
import { type LabRecord, removeRecord, removeTemps } from "../runtime/lab-record.js";
import { endingLines, endProcessesInOurs } from "../runtime/lingering.js";
import { type Deleter, type Deletion, startDeleter } from "../runtime/netns-del.js";
import { journalFiles, journalPath, readJournal } from "../runtime/netns-journal.js";
import type { Io } from "./io.js";

export const NETNS_DIR = "/run/netns";

/** The namespaces a lab made: its record's, and its journal's (a killed netl's last change), the journal's last word winning. */
export function madeNamespaces(runDir: string, lab: string, record: LabRecord | undefined): NsId[] {
  const byName = new Map((record?.namespaces ?? []).map((n) => [n.name, n]));
  for (const n of readJournal(journalPath(runDir, lab))) byName.set(n.name, n);
  return [...byName.values()];
}

/** Gives the moved interfaces back: loaded only for a record that holds any (it brings the interpreter's ops). */
async function giveBackAll(record: LabRecord, ours: ReadonlySet<string>, executor: ProcessExecutor, io: Io) {
  const { giveBackRecorded } = await import("./give-back-recorded.js");
  return giveBackRecorded(record.moved ?? [], { ours, executor, io, netnsDir: NETNS_DIR });
}

/** Deleted: host ends by identity; mismatches said. */
function hostEndsToDelete(
  ends: readonly IfaceId[],
  machine: ReadonlyMap<string, IfaceId> | undefined,
  lab: string,
  io: Io,
) {
  return ends.filter((end) => {
    const now = machine?.get(end.name);
    if (now === undefined) return false;
    if (sameIface(now, end)) return true;
    io.err(
      `left the machine's ${end.name} alone: it is not the host end lab '${lab}' made (ifindex ${end.ifindex}, ${end.mac}); it is ifindex ${now.ifindex}, ${now.mac} now`,
    );
    return false;
  });
}

/**
 * `deleter`: the teardown helper already started (it took the lab's lock for `netl down`); without
 * one, one is started here, or `ip -batch` deletes where it cannot run.
 */
/**
 * Delete the lab's namespaces `going`: by the helper where it runs, each checked as it goes; what it did
 * not answer or could not delete goes to `ip -batch` (the way without it), still only what is the lab's
 * now. The names left, and why.
 */
async function deleteNamespaces(
  answered: Promise<ReadonlyMap<string, Deletion>> | undefined,
  going: readonly NsId[],
  lab: string,
  executor: ProcessExecutor,
  io: Io,
): Promise<{ left: string[]; why: string[]; spared: number }> {
  const answers = (await answered) ?? new Map<string, Deletion>();
  const why: string[] = [];
  const rest: NsId[] = [];
  let spared = 0;
  const other = (id: NsId, now: Ident) => {
    io.err(standingText({ kind: "other", id, now }, lab) ?? "");
    spared++;
  };
  for (const id of going) {
    const a = answers.get(id.name);
    if (a?.kind === "other") other(id, a.now);
    if (a?.kind === "failed") why.push(a.why);
    if (a === undefined || a.kind === "failed") rest.push(id);
  }
  if (rest.length === 0) return { left: [], why, spared };
  const names = (ids: readonly NsId[]) => ids.map((n) => n.name);
  const before = identitiesNow(names(rest), NETNS_DIR);
  for (const id of rest) {
    const now = before.get(id.name);
    if (now !== undefined && !sameNs(now, id)) other(id, now);
  }
  const still = rest.filter((n) => sameNs(before.get(n.name), n));
  const r =
    still.length === 0
      ? undefined
      : executor.runBlocking(
          batchArgv(undefined, true),
          `${names(still)
            .map((n) => `netns del ${n}`)
            .join("\n")}\n`,
        );
  if (r === undefined || r.exitCode === 0) return { left: [], why: [], spared };
  const now = identitiesNow(names(still), NETNS_DIR);
  if (r.stderr.trim()) why.push(r.stderr.trim());
  return { left: names(still.filter((n) => sameNs(now.get(n.name), n))), why, spared };
}

export async function removeLab(
  runDir: string,
  lab: string,
  record: LabRecord | undefined,
  io: Io,
  deleter = startDeleter(NETNS_DIR),
): Promise<number> {
  // The machine's own namespace (interfaces going home, host ends) changes under the machine-wide lock.
  const onMachine = (record?.moved?.length ?? 0) + (record?.hostInterfaces?.length ?? 0) > 0;
  try {
    if (!onMachine) return await removeLabNow(runDir, lab, record, io, deleter);
    const { MachineLock } = await import("../runtime/machine-lock.js");
    return await new MachineLock().whileHeld(() => removeLabNow(runDir, lab, record, io, deleter));
  } finally {
    // Ends it when nothing was given to it (a no-op once it was).
    deleter?.close();
  }
}

async function removeLabNow(
  runDir: string,
  lab: string,
  record: LabRecord | undefined,
  io: Io,
  deleter: Deleter | undefined,
): Promise<number> {
  const executor = new ProcessExecutor();
  // A killed netl's batches run on (their own process group): let them finish before anything goes.
  const running = await awaitBatches(batchesPath(runDir, lab));
  if (running.length > 0) io.err(`batches of the dead netl still running after 10 s: pids ${running.join(", ")}`);
  const made = madeNamespaces(runDir, lab, record);
  // The file a name was given, where the maker was killed before binding it there (netns-journal.ts).
  const files = journalFiles(journalPath(runDir, lab));
  const ours = new Set<string>();
  // The lab's, but netl's own namespace or the machine's: not removed from here, so the record stays.
  const untouchable: string[] = [];
  for (const s of standings(made, NETNS_DIR)) {
    // The name's remains of a deletion or a making cut short: finished here, as a namespace already gone.
    if (s.kind === "other" && removeRemains(s.id.name, NETNS_DIR, files.get(s.id.name))) continue;
    const text = standingText(s, lab);
    if (text !== undefined) io.err(text);
    if (s.kind === "ours") ours.add(s.id.name);
    if (s.kind === "machine") untouchable.push(s.id.name);
  }
  // The machine's interfaces go home first, with their state: deleting their namespace would destroy
  // a veth and send a physical one back bare. A namespace still holding one is kept.
  const moved = record?.moved ?? [];
  const back = moved.length > 0 ? await giveBackAll(record as LabRecord, ours, executor, io) : undefined;
  const kept = back?.kept ?? new Set<string>();
  const ends = record?.hostInterfaces ?? [];
  const machine = ends.length > 0 ? await machineLinks(executor) : undefined;
  const deleting = hostEndsToDelete(ends, machine, lab, io);
  const going = made.filter((n) => ours.has(n.name) && !kept.has(n.name));
  // What `spawn` started ends first, all of it (also what left the namespace), by its supervisor.
  if (record?.services?.length) {
    const { endRecordedServices } = await import("../runtime/spawned.js");
    for (const line of await endRecordedServices(record.services)) io.out(line);
  }
  // The host ends by `ip`; then the namespaces (deleteNamespaces).
  const lines = deleting.map((e) => `link del ${e.name}`);
  const r = lines.length === 0 ? undefined : executor.runBlocking(batchArgv(undefined, true), `${lines.join("\n")}\n`);
  const answered = deleter && going.length > 0 ? deleter.remove(going) : undefined;
  // What still runs inside (`exec A sleep 1000 &`) keeps a namespace alive, unreachable, once its name
  // is gone: looked for while the helper deletes (by the namespace's inode, which no other can take
  // while one of them lives), and ended.
  const ending = await endProcessesInOurs(going);
  const node = (ns: string) =>
    record?.prefix && ns.startsWith(`${record.prefix}-`) ? ns.slice(record.prefix.length + 1) : ns;
  for (const line of endingLines(ending, node)) io.out(line);
  const { left, why, spared } = await deleteNamespaces(answered, going, lab, executor, io);
  // A batch that refused nothing deleted every name it was given: looked at again only when one failed.
  const failed = r !== undefined && r.exitCode !== 0;
  if (failed && r.stderr.trim()) why.push(r.stderr.trim());
  const after = failed && deleting.length > 0 ? await machineLinks(executor) : undefined;
  const endsLeft = deleting.filter((e) => sameIface(after?.get(e.name), e)).map((e) => e.name);
  const notGone = [...left, ...endsLeft, ...kept, ...untouchable];
  if (notGone.length > 0) {
    io.err(`could not remove ${notGone.join(", ")}${why.length > 0 ? `: ${why.join("; ")}` : ""}`);
    return EXIT.failed;
  }
  removeRecord(runDir, lab);
  removeTemps(runDir, lab);
  const given = back?.given ?? 0;
  const returned = given > 0 ? `, ${plural(given, "interface")} given back to the machine` : "";
  io.out(`removed lab '${lab}' (${plural(going.length - spared, "namespace")}${returned})`);
  return (back?.failures ?? 0) > 0 ? EXIT.failed : EXIT.ok;
}
