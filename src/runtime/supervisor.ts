// A `spawn` runs under a supervisor of its own (native/supervise.pl): a child subreaper that starts the
// command in its own process group, writes its output to the node's log under a cap, and lives as long
// as anything of the service does, so ending it (SIGTERM) ends the group and every descendant, also
// those left after the leader exited and those that moved to another namespace. A supervisor is known
// by its pid and its start time (/proc/PID/stat), so a pid reused by another program is never signalled.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { once } from "../once.js";
import SUPERVISE from "./native/supervise.pl";
import { onPath } from "./on-path.js";
import { sameProcess, startTime } from "./proc-stat.js";
import { StartFailure, startFailure } from "./start-failure.js";

/** prctl(2)'s number where the kernel's table is known: x86-64's own, and the generic one of arm64/riscv64. */
const PRCTL: Readonly<Record<string, number>> = { x64: 157, arm64: 167, riscv64: 167 };

/** A node's log keeps about this much: past it the oldest half is dropped (the log's first line says so). */
export const LOG_CAP = 1 << 20;
/** How long the service has after SIGTERM before the supervisor sends SIGKILL. */
export const GRACE_MS = 1000;

export interface Supervised {
  /** The supervisor's pid and start time: what ends the service. */
  readonly pid: number;
  readonly start: number;
  /** The command's own process (its group's leader), as `ps` shows it. */
  readonly leader: number;
}

const perl = once(() => onPath("perl"));

/** Whether services can be supervised here (Perl, and prctl's number known); else they run as a process group alone. */
export const canSupervise = (): boolean => PRCTL[process.arch] !== undefined && perl();

/** Start `argv` supervised, its output into `logFile`; resolves once the command's process exists. */
export function startSupervised(argv: readonly string[], logFile: string): Promise<Supervised> {
  const nr = PRCTL[process.arch];
  if (nr === undefined) return Promise.reject(new StartFailure(["perl"], "ENOSYS"));
  const args = ["-e", SUPERVISE, String(nr), logFile, String(LOG_CAP), String(GRACE_MS), "--", ...argv];
  return new Promise((resolve, reject) => {
    // Its own session and group (detached): the terminal's Ctrl-C never reaches a service.
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("perl", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      // An argument list longer than Linux takes (E2BIG) throws here, at once.
      reject(startFailure(argv, e) ?? e);
      return;
    }
    let out = "";
    let err = "";
    child.stdout?.setEncoding("utf8").on("data", (t: string) => {
      out += t;
    });
    child.stderr?.setEncoding("utf8").on("data", (t: string) => {
      err += t;
    });
    child.once("error", (e) => reject(e));
    child.stdout?.once("close", () => {
      const leader = Number.parseInt(out, 10);
      const pid = child.pid;
      const start = pid === undefined ? undefined : startTime(pid);
      child.stderr?.destroy();
      child.unref();
      if (pid === undefined || !Number.isFinite(leader) || start === undefined)
        reject(new Error(err.trim() || `the supervisor of ${argv.join(" ")} did not start it`));
      else resolve({ pid, start, leader });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process below `pid` (its children, theirs, …), from /proc. */
export function descendants(pid: number, proc = "/proc"): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync(proc);
  } catch {}
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`${proc}/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const out: number[] = [];
  for (const todo = [pid]; todo.length > 0; ) {
    for (const c of children.get(todo.shift() as number) ?? []) {
      out.push(c);
      todo.push(c);
    }
  }
  return out;
}

const signal = (pids: readonly number[], sig: NodeJS.Signals) => {
  for (const p of pids)
    try {
      process.kill(p, sig);
    } catch {}
};

/**
 * End a supervised service: SIGTERM to its supervisor, which ends everything below it and exits. If it
 * has not exited in time (stopped, or killed outright), netl ends what is below it itself, then it.
 * Nothing is signalled unless the supervisor is still the process that started then.
 */
export async function endSupervised(s: { pid: number; start: number }, waitMs = GRACE_MS + 3000): Promise<boolean> {
  if (!sameProcess(s.pid, s.start)) return false;
  signal([s.pid], "SIGTERM");
  for (let waited = 0; waited < waitMs && sameProcess(s.pid, s.start); waited += 20) await sleep(20);
  if (!sameProcess(s.pid, s.start)) return true;
  for (let round = 0; round < 10; round++) {
    const below = descendants(s.pid);
    if (below.length === 0) break;
    signal(below, "SIGKILL");
    await sleep(20);
  }
  if (sameProcess(s.pid, s.start)) signal([s.pid], "SIGKILL");
  return true;
}
