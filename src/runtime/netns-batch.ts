// A stage's new namespaces in one process that journals each as it is made (native/netns.pl, through
// Executor.netns): a namespace netl made is never unknown to `netl down`, even when netl is SIGKILLed
// halfway through (the process runs in a group of its own and finishes its batch). Where it cannot run,
// `ip -batch` runs the same lines and netl journals what it made right after (a kill in between is
// the one window left there).
import { type BatchOutcome, runBatch, runLines } from "./batch.js";
import type { BatchPids } from "./batch-pids.js";
import type { Executor } from "./executor.js";
import { journalMade, readJournal } from "./netns-journal.js";
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
    return r.failures.length === 0 ? r : withJournaled(r, lines, journal.path);
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
 * A failed batch's namespaces that exist all the same, as done: the maker journals each right after it
 * is made, so one that is killed (no report of the line it stopped at) has still made those, and the
 * change's rollback must take them back.
 */
function withJournaled(r: BatchOutcome, lines: readonly PlannedLine[], path: string): BatchOutcome {
  const made = new Set(readJournal(path).map((n) => n.name));
  const done = new Set(r.done);
  lines.forEach((l, i) => {
    if (l.step.line[1] === "add" && made.has(l.step.line[2] as string)) done.add(i);
  });
  return { ...r, done: [...done].sort((a, b) => a - b) };
}
