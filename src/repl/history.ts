// The REPL's persistent history: ~/.netl_history (HOME only when it is the user's own: runtime/own-home.ts),
// or the file NETL_HISTORY names (empty: none). netl reads and writes it itself, never through node:repl's
// writer, which follows a symbolic link and cuts the file it reaches: only a regular file is read back,
// and every change is a new file renamed into place (runtime/safe-write.ts), never written through a link.
import { join } from "node:path";
import type { REPLServer } from "node:repl";
import { type OwnHome, ownHome } from "../runtime/own-home.js";
import { readSafely, writeSafely } from "../runtime/safe-write.js";

/** Lines kept, as node:repl's own default would with netl's historySize (server.ts). */
const KEPT = 1000;
/** More than KEPT long lines; the rest of a file that big is not read. */
const READ_AT_MOST = 1 << 20;

export interface HistoryPlace {
  readonly path?: string;
  /** Why HOME was passed over, said once as the REPL starts. */
  readonly note?: string;
}

export function historyPath(env: NodeJS.ProcessEnv = process.env, home: OwnHome = ownHome(env)): HistoryPlace {
  const chosen = env.NETL_HISTORY;
  if (chosen !== undefined) return chosen.trim() === "" ? {} : { path: chosen };
  if (home.dir === undefined) return home.note ? { note: home.note } : {};
  return { path: join(home.dir, ".netl_history"), ...(home.note ? { note: home.note } : {}) };
}

/**
 * Load the history file into the REPL and keep it written, newest line first (node:repl's format).
 * A file that cannot be kept costs the history, never the session: the reason is returned, once.
 */
export function setupHistory(server: REPLServer, path: string, onProblem: (why: string) => void): void {
  const text = readSafely(path, READ_AT_MOST) ?? "";
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const history = (server as unknown as { history: string[] }).history;
  history.splice(0, history.length, ...lines.slice(0, KEPT));
  let failed = false;
  server.on("history", (now: string[]) => {
    if (failed) return;
    const refused = writeSafely(path, `${now.slice(0, KEPT).join("\n")}\n`, { mode: 0o600 });
    if (refused === undefined) return;
    failed = true;
    onProblem(`history is not kept: ${refused.message}`);
  });
}
