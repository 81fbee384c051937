// A script's build starts with its namespaces: the namespace maker (native/netns.pl), started before
// the script is read (prestart.ts), so that perl's start overlaps reading and checking it. The stage's
// later processes start once it runs (prestart-stage.ts).
import { netnsArgv } from "./netns-helper.js";
import { journalPath } from "./netns-journal.js";
import { Prestarted } from "./prestart.js";

/** The namespace maker of a build of lab `lab` (its journal under `runDir`), started now. */
export function prestartBuild(runDir: string, lab: string): Prestarted {
  const pool = new Prestarted();
  const argv = netnsArgv(false, journalPath(runDir, lab));
  if (argv !== undefined) pool.start(argv);
  return pool;
}
