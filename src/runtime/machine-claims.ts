// What a lab holds on the machine: the host ends of its links and the machine's interfaces it
// moved in (with what to give back), as the World names them. Kept in the lab record with their
// identities (session-record.ts), checked before a change, and given back by teardown and `netl
// down` only while they are still those very interfaces, never by a name pattern.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fail, netlError, ok, type Result, type Span } from "../diagnostic.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { HOST, type World } from "../interpreter/world.js";
import type { MovedRecord } from "./record-types.js";

/** A moved interface as the World knows it (its identity is the book's: session-record.ts). */
export type MovedClaim = Pick<MovedRecord, "ifname" | "netns" | "origin">;

export interface MachineClaims {
  readonly hostInterfaces: readonly string[];
  readonly moved: readonly MovedClaim[];
}

export const SYS_NET_DIR = "/sys/class/net";

/** Everything any of the worlds holds on the machine (during a change: before and after, so a crash loses nothing). */
export function machineClaims(worlds: readonly World[], nsName: NsName): MachineClaims {
  const hostInterfaces = new Set<string>();
  const moved = new Map<string, MovedClaim>();
  for (const world of worlds) {
    for (const name of world.host.ifaces.keys()) hostInterfaces.add(name);
    for (const [ifname, node] of world.moved) {
      const origin = world.nodes.get(node)?.ifaces.get(ifname)?.origin;
      const netns = nsName(node);
      if (origin !== undefined) moved.set(`${ifname}@${netns}`, { ifname, netns, origin });
    }
  }
  return { hostInterfaces: [...hostInterfaces], moved: [...moved.values()] };
}

/**
 * Refuses a change that gives an interface on the machine a name the machine has already (it
 * appeared since the statement was checked, or the change is a redo): netl never touches it.
 */
export function requireFreeOnMachine(
  ops: readonly Op[],
  span: Span,
  sysNetDir = SYS_NET_DIR,
  taken: (name: string) => boolean = (name) => existsSync(join(sysNetDir, name)),
): Result<void> {
  // Names an earlier op of the same change takes off the machine (an undo of several steps may move
  // an interface into a namespace and later back): there is room for them again.
  const leaving = new Set<string>();
  for (const op of ops) {
    const hostEnd = (o: { a: { node: string; ifname: string }; b: { node: string; ifname: string } }) =>
      [o.a, o.b].find((end) => end.node === HOST)?.ifname;
    const gone =
      op.kind === "veth.del" ? hostEnd(op) : op.kind === "iface.move" && op.from === HOST ? op.ifname : undefined;
    if (gone !== undefined) leaving.add(gone);
    const name =
      op.kind === "veth.add" ? hostEnd(op) : op.kind === "iface.move" && op.to === HOST ? op.ifname : undefined;
    if (name !== undefined && leaving.delete(name)) continue;
    if (name !== undefined && taken(name))
      return fail(
        netlError("check", "host-interface-exists", `the machine has an interface ${name} already, not this lab's`, {
          span,
          hint: "netl never touches an interface of the machine it did not make; remove or rename that one first",
        }),
      );
  }
  return ok(undefined);
}

/** Identity naming: a record names namespaces as the kernel does. */
export const kernelNames: NsName = (netns) => netns;
