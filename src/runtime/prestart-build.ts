// A script's build starts with its namespaces: the namespace maker (native/netns.pl), started before
// the script is read (prestart.ts), so that perl's start overlaps reading and checking it. Asked to,
// it first takes the lab's lock on a new lock file of netl's (lab-lock.ts), where netl would otherwise
// wait for a `flock` process of its own. The stage's later processes start once it runs (prestart-stage.ts).
import type { ChildProcess } from "node:child_process";
import { closeSync } from "node:fs";
import { type LockOutcome, lockAnswer } from "./flock.js";
import { dropNewLock, openNewLock } from "./lab-lock.js";
import { labNameProblem } from "./lab-name.js";
import { netnsArgv } from "./netns-helper.js";
import { journalPath } from "./netns-journal.js";
import { Prestarted } from "./prestart.js";

/** What netns.pl reads to take the lock on its fd 3 first. */
const LOCK_ENV = "NETL_NETNS_LOCK";
/**
 * How long netl waits for the maker's answer. One that gives none by then (a `perl` on PATH that reads
 * all its input before it runs, a machine far too loaded) is not waited for: the lock is taken as where
 * Perl is missing, by `flock`.
 */
const ANSWER_WAIT_MS = 2000;

export interface BuildStart {
  /** The helpers, for the lab's executor. */
  readonly pool: Prestarted;
  /** The lab's lock as the maker took it for netl (acquireLock's `first`); undefined where it took none. */
  readonly lock: Promise<LockOutcome> | undefined;
  /** The lab will not be opened (its script failed to read or check): the new lock file and the helpers go. */
  drop(): void;
  /**
   * The build's first change will make up to `namespaces` namespaces: the maker makes them ahead, bound
   * to no name, while the script is still checked (native/netns.pl, `netns pool`); a name binds one.
   */
  expect(namespaces: number): void;
}

/** The helpers of a build of lab `lab` (its journal and lock under `runDir`), started now. */
export function prestartBuild(runDir: string, lab: string): BuildStart {
  const pool = new Prestarted();
  // Its helpers end with it: the maker's namespaces made ahead go with the maker.
  const none: BuildStart = { pool, lock: undefined, drop: () => pool.close(), expect: () => {} };
  const argv = netnsArgv(false, journalPath(runDir, lab));
  if (argv === undefined) return none;
  // A name that is no lab's is refused when the lab is opened, before any file is made for it.
  const fd = labNameProblem(lab) === undefined ? newLock(runDir, lab) : undefined;
  if (fd === undefined) {
    const child = pool.start(argv);
    return { ...none, expect: (n) => expectIn(child, n) };
  }
  const child = pool.start(argv, { fd3: fd, env: { ...process.env, [LOCK_ENV]: "fd3" } });
  const drop = () => {
    dropNewLock(runDir, lab);
    pool.close();
  };
  if (child === undefined) {
    closeSync(fd);
    drop();
    return none;
  }
  const lock = firstLine(child, ANSWER_WAIT_MS).then((line) => lockAnswer(line, fd));
  return { pool, lock, drop, expect: (n) => expectIn(child, n) };
}

/** Ask the waiting maker for `namespaces` ahead: a line of its input before any of the batch's. */
function expectIn(child: ChildProcess | undefined, namespaces: number): void {
  if (child === undefined || namespaces <= 0 || child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.write(`netns pool ${namespaces}\n`);
}

/** openNewLock's descriptor, or undefined where it cannot be made (not root: opening the lab says why). */
function newLock(runDir: string, lab: string): number | undefined {
  const fd = openNewLock(runDir, lab);
  return typeof fd === "number" ? fd : undefined;
}

/** The child's first line on stdout, or `error …` if it ends, fails or `ms` pass first. */
function firstLine(child: ChildProcess, ms: number): Promise<string> {
  const stdout = child.stdout as (NodeJS.ReadableStream & { ref?(): void; unref?(): void }) | null;
  if (stdout === null) return Promise.resolve("error no stdout");
  return new Promise((resolve) => {
    let out = "";
    let settled = false;
    const timer = setTimeout(() => done(`error no answer from the namespace maker in ${ms} ms`), ms);
    // Once: a later end of the stream is the batch's, which has the child by then.
    const done = (line: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stdout.off("data", onData);
      // Back to waiting as a prestarted helper: it no longer keeps netl running (prestart.ts).
      stdout.unref?.();
      resolve(line);
    };
    // Left in flowing mode: the batch that takes the child reads what comes next (netns.pl writes
    // nothing more there).
    const onData = (b: Buffer) => {
      out += b.toString("latin1");
      const nl = out.indexOf("\n");
      if (nl >= 0) done(out.slice(0, nl));
    };
    // Until it answers, the answer keeps netl running.
    stdout.ref?.();
    stdout.on("data", onData);
    stdout.once("end", () => done("error the namespace maker ended"));
    child.once("error", (e) => done(`error ${e.message}`));
  });
}
