// Who a process is: its pid and its start time (clock ticks after boot, field 22 of /proc/PID/stat),
// which a reused pid does not share. Used wherever netl keeps a process to act on it later.
import { readFileSync } from "node:fs";

/** The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number | "self", proc: string): string[] | undefined {
  try {
    const stat = readFileSync(`${proc}/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** A process's start time, or undefined when it is gone. */
export function startTime(pid: number | "self", proc = "/proc"): number | undefined {
  const start = Number(statFields(pid, proc)?.[19]);
  return Number.isFinite(start) ? start : undefined;
}

/** Whether `pid` is still the very process that started at `start`, and has not exited (a zombie has). */
export function sameProcess(pid: number, start: number, proc = "/proc"): boolean {
  const fields = statFields(pid, proc);
  return fields !== undefined && Number(fields[19]) === start && fields[0] !== "Z";
}
