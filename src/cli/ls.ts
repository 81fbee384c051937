// `netl ls`: every lab that has a record under /run/netl, like `containerlab inspect` (present/ls.ts):
// read from the records, the World each netl kept (runtime/world-file.ts), whether a netl holds the
// lab (its lock), and which of the namespaces it made are still there and still its own (identity).
import { EXIT } from "../driver/exit.js";
import { type LabFacts, labJson, labLines } from "../present/ls.js";
import { ROOTLESS_NOT_LISTED } from "../present/rootless.js";
import { standings } from "../runtime/identity.js";
import { lockPath, namedHolder } from "../runtime/lab-lock.js";
import { DEFAULT_RUN_DIR, type LabRecord, listRecords, lockHeld } from "../runtime/lab-record.js";
import { readWorld } from "../runtime/world-file.js";
import { skipped } from "./admin.js";
import type { Io } from "./io.js";
import { madeNamespaces, NETNS_DIR } from "./remove-lab.js";
import { rootlessOutside } from "./rootless.js";

export const runDir = (): string => process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;

export function labFacts(record: LabRecord, dir = runDir()): LabFacts {
  const world = readWorld(dir, record.lab);
  const stand = standings(madeNamespaces(dir, record.lab, record), NETNS_DIR);
  const held = lockHeld(dir, record.lab);
  return {
    record,
    world: typeof world === "string" ? undefined : world,
    namespaces: stand.map((s) => s.id.name),
    present: new Set(stand.filter((s) => s.kind === "ours").map((s) => s.id.name)),
    others: stand.filter((s) => s.kind === "other" || s.kind === "machine").map((s) => s.id.name),
    alive: held,
    holder: held ? namedHolder(lockPath(dir, record.lab)) : undefined,
  };
}

export function lsCommand(io: Io, options: { json?: boolean; rootless?: boolean } = {}): number {
  const { records, invalid } = listRecords(runDir());
  for (const { file, problem } of invalid) io.err(skipped(file, problem));
  const labs = records.map((r) => labFacts(r));
  if (options.json) {
    io.out(JSON.stringify(labs.map(labJson)));
    return EXIT.ok;
  }
  const rootless = rootlessOutside(options.rootless ?? false);
  if (labs.length === 0) {
    io.out(rootless ? `no labs under ${runDir()}; ${ROOTLESS_NOT_LISTED}` : "no labs");
    return EXIT.ok;
  }
  labs.forEach((facts, i) => {
    if (i > 0) io.out("");
    for (const line of labLines(facts)) io.out(line);
  });
  if (rootless) io.out(io.c.dim(ROOTLESS_NOT_LISTED));
  return EXIT.ok;
}
