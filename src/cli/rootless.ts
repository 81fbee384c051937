// Where a command that builds a lab runs: here, as root or already inside a rootless sandbox; else (a
// plain user, or --rootless) this very netl again, same node, script and arguments, inside a new
// sandbox (runtime/sandbox.ts), whose exit status becomes ours. Decided before the command's module
// loads, so the netl outside loads little.

import type { Server } from "node:net";
import { EXIT } from "../driver/exit.js";
import { rootlessRefusal, sandboxFailure } from "../present/rootless.js";
import { runInSandbox, usernsFacts } from "../runtime/sandbox.js";
import { insideSandbox } from "../runtime/sandbox-env.js";
import { SERVE_FD_ENV, type ServeFlags, serveAt } from "../serve/at.js";
import type { Io } from "./io.js";

/** A socket listening where the page is to be; null (said why) when it cannot. */
async function listenOutside(flags: ServeFlags, io: Io): Promise<Server | null> {
  const { createServer } = await import("node:net");
  const at = serveAt(flags, {});
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      io.err(
        `netl: cannot serve the page on ${at.host}:${at.port}: ${e.code === "EADDRINUSE" ? "the port is in use" : e.message}`,
      );
      resolve(null);
    });
    server.listen(at.port, at.host, () => resolve(server));
  });
}

/** Whether `down`, `ls` and `clean` speak of rootless labs: a plain user's netl, or --rootless, outside any sandbox. */
export const rootlessOutside = (flag: boolean): boolean => !insideSandbox() && (flag || process.geteuid?.() !== 0);

/**
 * `command` is the sub-command, or "" for the REPL. The exit status when the command ran in a sandbox
 * or cannot run at all; undefined when it runs here.
 */
export async function elsewhere(
  command: string,
  flag: boolean | undefined,
  io: Io,
  page?: ServeFlags,
): Promise<number | undefined> {
  if (insideSandbox() || (process.geteuid?.() === 0 && flag !== true)) return undefined;
  const facts = usernsFacts();
  const netl = command === "" ? "netl" : `netl ${command}`;
  const refused = rootlessRefusal(netl, facts);
  if (refused) {
    for (const line of refused) io.err(line);
    return EXIT.usage;
  }
  // The sandbox's 127.0.0.1 is its own: the live page listens here, on the machine's, and netl inside
  // serves on that very socket.
  const listening = page ? await listenOutside(page, io) : undefined;
  if (listening === null) return EXIT.usage;
  const env = listening ? { ...process.env, [SERVE_FD_ENV]: "4" } : process.env;
  const run = await runInSandbox([process.execPath, ...process.execArgv, ...process.argv.slice(1)], env, listening);
  if (run.started) return run.exitCode;
  for (const line of sandboxFailure(netl, facts, run.error)) io.err(line);
  return EXIT.usage;
}
