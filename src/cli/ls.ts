// `netl ls`: every lab that has a record under /run/netl, like `containerlab inspect` (present/ls.ts):
// read from the records, the World each netl kept (runtime/world-file.ts) and which namespaces exist.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../driver/exit.js";
import { type LabFacts, labJson, labLines } from "../present/ls.js";
import { ROOTLESS_NOT_LISTED } from "../present/rootless.js";
import { DEFAULT_RUN_DIR, type LabRecord, listRecords, pidAlive } from "../runtime/lab-record.js";
import { readWorld } from "../runtime/world-file.js";
import type { Io } from "./io.js";
import { rootlessOutside } from "./rootless.js";

const NETNS_DIR = "/run/netns";
export const runDir = (): string => process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;

export function labFacts(record: LabRecord, dir = runDir()): LabFacts {
  const world = readWorld(dir, record.lab);
  return {
    record,
    world: typeof world === "string" ? undefined : world,
    present: new Set(record.namespaces.filter((ns) => existsSync(join(NETNS_DIR, ns)))),
    alive: pidAlive(record.pid),
  };
}

export function lsCommand(io: Io, options: { json?: boolean; rootless?: boolean } = {}): number {
  const labs = listRecords(runDir()).map((r) => labFacts(r));
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
