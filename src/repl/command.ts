// `netl` and `netl -i FILE`: the live REPL on this process's terminal (or piped input), as root.
import type { Program } from "../../grammar/ast.js";
import type { Driver } from "../driver/driver.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { openLab } from "../driver/setup.js";
import { defaultLab, readProgram, type Source } from "../driver/source.js";
import { hostStem } from "../interpreter/host-names.js";
import { OUTPUT_GONE } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { renderError } from "../present/render-error.js";
import { ROOTLESS_NO_KEEP } from "../present/rootless.js";
import { insideSandbox } from "../runtime/sandbox-env.js";
import { type ServeFlags, serveAt, wantsPage } from "../serve/at.js";
import { historyPath } from "./history.js";
import { HANGUP_SIGNALS, type HangupSignal, runRepl } from "./run.js";

export interface ReplFlags extends ServeFlags {
  readonly interactive?: string;
  readonly prefix?: string;
  readonly lab?: string;
  readonly explain?: boolean;
  readonly keep?: boolean;
}

/** Real SIGINTs reach us while the terminal is not in raw mode (piped input, the -i file, leaving). */
function processSignal(listener: () => void): () => void {
  process.on("SIGINT", listener);
  return () => {
    process.off("SIGINT", listener);
  };
}

/**
 * The terminal closing (SIGHUP), a polite kill (SIGTERM), or the reader of the output gone (told as
 * OUTPUT_GONE by process-run.ts, SIGPIPE's status): leave as with Ctrl-D, removing the lab; the exit status says which.
 */
function processHangup(listener: (signal: HangupSignal) => void): () => void {
  const listeners = HANGUP_SIGNALS.map(
    (signal) => [signal === "SIGPIPE" ? OUTPUT_GONE : signal, () => listener(signal)] as const,
  );
  for (const [signal, on] of listeners) process.on(signal, on);
  return () => {
    for (const [signal, on] of listeners) process.off(signal, on);
  };
}

/** A terminal that went away makes writes fail; the teardown must still run. */
const ignoreBrokenOutput = (e: NodeJS.ErrnoException) => {
  if (e.code !== "EIO" && e.code !== "EPIPE") throw e;
};

export async function replCommand(flags: ReplFlags, io: Io): Promise<number> {
  if (!needRoot("", io)) return EXIT.usage;
  const lab = flags.lab ?? defaultLab(flags.interactive, flags.prefix);
  let file: { source: Source; program: Program } | undefined;
  if (flags.interactive !== undefined) {
    file = readProgram(flags.interactive, io, { stem: hostStem(lab, flags.prefix) });
    if (!file) return EXIT.usage;
  }
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
  try {
    return await replOnProcess(opened.value, lab, keep, io, file);
  } finally {
    await page?.close();
  }
}

/** The REPL on this process's terminal (or piped input) for a lab already open: `netl`, `netl attach`. */
export function replOnProcess(
  driver: Driver,
  lab: string,
  keep: boolean,
  io: Io,
  file?: { source: Source; program: Program },
): Promise<number> {
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  process.stdout.on("error", ignoreBrokenOutput);
  process.stderr.on("error", ignoreBrokenOutput);
  const history = historyPath();
  if (terminal && history.note) io.err(io.c.yellow(history.note));
  return runRepl({
    driver,
    lab,
    keep,
    io,
    input: process.stdin,
    output: process.stdout,
    terminal,
    ...(history.path !== undefined ? { historyFile: history.path } : {}),
    ...(file ? { file } : {}),
    onSignal: processSignal,
    onHangup: processHangup,
  });
}
