// A stage's later batch processes, started as soon as its first one runs (prestart.ts): each forks
// and compiles while the kernel does the first one's work, then waits for its own input. Builds only:
// a rollback's or teardown's processes start when they are needed.
import { batchArgv } from "./batch.js";
import type { Executor } from "./executor.js";
import type { Journal } from "./netns-batch.js";
import type { PlannedLine } from "./stages.js";

/** At most this many waiting at once: a terminal's progress cuts a large build into many processes. */
const AHEAD = 6;

/** The argv a run of creations goes to (as apply.ts runs it), or undefined for one that starts no batch. */
function creationArgv(executor: Executor, journal: Journal | undefined, lines: readonly PlannedLine[]) {
  const tool = lines[0]?.step.tool;
  if (tool === undefined || tool === "proc" || tool === "conf") return undefined;
  if (tool === "netns") return (journal && executor.netns?.(false, journal.path)) ?? batchArgv(undefined, false, "ip");
  return batchArgv(undefined, false, tool);
}

/**
 * Start the processes of a build's stage after the first: its creations' (one a run) and `groups`
 * rtnetlink helpers (`rtnl`). `lead`: how many of those the caller has started already.
 */
export function startAhead(
  executor: Executor,
  journal: Journal | undefined,
  creations: readonly (readonly PlannedLine[])[],
  rtnl: readonly string[] | undefined,
  groups: number,
  lead: number,
): void {
  if (executor.prestart === undefined) return;
  const argvs = [
    ...creations.map((lines) => creationArgv(executor, journal, lines)),
    ...Array.from({ length: rtnl ? groups : 0 }, () => rtnl),
  ];
  for (const argv of argvs.slice(lead, lead + AHEAD)) if (argv !== undefined) executor.prestart(argv);
}
