// The REPL's persistent history: ~/.netl_history, or the file NETL_HISTORY names (empty: none).
import { homedir } from "node:os";
import { join } from "node:path";
import type { REPLServer } from "node:repl";

export function historyPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string | undefined {
  const chosen = env.NETL_HISTORY;
  if (chosen !== undefined) return chosen.trim() === "" ? undefined : chosen;
  return join(home, ".netl_history");
}

/**
 * Load the history file into the REPL and keep it written (node:repl does this on a terminal only).
 * A file that cannot be opened costs the history, never the session: the reason is returned.
 */
export function setupHistory(server: REPLServer, path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    server.setupHistory(path, (err) => resolve(err ? `history is not kept: ${err.message}` : undefined));
  });
}
