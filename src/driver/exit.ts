// Exit statuses and the root check every front end (the CLI, the REPL, the tutorial) shares; a module
// of its own so that commands which load little (`netl down`, `netl ls`) need not load the live
// runtime to name a status.
import type { Io } from "../present/io.js";

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** `command` is the sub-command, or "" for the REPL (plain `netl`). */
export function needRoot(command: string, io: Io): boolean {
  if (process.geteuid?.() === 0) return true;
  const netl = command === "" ? "netl" : `netl ${command}`;
  io.err(
    `${netl} needs root: it creates network namespaces. Run it as root (sudo ${netl} …), or use 'netl plan' / 'netl check', which need no root.`,
  );
  return false;
}
