// `netl down LAB`, `netl clean` and `netl ls`: labs left up by `netl run --keep`-style use or by a crash.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FailedCommand } from "../diagnostic.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { ROOTLESS_NO_CLEAN, ROOTLESS_NOT_LISTED, rootlessDown } from "../present/rootless.js";
import { batchArgv } from "../runtime/batch.js";
import { awaitBatches, batchesPath } from "../runtime/batch-pids.js";
import { ProcessExecutor } from "../runtime/executor.js";
import {
  acquireLock,
  DEFAULT_RUN_DIR,
  type LabRecord,
  listRecords,
  pidAlive,
  readRecord,
  removeRecord,
} from "../runtime/lab-record.js";
import { endingLines, endProcessesIn, presentNamespaces } from "../runtime/lingering.js";
import type { MachineClaims } from "../runtime/machine-claims.js";
import type { Io } from "./io.js";
import { rootlessOutside } from "./rootless.js";

const runDir = () => process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;
const NETNS_DIR = "/run/netns";

/** `rootless`: --rootless was given (a plain user's netl is rootless without it). */
export async function downCommand(lab: string, io: Io, rootless = false): Promise<number> {
  const record = readRecord(runDir(), lab);
  // A rootless lab lives inside its netl's sandbox, never under the machine's /run/netl.
  if (rootlessOutside(rootless)) {
    io.err(rootlessDown(lab, record !== undefined, process.geteuid?.() === 0));
    return record ? EXIT.usage : EXIT.failed;
  }
  if (!needRoot("down", io)) return EXIT.usage;
  if (!record) {
    io.err(`no lab '${lab}' (nothing under ${runDir()}); 'netl ls' lists the labs`);
    return EXIT.failed;
  }
  const lock = acquireLock(runDir(), lab);
  if (!lock.ok) {
    const { renderError } = await import("../present/render-error.js");
    io.err(renderError(lock.error, undefined, "", io.c));
    return EXIT.failed;
  }
  try {
    return await removeLab(record, io);
  } finally {
    lock.value();
  }
}

/**
 * The machine's interfaces a record holds, given back (moved ones home with their state; host ends
 * listed for deletion), and afterwards what is still held. Loaded only for a record that holds any:
 * it brings the interpreter's ops, and `netl down` of a plain lab is a benchmark target.
 */
async function machineInterfaces(claims: MachineClaims, executor: ProcessExecutor) {
  if (claims.hostInterfaces.length + claims.moved.length === 0)
    return { deletions: [] as string[], failures: [] as FailedCommand[], stillHeld: () => claims };
  const [{ giveBack, kernelNames, stillHeld }, { applyForce }] = await Promise.all([
    import("../runtime/machine-claims.js"),
    import("../runtime/apply.js"),
  ]);
  const back = giveBack(claims, NETNS_DIR);
  const failures = await applyForce(back.ops, { executor, nsName: kernelNames });
  return { deletions: back.deletions, failures, stillHeld: () => stillHeld(claims, NETNS_DIR) };
}

/**
 * Remove exactly what a lab record lists (one piece of code for `down` and `clean`): the machine's
 * interfaces go home, the recorded host ends and namespaces that still exist are deleted, then the
 * record. Never a sweep by name pattern. The caller holds the lab's lock.
 */
async function removeLab(record: LabRecord, io: Io): Promise<number> {
  const lab = record.lab;
  const executor = new ProcessExecutor();
  // A killed netl's batches run on (their own process group): let them finish before anything goes.
  const running = await awaitBatches(batchesPath(runDir(), lab));
  if (running.length > 0) io.err(`batches of the dead netl still running after 10 s: pids ${running.join(", ")}`);
  // The machine's interfaces go home first, with their state: deleting their namespace would
  // destroy a veth and send a physical one back bare. What is there already is left as it is.
  const claims = { hostInterfaces: record.hostInterfaces ?? [], moved: record.moved ?? [] };
  const back = await machineInterfaces(claims, executor);
  const homeFailures = back.failures.filter((f) => !/File exists|Cannot find device/.test(f.stderr));
  for (const f of homeFailures) io.err(`could not give back: ${f.argv.join(" ")}: ${f.stderr}`);
  // What `spawn` started ends first, all of it (also what left the namespace), by its supervisor.
  if (record.services?.length) {
    const { endRecordedServices } = await import("../runtime/spawned.js");
    for (const line of await endRecordedServices(record.services)) io.out(line);
  }
  // Only what the record names, and only what still exists: never a sweep by name pattern.
  const present = presentNamespaces(record.namespaces, NETNS_DIR);
  // What still runs inside (`exec A sleep 1000 &`) would keep a deleted namespace alive, unreachable.
  const ending = await endProcessesIn(present, { netnsDir: NETNS_DIR });
  const node = (ns: string) =>
    record.prefix && ns.startsWith(`${record.prefix}-`) ? ns.slice(record.prefix.length + 1) : ns;
  for (const line of endingLines(ending, node)) io.out(line);
  const lines = [...back.deletions, ...present.map((ns) => `netns del ${ns}`)];
  const r = lines.length === 0 ? undefined : executor.runBlocking(batchArgv(undefined, true), `${lines.join("\n")}\n`);
  // A batch that refused nothing deleted every name it was given: looked at again only when one failed.
  const left = r === undefined || r.exitCode === 0 ? [] : present.filter((ns) => existsSync(join(NETNS_DIR, ns)));
  const held = back.stillHeld();
  const notGone = [...left, ...held.hostInterfaces, ...held.moved.map((m) => m.ifname)];
  if (notGone.length > 0) {
    io.err(`could not remove ${notGone.join(", ")}: ${r?.stderr.trim() ?? ""}`);
    return EXIT.failed;
  }
  removeRecord(runDir(), lab);
  const returned = claims.moved.length > 0 ? `, ${claims.moved.length} interfaces given back to the machine` : "";
  io.out(`removed lab '${lab}' (${present.length} namespaces${returned})`);
  return homeFailures.length > 0 ? EXIT.failed : EXIT.ok;
}

