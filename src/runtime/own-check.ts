// Before a change: every namespace and host end the change works on that the lab made earlier must
// still be that very object (identity.ts). Someone may have deleted one of the lab's namespaces and
// made another of the same name, or put another interface under a host end's name: netl never
// touches those; the change is refused before anything runs, the object named with what it is now.
import { fail, netlError, ok, type Result, type Span } from "../diagnostic.js";
import { lower, type NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { HOST } from "../interpreter/world.js";
import { type IfaceId, type NsId, nsChange, sameIface, standings } from "./identity.js";

const hint = (lab: string) =>
  `netl never touches what it did not make: that one is someone else's now (netl down ${lab} removes the rest of the lab)`;

/** The host ends (machine names) of `ends` an op works on. */
export function hostEndsOf(op: Op, ends: ReadonlySet<string>): string[] {
  if (op.kind === "veth.del" || op.kind === "veth.add")
    return [op.a, op.b].flatMap((e) => (e.node === HOST && ends.has(e.ifname) ? [e.ifname] : []));
  if ("node" in op && op.node === HOST && "ifname" in op && ends.has(op.ifname)) return [op.ifname];
  return [];
}

export interface OwnCheck {
  readonly lab: string;
  readonly nsName: NsName;
  readonly netnsDir: string;
  /** The lab's namespaces before the change (kernel names), and what it knows them by. */
  readonly namespaces: readonly string[];
  readonly ns: (name: string) => NsId | undefined;
  /** Its host ends before the change, and what it knows them by. */
  readonly hostEnds: ReadonlySet<string>;
  readonly hostEnd: (name: string) => IfaceId | undefined;
  /** The machine's interfaces now; undefined when not read (nothing of the machine is checked then). */
  readonly machine: ReadonlyMap<string, IfaceId> | undefined;
}

export function requireOwn(ops: readonly Op[], c: OwnCheck, span: Span): Result<void> {
  if (c.namespaces.length === 0 && c.hostEnds.size === 0) return ok(undefined);
  const existing = new Set(c.namespaces);
  const touched = new Set<string>();
  const ends = new Set<string>();
  for (const op of ops) {
    for (const ns of lower(op, c.nsName).touches) if (existing.has(ns)) touched.add(ns);
    for (const end of hostEndsOf(op, c.hostEnds)) ends.add(end);
  }
  const ids = [...touched].flatMap((n) => c.ns(n) ?? []);
  for (const s of standings(ids, c.netnsDir)) {
    if (s.kind === "other")
      return fail(
        netlError(
          "check",
          "not-the-labs",
          `namespace ${s.id.name} is not the one this lab made (${nsChange(s.id, s.now)})`,
          { span, hint: hint(c.lab) },
        ),
      );
    if (s.kind === "machine")
      return fail(
        netlError(
          "check",
          "not-the-labs",
          `namespace ${s.id.name} is netl's own network namespace or the machine's: netl does not change it from inside`,
          { span, hint: hint(c.lab) },
        ),
      );
  }
  for (const name of ends) {
    const now = c.machine?.get(name);
    const made = c.hostEnd(name);
    if (now === undefined || made === undefined || sameIface(now, made)) continue;
    return fail(
      netlError(
        "check",
        "not-the-labs",
        `the machine's ${name} is not the host end this lab made (ifindex ${made.ifindex}, ${made.mac}): it is ifindex ${now.ifindex}, ${now.mac} now`,
        { span, hint: hint(c.lab) },
      ),
    );
  }
  return ok(undefined);
}
