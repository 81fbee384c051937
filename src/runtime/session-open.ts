// Opening a lab: its name must be a lab name (never a path), its lock is taken (lab-lock.ts), and a
// lab that is up already is refused: one whose record holds anything, whose record cannot be read,
// or whose journal lists namespaces a killed netl made.
import { fail, netlError, type Result } from "../diagnostic.js";
import { LAB_NAME_RULE, labNameProblem, shownName } from "./lab-name.js";
import { acquireLock, type LabRecord, readRecordFile, removeTemps } from "./lab-record.js";
import { journalPath, readJournal } from "./netns-journal.js";
import type { SessionOptions } from "./session-types.js";

/** The lab's lock, taken (the function releases it), or why the lab cannot be opened. */
export function openLock(options: SessionOptions): Result<() => void> {
  const { lab, runDir } = options;
  const bad = labNameProblem(lab);
  if (bad !== undefined)
    return fail(netlError("usage", "lab-name", bad, { hint: `name the lab with --lab NAME (${LAB_NAME_RULE})` }));
  const lock = acquireLock(runDir, lab, options.lockTaken);
  if (!lock.ok) return lock;
  const refuse = (message: string, hint: string) => {
    lock.value();
    return fail(netlError("usage", "lab-exists", message, { hint }));
  };
  const existing = readRecordFile(runDir, lab);
  if (existing.kind === "invalid")
    return refuse(
      `lab '${lab}' has a record netl cannot read (${shownName(existing.file)} under ${runDir}: ${existing.problem})`,
      "netl acts on no record it cannot read: see what it lists, remove what is left of that lab by hand, then the file",
    );
  const record = existing.kind === "ok" ? existing.record : undefined;
  const held = (record?.hostInterfaces?.length ?? 0) + (record?.moved?.length ?? 0);
  // A netl killed while it built the lab may have made namespaces its record does not list yet.
  const names = new Set([...(record?.namespaces ?? []), ...readJournal(journalPath(runDir, lab))].map((n) => n.name));
  if (names.size + held > 0)
    return refuse(
      `lab '${lab}' is already up (${names.size} namespace${names.size === 1 ? "" : "s"})`,
      `take it down first: netl down ${lab}`,
    );
  // What a netl killed before it opened this lab left (a new lock file made while it read its script).
  removeTemps(runDir, lab);
  return lock;
}

/** `netl attach`: the lab's lock and its record, or why there is no lab to attach to. */
export function attachLock(options: SessionOptions): Result<{ release: () => void; record: LabRecord }> {
  const { lab, runDir } = options;
  const bad = labNameProblem(lab);
  if (bad !== undefined)
    return fail(netlError("usage", "lab-name", bad, { hint: `name the lab with --lab NAME (${LAB_NAME_RULE})` }));
  // A netl still at work in the lab holds this lock: the refusal names its pid.
  const lock = acquireLock(runDir, lab);
  if (!lock.ok) return lock;
  const refuse = (code: string, message: string, hint: string) => {
    lock.value();
    return fail(netlError("usage", code, message, { hint }));
  };
  const read = readRecordFile(runDir, lab);
  if (read.kind === "invalid")
    return refuse(
      "lab-record",
      `lab '${lab}' has a record netl cannot read (${shownName(read.file)} under ${runDir}: ${read.problem})`,
      "netl acts on no record it cannot read",
    );
  if (read.kind !== "ok") return refuse("no-lab", `no lab '${lab}' is up`, "netl ls lists the labs that are up");
  return { ok: true, value: { release: lock.value, record: read.record } };
}
