// `netl down`'s give-back of the machine's interfaces a lab moved in: each found by its identity (MAC,
// ifindex) in the namespace that holds it, whatever it is called there now, and moved home under its
// own name, or a free one when the machine has another interface of that name now (said). Its state
// goes back on it alone. A namespace still holding one that would not go is kept (the caller does not
// delete it), and the record with it, for another `netl down`.
import { restoreOps } from "../interpreter/moved.js";
import { applyForce } from "../runtime/apply.js";
import type { Executor } from "../runtime/executor.js";
import { giveBack, renamedText } from "../runtime/give-back.js";
import { findIface, machineLinks } from "../runtime/identity.js";
import { kernelNames } from "../runtime/machine-claims.js";
import type { MovedRecord } from "../runtime/record-types.js";
import type { Io } from "./io.js";

export interface GiveBackContext {
  /** The lab's namespaces that are still the lab's (identity checked). */
  readonly ours: ReadonlySet<string>;
  readonly executor: Executor;
  readonly io: Io;
  readonly netnsDir: string;
}

const expected = (stderr: string) => /File exists|Cannot find device/.test(stderr);

export async function giveBackRecorded(
  moved: readonly MovedRecord[],
  c: GiveBackContext,
): Promise<{ given: number; kept: Set<string>; failures: number }> {
  const { executor, io } = c;
  const kept = new Set<string>();
  let given = 0;
  let failures = 0;
  const machine = (await machineLinks(executor)) ?? new Map();
  const taken = (name: string) => machine.has(name);
  for (const m of moved) {
    const id = m.mac !== undefined && m.ifindex !== undefined ? { mac: m.mac, ifindex: m.ifindex } : undefined;
    if (id === undefined) {
      io.err(`could not give back ${m.ifname}: the record has no identity for it (netl gives back only what it knows)`);
      failures++;
      continue;
    }
    const inside = c.ours.has(m.netns) ? await machineLinks(executor, m.netns) : undefined;
    if (c.ours.has(m.netns) && inside === undefined) {
      // Not known to be elsewhere: its namespace stays rather than risk destroying it.
      kept.add(m.netns);
      io.err(`could not give back ${m.ifname}: the interfaces of ${m.netns} cannot be read, so it stays`);
      failures++;
      continue;
    }
    const there = inside && findIface(inside, id);
    if (there === undefined) {
      // Not in the lab's namespace: home already (its namespace went), its state put back on it alone.
      const home = findIface(machine, id);
      if (home === undefined) {
        const where = c.ours.has(m.netns) ? m.netns : `${m.netns} (no longer the lab's namespace: not looked in)`;
        io.err(`${m.ifname} not given back: it is neither in ${where} nor on the machine`);
        continue;
      }
      const restore = await applyForce(restoreOps(home.name, m.origin), { executor, nsName: kernelNames });
      for (const f of restore.filter((f) => !expected(f.stderr)))
        io.err(`could not give back: ${f.argv.join(" ")}: ${f.stderr}`);
      given++;
      continue;
    }
    const r = await giveBack(executor, { ns: m.netns, current: there.name, ifname: m.ifname, origin: m.origin }, taken);
    if (!r.ok) {
      kept.add(m.netns);
      io.err(`could not give back ${m.ifname} from ${m.netns}: ${r.failed.argv.join(" ")}: ${r.failed.stderr}`);
      failures++;
      continue;
    }
    machine.set(r.as, { ...there, name: r.as });
    given++;
    if (r.as !== m.ifname) io.out(renamedText(m.ifname, r.as, `the machine has another ${m.ifname} now`));
    for (const f of r.restoreFailures.filter((f) => !expected(f.stderr))) {
      io.err(`could not give back: ${f.argv.join(" ")}: ${f.stderr}`);
      failures++;
    }
  }
  return { given, kept, failures };
}
