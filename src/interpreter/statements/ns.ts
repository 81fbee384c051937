// `ns A B C` (and, through router.ts, `router R`): create namespaces with their lo up.
import type { Name, NsStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireNewNodeName } from "../checks.js";
import { addNodes } from "../edit.js";
import { nodeSysctls } from "../forwarding.js";
import type { Op } from "../ops/types.js";
import type { Change } from "../plan.js";
import type { NodeKind, World } from "../world.js";

/** The ops that make one node: the namespace, its lo up, no DAD, and a router's forwarding. */
function creationOps(name: string, kind: NodeKind): Op[] {
  const ops: Op[] = [
    { kind: "netns.add", node: name },
    { kind: "link.set", node: name, ifname: "lo", up: true },
  ];
  for (const s of nodeSysctls(kind))
    ops.push({ kind: "sysctl.set", node: name, key: s.key, value: s.value, previous: s.fresh });
  return ops;
}

export function createNodes(world: World, names: readonly Name[], kind: NodeKind): Result<Change> {
  const taken = new Set<string>();
  for (const name of names) {
    const checked = requireNewNodeName(world, name, taken);
    if (!checked.ok) return checked;
    taken.add(checked.value);
  }
  const after = addNodes(world, taken, kind);
  const ops: Op[] = [];
  for (const name of taken) ops.push(...creationOps(name, kind));
  return ok({ before: world, after, ops, summary: [...taken].map((name) => `+ ${kind} ${name}`) });
}

export const evaluateNs = (world: World, stmt: NsStmt): Result<Change> => createNodes(world, stmt.names, "ns");
