// A live lab opened for a front end (`netl run`/`test`, the REPL, the tutorial), set up one way: the
// real executor, the run directory (NETL_RUN_DIR or /run/netl), kernel commands and notes printed
// unless the front end takes them, a progress bar on a terminal when asked.
import { fail, type Result } from "../diagnostic.js";
import { emptyWorld } from "../interpreter/world.js";
import { captureLine } from "../present/capture.js";
import { pictureOf } from "../present/graph-model.js";
import type { Io } from "../present/io.js";
import { progressBar } from "../present/progress.js";
import { shellLine } from "../present/shell-line.js";
import type { CaptureEvent } from "../runtime/captures.js";
import { ProcessExecutor } from "../runtime/executor.js";
import type { LockOutcome } from "../runtime/flock.js";
import { DEFAULT_RUN_DIR } from "../runtime/lab-record.js";
import { LiveFeed } from "../runtime/live-feed.js";
import type { Prestarted } from "../runtime/prestart.js";
import { type BuildStart, prestartBuild } from "../runtime/prestart-build.js";
import type { ServeAt } from "../serve/at.js";
import type { LivePage } from "../serve/page.js";
import { Driver, type DriverOptions } from "./driver.js";

export interface LiveSetup {
  readonly lab: string;
  readonly prefix?: string | undefined;
  /** Kernel commands reach `onCommand` from the start (`--explain`). */
  readonly explain?: boolean | undefined;
  /** Where each kernel command goes while explain is on; by default `$ ip …`, dim, on io.out. */
  readonly onCommand?: (argv: readonly string[]) => void;
  /** Where notes go (processes netl ended); by default yellow on io.out. */
  readonly onNote?: (line: string) => void;
  /** A bar for long changes on standard error, when it is a terminal: nothing extra when it is piped. */
  readonly progress?: boolean;
  /** Where what captures see goes; by default a line each on io.out (printCapture). */
  readonly onCapture?: (event: CaptureEvent) => void;
  /** The live page the front end serves (`--serve`): it follows this lab. */
  readonly page?: LivePage | undefined;
  /** Where a `serve` statement listens. */
  readonly serveAt?: ServeAt | undefined;
  /** A script's build helpers, started while it was read and checked (prestartFor). */
  readonly prestarted?: Prestarted | undefined;
  /** The lab's lock, as one of them took it (prestartFor). */
  readonly lockTaken?: LockOutcome | undefined;
}

const runDirNow = () => process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;

/**
 * Start the helpers a script's build runs (prestart-build.ts) before the script is read, so that their
 * start overlaps reading and checking it; `netl run` and `netl test` hand them to openLab.
 */
export const prestartFor = (lab: string): BuildStart => prestartBuild(runDirNow(), lab);

/** A capture's packets and its end as lines on io.out, in the reader's language. */
export const printCapture =
  (io: Io) =>
  (event: CaptureEvent): void =>
    io.out(event.kind === "end" ? io.c.dim(captureLine(event, io.lang)) : captureLine(event, io.lang));

/** How a front end's live lab is opened: the real executor, the run directory, where commands and notes go. */
export function labSetup(setup: LiveSetup, io: Io): DriverOptions {
  const runDir = runDirNow();
  return {
    lab: setup.lab,
    ...(setup.prefix ? { prefix: setup.prefix } : {}),
    executor: new ProcessExecutor(setup.prestarted),
    runDir,
    ...(setup.lockTaken ? { lockTaken: setup.lockTaken } : {}),
    feed: new LiveFeed(runDir, setup.lab, setup.prefix || undefined, pictureOf, emptyWorld),
    ...(setup.page ? { page: setup.page } : {}),
    ...(setup.serveAt ? { serveAt: setup.serveAt } : {}),
    explain: setup.explain ?? false,
    onCommand: setup.onCommand ?? ((argv) => io.out(io.c.dim(`$ ${shellLine(argv)}`))),
    onNote: setup.onNote ?? ((line) => io.out(io.c.yellow(line))),
    onCapture: setup.onCapture ?? printCapture(io),
    ...(setup.progress && process.stderr.isTTY
      ? { onProgress: progressBar((text) => process.stderr.write(text), process.stderr.columns) }
      : {}),
  };
}

/** Open a new lab; one that is already up is refused with the options and commands that fix it. */
export function openLab(setup: LiveSetup, io: Io): Result<Driver> {
  const opened = Driver.open(labSetup(setup, io));
  // The empty lab at once, so a page started now shows it (another netl's file is replaced).
  if (opened.ok) opened.value.feed?.flush();
  if (opened.ok || opened.error.code !== "lab-exists") return opened;
  const { lab } = setup;
  return fail({
    ...opened.error,
    hint: `run another copy beside it with --prefix P (a lab and namespaces of its own), work in it with netl attach ${lab}, or remove it with netl down ${lab}`,
  });
}
