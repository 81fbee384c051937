// A lab that is up, found for `netl attach`, `show`, `exec` and `shell`: its record under /run/netl,
// the World its netl kept, and a node of it. Each refusal in one line, with what to do instead.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../driver/exit.js";
import type { World } from "../interpreter/world.js";
import { standings } from "../runtime/identity.js";
import { labNameProblem } from "../runtime/lab-name.js";
import { type LabRecord, readRecord } from "../runtime/lab-record.js";
import { namespaceName } from "../runtime/session-types.js";
import { readWorld } from "../runtime/world-file.js";
import { nearest } from "../suggest.js";
import type { Io } from "./io.js";
import { runDir } from "./ls.js";
import { rootlessOutside } from "./rootless.js";

export const NETNS_DIR = "/run/netns";

export interface LabUp {
  readonly record: LabRecord;
  readonly world: World;
}

/** `netl attach`, `exec`, `shell` as a plain user: root's labs need root, and a rootless lab is out of reach. */
export function refuseRootless(command: string, lab: string, io: Io): boolean {
  if (!rootlessOutside(false)) return false;
  io.err(
    `netl ${command} needs root for a lab under ${runDir()} (sudo netl ${command} ${lab} …); a rootless lab lives only inside the netl that built it: work in it in that netl's REPL`,
  );
  return true;
}

/** The lab's record and World; undefined (and said why) when there is no such lab or no World of it. */
export function findLab(lab: string, io: Io): LabUp | { readonly code: number } {
  const bad = labNameProblem(lab);
  if (bad !== undefined) {
    io.err(`netl: ${bad}`);
    return { code: EXIT.usage };
  }
  const record = readRecord(runDir(), lab);
  if (record === undefined) {
    io.err(`no lab '${lab}' is up (nothing under ${runDir()}); 'netl ls' lists the labs`);
    return { code: EXIT.failed };
  }
  const world = readWorld(runDir(), lab);
  if (typeof world === "string") {
    io.err(
      `lab '${lab}' has no model netl can read (${world === "missing" ? "its netl kept none: an older netl" : "written by another version of netl"}); netl down ${lab} removes it`,
    );
    return { code: EXIT.failed };
  }
  return { record, world };
}

/** The kernel name of a node's namespace; undefined (and said why) when the lab has no such node or it is gone. */
export function nodeNamespace(up: LabUp, node: string, io: Io): string | undefined {
  const { record, world } = up;
  if (!world.nodes.has(node)) {
    const guess = nearest(node, world.nodes.keys());
    const nodes = [...world.nodes.keys()].join(", ") || "none";
    io.err(`lab '${record.lab}' has no node '${node}' (${guess ? `did you mean '${guess}'?` : `its nodes: ${nodes}`})`);
    return undefined;
  }
  const ns = namespaceName(record.prefix)(node);
  // Only the very namespace the lab made: a command of the user's never runs in another of its name.
  const id = record.namespaces.find((n) => n.name === ns);
  const standing = id === undefined ? undefined : standings([id], NETNS_DIR)[0];
  if (standing?.kind === "other" || standing?.kind === "machine") {
    io.err(
      `${node}'s namespace ${ns} is no longer the lab's (another namespace has its name now); netl runs nothing there`,
    );
    return undefined;
  }
  if (!existsSync(join(NETNS_DIR, ns))) {
    io.err(`${node}'s namespace ${ns} is gone; netl down ${record.lab} removes what is left of the lab`);
    return undefined;
  }
  return ns;
}
