// Before any change that puts addresses on the lab's host ends or routes on the machine (`route host`)
// — a new link, and also undo and redo, which replay ops without evaluating again — the machine is read
// once more and each checked against it: the machine may have gained an overlapping route since.
import type { Span } from "../diagnostic.js";
import { ok, type Result } from "../diagnostic.js";
import { requireHostAddressFree, requireHostRouteFree } from "../interpreter/host-overlap.js";
import type { Op } from "../interpreter/ops/types.js";
import { HOST, type World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { readMachine } from "./machine.js";

/** Addresses the ops add to host ends (not the machine's own interfaces coming back: those are its). */
const hostEndAddresses = (ops: readonly Op[], after: World): string[] =>
  ops.flatMap((op) =>
    op.kind === "addr.add" && op.node === HOST && after.host.ifaces.has(op.ifname) ? [op.cidr] : [],
  );

export async function recheckHostAddresses(
  ops: readonly Op[],
  before: World,
  after: World,
  executor: Executor,
  stem: string,
  span: Span,
): Promise<Result<void>> {
  const cidrs = hostEndAddresses(ops, after);
  // `route host`'s routes leave by a host end; a moved interface's own routes coming back are the machine's.
  const routes = ops.flatMap((op) =>
    op.kind === "route.add" && op.node === HOST && after.host.ifaces.has(op.route.dev ?? "")
      ? [op.route.destination]
      : [],
  );
  if (cidrs.length === 0 && routes.length === 0) return ok(undefined);
  const machine = await readMachine(executor, stem);
  if (!machine.ok) return { ok: false, error: { ...machine.error, span } };
  for (const cidr of cidrs) {
    const free = requireHostAddressFree(before, machine.value, cidr, span);
    if (!free.ok) return free;
  }
  // Against the lab as it will be: the subnet routed must hold its addresses.
  for (const destination of routes) {
    const free = requireHostRouteFree(after, machine.value, destination, span);
    if (!free.ok) return free;
  }
  return ok(undefined);
}
