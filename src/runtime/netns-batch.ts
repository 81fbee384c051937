// A stage's new namespaces in one process that journals each as it is made (native/netns.pl, through
// Executor.netns): a namespace netl made is never unknown to `netl down`, even when netl is SIGKILLed
// halfway through (the process runs in a group of its own and finishes its batch). Where it cannot run,
// `ip -batch` runs the same lines and netl journals what it made right after (a kill in between is
// the one window left there).
import { type BatchOutcome, runBatch, runLines } from "./batch.js";
import type { BatchPids } from "./batch-pids.js";
import type { Executor } from "./executor.js";
import { identitiesNow, removeRemains, sameNs } from "./identity.js";
import { journalEntries, journalMade } from "./netns-journal.js";
import type { PlannedLine } from "./stages.js";

/** Where a change's new namespaces are written down: the journal, and where their names live. */
export interface Journal {
  readonly path: string;
  readonly netnsDir: string;
}

/** Run `netns add` lines: through the executor's journaling helper, else `ip -batch` and the journal written after. */
export async function runNetnsAdds(
  executor: Executor,
  lines: readonly PlannedLine[],
  force: boolean,
  journal: Journal | undefined,
  batches?: BatchPids,
): Promise<BatchOutcome> {
  const argv = journal && executor.netns?.(force, journal.path);
  if (journal && argv) {
    const input = `${lines.map((l) => l.step.line.join(" ")).join("\n")}\n`;
    const r = await runLines(executor, argv, input, lines, force, batches);
    return r.failures.length === 0 ? r : withJournaled(r, lines, journal);
  }
  const r = await runBatch(executor, undefined, lines, force, batches);
  if (journal)
    journalMade(
      journal.path,
      r.done.map((i) => (lines[i] as PlannedLine).step.line[2] as string),
      journal.netnsDir,
    );
  return r;
}

/**
 * A failed batch's namespaces that exist all the same, as done: the maker journals each before its name
 * holds it, so one that is killed (no report of the line it stopped at) has still made those, and the
 * change's rollback must take them back. A journaled name that does not hold its namespace holds nothing
 * of the lab's, or the file the maker was killed before binding, removed here.
 */
function withJournaled(r: BatchOutcome, lines: readonly PlannedLine[], journal: Journal): BatchOutcome {
  const journaled = journalEntries(journal.path);
  const names = lines.map((l) => (l.step.line[1] === "add" ? (l.step.line[2] as string) : undefined));
  const ids = names.flatMap((n) => journaled.get(n ?? "")?.id ?? []);
  const now = identitiesNow(
    ids.map((id) => id.name),
    journal.netnsDir,
  );
  const made = new Set(ids.filter((id) => sameNs(now.get(id.name), id)).map((id) => id.name));
  for (const id of ids) if (!made.has(id.name)) removeRemains(id.name, journal.netnsDir, journaled.get(id.name)?.file);
  const done = new Set(r.done);
  names.forEach((name, i) => {
    if (name !== undefined && made.has(name)) done.add(i);
  });
  return { ...r, done: [...done].sort((a, b) => a - b) };
}