/** `netl clean`: remove every lab whose owner netl is gone, each exactly as `netl down` would. */
export async function cleanCommand(io: Io, rootless = false): Promise<number> {
  if (rootlessOutside(rootless)) {
    io.out(ROOTLESS_NO_CLEAN);
    // What root's netls left is root's to clean.
    const abandoned = listRecords(runDir()).some((r) => !pidAlive(r.pid));
    if (!abandoned || process.geteuid?.() === 0) return EXIT.ok;
  }
  if (!needRoot("clean", io)) return EXIT.usage;
  let code: number = EXIT.ok;
  let removed = 0;
  for (const record of listRecords(runDir())) {
    if (pidAlive(record.pid) && record.pid !== process.pid) continue;
    const lock = acquireLock(runDir(), record.lab);
    if (!lock.ok) continue; // a netl has just taken it over: it is not abandoned
    try {
      // Re-read under the lock: a netl that took the lab over in between owns it now.
      const now = readRecord(runDir(), record.lab);
      if (!now || (pidAlive(now.pid) && now.pid !== process.pid)) continue;
      const r = await removeLab(now, io);
      if (r === EXIT.ok) removed++;
      else code = EXIT.failed;
    } finally {
      lock.value();
    }
  }
  if (removed === 0 && code === EXIT.ok) io.out("no abandoned labs");
  return code;
}

/** `netl ls --json`: one lab as data (docs/JSON.md). */
function labJson(r: LabRecord) {
  const present = r.namespaces.filter((ns) => existsSync(join(NETNS_DIR, ns)));
  return {
    lab: r.lab,
    prefix: r.prefix ?? null,
    pid: r.pid,
    alive: pidAlive(r.pid),
    updated: r.updated,
    namespaces: [...r.namespaces],
    present,
    missing: r.namespaces.filter((ns) => !present.includes(ns)),
    hostInterfaces: [...(r.hostInterfaces ?? [])],
    moved: (r.moved ?? []).map((m) => ({ ifname: m.ifname, netns: m.netns })),
  };
}

export function lsCommand(io: Io, options: { json?: boolean; rootless?: boolean } = {}): number {
  const records = listRecords(runDir());
  if (options.json) {
    io.out(JSON.stringify(records.map(labJson)));
    return EXIT.ok;
  }
  const rootless = rootlessOutside(options.rootless ?? false);
  if (records.length === 0) {
    io.out(rootless ? `no labs under ${runDir()}; ${ROOTLESS_NOT_LISTED}` : "no labs");
    return EXIT.ok;
  }
  for (const r of records) {
    const present = r.namespaces.filter((ns) => existsSync(join(NETNS_DIR, ns))).length;
    const owner = pidAlive(r.pid) ? `netl pid ${r.pid} running` : "no netl running";
    const state = present === 0 ? "gone (no namespace left)" : `${present} namespaces up`;
    // What it holds on the machine itself, as the record says (netl down gives it back).
    const held = [
      ...(r.hostInterfaces?.length ? [`host ends ${r.hostInterfaces.join(" ")}`] : []),
      ...(r.moved?.length ? [`holds the machine's ${r.moved.map((m) => m.ifname).join(" ")}`] : []),
    ];
    io.out(`${r.lab}  ${[state, ...held].join(", ")}  (${owner}${r.prefix ? `, prefix ${r.prefix}` : ""})`);
  }
  if (rootless) io.out(io.c.dim(ROOTLESS_NOT_LISTED));
  return EXIT.ok;
}
