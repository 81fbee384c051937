// Whether this kernel has tc's netem, asked once per session before the first statement that needs
// it: a trial qdisc on `lo` inside a throwaway network namespace (`unshare --net`), which dies with
// the process and touches nothing of the machine's or the lab's.
import type { Condition, Statement } from "../../grammar/ast.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import type { Executor } from "./executor.js";

/** What the trial says: present, absent, or undecided (then tc itself will answer). */
export type NetemProbe = boolean | undefined;

const PROBE = ["unshare", "--net", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"] as const;

export async function probeNetem(executor: Executor): Promise<NetemProbe> {
  try {
    const r = await executor.run(PROBE);
    if (r.exitCode === 0) return true;
    return /qdisc kind is unknown|Unknown qdisc/i.test(r.stderr) ? false : undefined;
  } catch {
    return undefined;
  }
}

/** The statement's conditions that only netem does (`rate` alone and `mtu` need no netem). */
export function netemConditionsOf(stmt: Statement): readonly Condition[] {
  const written =
    stmt.kind === "link"
      ? stmt.conditions
      : stmt.kind === "set" && stmt.change.kind === "conditions"
        ? stmt.change.conditions
        : [];
  return written.filter((c) => c.name !== "rate" && c.name !== "mtu" && c.value !== 0);
}

/** A statement that needs netem on a kernel without it: refused before anything changes. */
export function requireNetem(stmt: Statement, probe: NetemProbe): Result<void> {
  const needs = netemConditionsOf(stmt);
  const [first] = needs;
  if (probe !== false || first === undefined) return ok(undefined);
  const names = [...new Set(needs.map((c) => c.name))];
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return fail(
    netlError(
      "check",
      "no-netem",
      `this kernel has no netem (CONFIG_NET_SCH_NETEM); ${list} need${names.length === 1 ? "s" : ""} it`,
      {
        span: first.span,
        hint: "load it with `modprobe sch_netem` (on Ubuntu it is in linux-modules-extra-$(uname -r)), or use a kernel that has it; `rate` alone works without it (tbf)",
      },
    ),
  );
}
