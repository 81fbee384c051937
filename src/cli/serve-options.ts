// The live page's flags: `--serve` (run, the REPL, tutorial), `--port` and `--listen` (and `netl serve`).
// Kept apart from the page itself, which loads only when a page is asked for.
import { type Command, InvalidArgumentError } from "commander";

export { type ServeFlags, wantsPage } from "../serve/at.js";

function checkPort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("a port is 0 to 65535 (0: a free one).");
  return n;
}

export function serveOptions(cmd: Command, serveFlag = true): Command {
  if (serveFlag) cmd.option("--serve", "serve the lab's live page on 127.0.0.1 (a free port, printed)");
  return cmd
    .option("--port <N>", "the live page's port (default: a free one)", checkPort)
    .option("--listen <ADDR>", "serve the live page on ADDR instead of 127.0.0.1 (others can then reach it)");
}
