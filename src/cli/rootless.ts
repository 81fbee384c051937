// Where a command that builds a lab runs: here, as root or already inside a rootless sandbox; else (a
// plain user, or --rootless) this very netl again, same node, script and arguments, inside a new
// sandbox (runtime/sandbox.ts), whose exit status becomes ours. Decided before the command's module
// loads, so the netl outside loads little.

import { EXIT } from "../driver/exit.js";
import { rootlessRefusal, sandboxFailure } from "../present/rootless.js";
import { insideSandbox, runInSandbox, usernsFacts } from "../runtime/sandbox.js";
import type { Io } from "./io.js";

/** Whether `down`, `ls` and `clean` speak of rootless labs: a plain user's netl, or --rootless, outside any sandbox. */
export const rootlessOutside = (flag: boolean): boolean => !insideSandbox() && (flag || process.geteuid?.() !== 0);

/**
 * `command` is the sub-command, or "" for the REPL. The exit status when the command ran in a sandbox
 * or cannot run at all; undefined when it runs here.
 */
export async function elsewhere(command: string, flag: boolean | undefined, io: Io): Promise<number | undefined> {
  if (insideSandbox() || (process.geteuid?.() === 0 && flag !== true)) return undefined;
  const facts = usernsFacts();
  const netl = command === "" ? "netl" : `netl ${command}`;
  const refused = rootlessRefusal(netl, facts);
  if (refused) {
    for (const line of refused) io.err(line);
    return EXIT.usage;
  }
  const run = await runInSandbox([process.execPath, ...process.execArgv, ...process.argv.slice(1)]);
  if (run.started) return run.exitCode;
  for (const line of sandboxFailure(netl, facts, run.error)) io.err(line);
  return EXIT.usage;
}
