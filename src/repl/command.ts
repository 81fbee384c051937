// `netl` and `netl -i FILE`: the live REPL on this process's terminal (or piped input), as root.
import type { Program } from "../../grammar/ast.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { openLab } from "../driver/setup.js";
import { labNameFor, readProgram, type Source } from "../driver/source.js";
import type { Io } from "../present/io.js";
import { renderError } from "../present/render-error.js";
import { ROOTLESS_NO_KEEP } from "../present/rootless.js";
import { insideSandbox } from "../runtime/sandbox.js";
import { type ServeFlags, serveAt, wantsPage } from "../serve/at.js";
import { historyPath } from "./history.js";
import { runRepl } from "./run.js";

export interface ReplFlags extends ServeFlags {
  readonly interactive?: string;
  readonly prefix?: string;
  readonly lab?: string;
  readonly explain?: boolean;
  readonly keep?: boolean;
}

export const DEFAULT_LAB = "netl";

/** Real SIGINTs reach us while the terminal is not in raw mode (piped input, the -i file, leaving). */
function processSignal(listener: () => void): () => void {
  process.on("SIGINT", listener);
  return () => {
    process.off("SIGINT", listener);
  };
}

/** The terminal closing (SIGHUP) or a polite kill (SIGTERM): leave as with Ctrl-D, removing the lab. */
function processHangup(listener: () => void): () => void {
  process.on("SIGHUP", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGHUP", listener);
    process.off("SIGTERM", listener);
  };
}

/** A terminal that went away makes writes fail; the teardown must still run. */
const ignoreBrokenOutput = (e: NodeJS.ErrnoException) => {
  if (e.code !== "EIO" && e.code !== "EPIPE") throw e;
};

export async function replCommand(flags: ReplFlags, io: Io): Promise<number> {
  if (!needRoot("", io)) return EXIT.usage;
  let file: { source: Source; program: Program } | undefined;
  if (flags.interactive !== undefined) {
    file = readProgram(flags.interactive, io);
    if (!file) return EXIT.usage;
  }
  const lab = flags.lab ?? (flags.interactive !== undefined ? labNameFor(flags.interactive) : DEFAULT_LAB);
  // --serve: the page first (it follows the lab from its first statement, and the `serve` statement says where).
  const page = wantsPage(flags) ? await (await import("../serve/start.js")).startPage(flags, io) : undefined;
  if (wantsPage(flags) && page === undefined) return EXIT.usage;
  const opened = openLab({ lab, prefix: flags.prefix, explain: flags.explain, page, serveAt: serveAt(flags) }, io);
  if (!opened.ok) {
    await page?.close();
    io.err(renderError(opened.error, undefined, "", io.c));
    return EXIT.usage;
  }
  // A rootless lab cannot outlive its sandbox.
  const keep = (flags.keep ?? false) && !insideSandbox();
  if (flags.keep && !keep) io.err(ROOTLESS_NO_KEEP);
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  process.stdout.on("error", ignoreBrokenOutput);
  process.stderr.on("error", ignoreBrokenOutput);
  const history = historyPath();
  try {
    return await runRepl({
      driver: opened.value,
      lab,
      keep,
      io,
      input: process.stdin,
      output: process.stdout,
      terminal,
      ...(history !== undefined ? { historyFile: history } : {}),
      ...(file ? { file } : {}),
      onSignal: processSignal,
      onHangup: processHangup,
    });
  } finally {
    await page?.close();
  }
}
