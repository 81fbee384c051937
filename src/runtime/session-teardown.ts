// Removing a live lab (Session.teardown): only what is still the lab's by identity. A namespace or host
// end whose name is something else now is left alone and said; the machine's interfaces go home first
// (teardown-moved.ts), and a namespace holding one that could not is kept; what would not go stays in
// the record for `netl down`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { failureText, nameFailures } from "../interpreter/ops/failures.js";
import { lower } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { teardownOps } from "../interpreter/teardown.js";
import type { World } from "../interpreter/world.js";
import { type ApplyContext, applyForce } from "./apply.js";
import { machineLinks, sameIface, standings, standingText } from "./identity.js";
import { SYS_NET_DIR } from "./machine-claims.js";
import { hostEndsOf } from "./own-check.js";
import type { LabBook } from "./session-record.js";
import { sendMovedHome } from "./teardown-moved.js";

export interface TeardownContext {
  readonly lab: string;
  readonly book: LabBook;
  readonly apply: ApplyContext;
  readonly netnsDir: string;
  readonly sysNetDir?: string | undefined;
  readonly onNote?: ((line: string) => void) | undefined;
  /** End what still runs in the namespaces these ops delete. */
  readonly endLingering: (ops: readonly Op[]) => Promise<void>;
}

export async function tearDown(world: World, c: TeardownContext): Promise<{ removed: string[]; failures: string[] }> {
  const { book, apply } = c;
  book.absorb();
  const mine = book.namespaces(world);
  const claims = book.claims(world);
  const ids = mine.flatMap((n) => book.ns(n) ?? []);
  const foreign = new Set<string>();
  for (const s of standings(ids, c.netnsDir)) {
    const text = standingText(s, c.lab);
    if (text === undefined) continue;
    foreign.add(s.id.name);
    c.onNote?.(text);
  }
  const onMachine = claims.hostInterfaces.length + claims.moved.length > 0;
  const machine = onMachine ? await machineLinks(apply.executor) : undefined;
  const taken = (name: string) => (machine ? machine.has(name) : existsSync(join(c.sysNetDir ?? SYS_NET_DIR, name)));
  const home = await sendMovedHome(world, {
    executor: apply.executor,
    nsName: apply.nsName,
    taken,
    foreign,
    ...(apply.onCommand ? { onCommand: apply.onCommand } : {}),
  });
  for (const note of home.notes) c.onNote?.(note);
  // A host end whose name is another interface now: its veth goes with the lab's namespace.
  const notOurs = new Set(
    claims.hostInterfaces.filter((n) => {
      const now = machine?.get(n);
      const made = book.hostEnd(n);
      return now !== undefined && made !== undefined && !sameIface(now, made);
    }),
  );
  for (const name of notOurs)
    c.onNote?.(`left the machine's ${name} alone: it is not the host end lab '${c.lab}' made`);
  const ops = teardownOps(home.world).filter(
    (op) =>
      !lower(op, apply.nsName).touches.some((ns) => foreign.has(ns)) &&
      !(op.kind === "netns.del" && home.kept.has(apply.nsName(op.node))) &&
      hostEndsOf(op, notOurs).length === 0,
  );
  const failures = [...home.failures];
  // Each part goes on from what the one before did: a failure, netl's own included, never stops the rest.
  const part = async (what: string, work: () => Promise<readonly string[] | undefined>) => {
    try {
      failures.push(...((await work()) ?? []));
    } catch (e) {
      failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  await part("end what runs in the lab", async () => void (await c.endLingering(ops)));
  await part("the lab's deletion", async () =>
    nameFailures(await applyForce(ops, apply), ops, apply.nsName).map(failureText),
  );
  // Once more what is still the lab's (never a namespace holding an interface of the machine's), with
  // what a rollback failed to remove earlier; each only while it is still the lab's.
  for (const s of standings(ids, c.netnsDir))
    if (s.kind === "ours" && !home.kept.has(s.id.name)) book.strays.namespaces.add(s.id.name);
  // A host end whose deletion failed (its namespace's going takes it only once the kernel has cleaned
  // that namespace up): tried again by itself, only while it is still the one the lab made.
  for (const name of claims.hostInterfaces) if (!notOurs.has(name)) book.strays.hostInterfaces.add(name);
  await part("the second try", async () => (await book.strays.remove(apply.executor, c.onNote)).map(failureText));
  // Whatever would not go stays in the record, for `netl down` to try again: ask the kernel, not the error text.
  const left = standings(ids, c.netnsDir)
    .filter((s) => s.kind === "ours" || s.kind === "machine")
    .map((s) => s.id.name);
  const after = claims.hostInterfaces.length > 0 ? await machineLinks(apply.executor) : undefined;
  const endsLeft = claims.hostInterfaces.filter((n) => !notOurs.has(n) && sameIface(after?.get(n), book.hostEnd(n)));
  const movedLeft = claims.moved.filter((m) => home.kept.has(m.netns));
  book.keepOrRemove(left, { hostInterfaces: endsLeft, moved: movedLeft });
  // What went at the second try leaves nothing to report.
  const gone = left.length + endsLeft.length + movedLeft.length === 0;
  return { removed: mine.filter((ns) => !left.includes(ns) && !foreign.has(ns)), failures: gone ? [] : failures };
}
