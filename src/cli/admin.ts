// `netl down LAB` and `netl clean`: labs left up by `netl run`, `--keep` or `attach`, or by a netl that was killed.
// A lab name is a name (never a path); a record that is not one is reported by name and skipped; whether
// a netl holds a lab is asked of its lock (runtime/lab-lock.ts), never of a pid.
import { closeSync } from "node:fs";
import { EXIT, needRoot } from "../driver/exit.js";
import { ROOTLESS_NO_CLEAN, rootlessDown } from "../present/rootless.js";
import { openNewLock } from "../runtime/lab-lock.js";
import { labNameProblem, shownName } from "../runtime/lab-name.js";
import {
  acquireLock,
  DEFAULT_RUN_DIR,
  listRecords,
  lockHeld,
  readRecordFile,
  removeTemps,
  tempFiles,
} from "../runtime/lab-record.js";
import { startDeleter } from "../runtime/netns-del.js";
import { journalPath, readJournal } from "../runtime/netns-journal.js";
import type { Io } from "./io.js";
import { NETNS_DIR, removeLab } from "./remove-lab.js";
import { rootlessOutside } from "./rootless.js";

const runDir = () => process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;

export const skipped = (file: string, problem: string) => `skipped ${shownName(file)}: ${problem}`;

/** `rootless`: --rootless was given (a plain user's netl is rootless without it). */
export async function downCommand(lab: string, io: Io, rootless = false): Promise<number> {
  const bad = labNameProblem(lab);
  if (bad !== undefined) {
    io.err(`netl down: ${bad}`);
    return EXIT.usage;
  }
  const found = readRecordFile(runDir(), lab);
  const journal = readJournal(journalPath(runDir(), lab));
  // Files alone (a netl killed as it opened the lab) are a lab too: removed as any.
  const exists = found.kind !== "absent" || journal.length > 0 || tempFiles(runDir()).has(lab);
  // A rootless lab lives inside its netl's sandbox, never under the machine's /run/netl.
  if (rootlessOutside(rootless)) {
    io.err(rootlessDown(lab, exists, process.geteuid?.() === 0));
    return exists ? EXIT.usage : EXIT.failed;
  }
  if (!needRoot("down", io)) return EXIT.usage;
  if (!exists) {
    io.err(`no lab '${lab}' (nothing under ${runDir()}); 'netl ls' lists the labs`);
    return EXIT.failed;
  }
  // One process takes the lock on a new lock file of this netl's and then deletes the namespaces
  // (runtime/netns-del.ts); where it cannot run, `flock` and `ip` do (acquireLock, removeLab).
  const own = openNewLock(runDir(), lab);
  const deleter = typeof own === "number" ? startDeleter(NETNS_DIR, { lockFd: own }) : undefined;
  if (deleter === undefined && typeof own === "number") closeSync(own);
  const first = await deleter?.held;
  const lock = acquireLock(runDir(), lab, first);
  if (!lock.ok) {
    deleter?.close();
    const { renderError } = await import("../present/render-error.js");
    io.err(renderError(lock.error, undefined, "", io.c));
    return EXIT.failed;
  }
  try {
    // Read again under the lock: the netl that held it may have changed it before it let go.
    const now = readRecordFile(runDir(), lab);
    if (now.kind === "invalid") {
      deleter?.close();
      io.err(skipped(now.file, now.problem));
      return EXIT.failed;
    }
    // A helper that could not take the lock (it failed to start) is not used; removeLab starts another.
    const helper = first?.kind === "held" ? deleter : undefined;
    return await removeLab(runDir(), lab, now.kind === "ok" ? now.record : undefined, io, helper);
  } finally {
    lock.value();
  }
}

/** `netl clean`: remove every lab no netl holds, each exactly as `netl down` would; go on past any that fails. */
export async function cleanCommand(io: Io, rootless = false): Promise<number> {
  const dir = runDir();
  const listing = listRecords(dir);
  if (rootlessOutside(rootless)) {
    io.out(ROOTLESS_NO_CLEAN);
    // What root's netls left is root's to clean.
    const abandoned = listing.records.some((r) => !lockHeld(dir, r.lab));
    if (!abandoned || process.geteuid?.() === 0) return EXIT.ok;
  }
  if (!needRoot("clean", io)) return EXIT.usage;
  let code: number = EXIT.ok;
  let removed = 0;
  for (const { file, problem } of listing.invalid) {
    io.err(skipped(file, problem));
    code = EXIT.failed;
  }
  const labs = new Set([...listing.records.map((r) => r.lab), ...tempFiles(dir).keys()]);
  for (const lab of [...labs].sort()) {
    // Held by a running netl (the lock says so, whatever pid its file names): not abandoned.
    const lock = acquireLock(dir, lab);
    if (!lock.ok) continue;
    try {
      // Read again under the lock: a netl that took the lab over in between and let go changed it.
      const now = readRecordFile(dir, lab);
      if (now.kind === "invalid") continue;
      if (now.kind === "absent") {
        // No record: what a netl killed as it opened the lab left. Said, so "no abandoned labs" stays true.
        const files = removeTemps(dir, lab);
        if (files.length > 0) {
          io.out(`removed what a netl killed as it opened lab '${lab}' left (${files.join(", ")})`);
          removed++;
        }
        continue;
      }
      const r = await removeLab(dir, lab, now.record, io);
      if (r === EXIT.ok) removed++;
      else code = EXIT.failed;
    } finally {
      lock.value();
    }
  }
  if (removed === 0 && code === EXIT.ok) io.out("no abandoned labs");
  return code;
}
