// `set A <-> B …`, `set A -> B …`, `set A:eth0 …`: change a live link's conditions, take them all
// away (`clear`), or bring its ends down or up. Every change records what it replaces, for undo.
import type { SetStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { requireIface, requireNodeOrHost } from "../checks.js";
import { applyState, describeState, ifaceAt, nextState, PLAIN, stateOf } from "../end-conditions.js";
import { endDown, endUp } from "../end-state.js";
import { ownEnd, peerEnd } from "../links.js";
import type { Op } from "../ops/types.js";
import { pickLink } from "../pick-link.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { endName, linkName } from "../summary.js";
import type { Iface, LinkEndRef, World } from "../world.js";

interface Target {
  readonly ends: readonly LinkEndRef[];
  /** How the summary names what changed: `A:eth0 <-> B:eth0`, `A:eth0 -> B:eth0`, `A:eth0`. */
  readonly label: string;
}

function target(world: World, stmt: SetStmt): Result<Target> {
  if (stmt.b !== undefined) {
    const link = pickLink(world, stmt.a, stmt.b, stmt.span, "set", stmt.directed ? "->" : "<->");
    if (!link.ok) return link;
    if (!stmt.directed) return ok({ ends: [link.value.a, link.value.b], label: linkName(link.value) });
    const mine = ownEnd(link.value, stmt.a.node.text);
    return ok({ ends: [mine], label: `${endName(mine)} -> ${endName(peerEnd(link.value, stmt.a.node.text))}` });
  }
  const node = requireNodeOrHost(world, stmt.a.node);
  if (!node.ok) return node;
  if (stmt.a.ifname === undefined)
    return problem(
      "missing-interface",
      `set needs a link or an interface, not the node '${stmt.a.node.text}' alone`,
      stmt.a.span,
      `write set ${stmt.a.node.text} <-> OTHER … for a link, or set ${stmt.a.node.text}:eth0 … for one interface`,
    );
  const iface = requireIface(node.value, stmt.a.ifname);
  if (!iface.ok) return iface;
  if (iface.value.link === undefined)
    return problem(
      "not-a-link-end",
      `${node.value.name}:${iface.value.name} is not an end of a link`,
      stmt.a.ifname.span,
      "set changes the ends of links that netl made",
    );
  const end = { node: node.value.name, ifname: iface.value.name };
  return ok({ ends: [end], label: endName(end) });
}

export function evaluateSet(world: World, stmt: SetStmt): Result<Change> {
  const found = target(world, stmt);
  if (!found.ok) return found;
  const { ends, label } = found.value;
  const ops: Op[] = [];
  let after = world;
  const change = stmt.change;
  const was = [...new Set(ends.map((end) => stateText(ifaceAt(world, end), change.kind === "state")))].join(" / ");
  if (change.kind === "state") {
    for (const end of ends) {
      const moved = change.up ? endUp(after, end) : endDown(after, end);
      ops.push(...moved.ops);
      after = moved.world;
    }
    return ok({ before: world, after, ops, summary: [`~ ${label}: ${change.up ? "up" : "down"} (was ${was})`] });
  }
  let text = "";
  for (const end of ends) {
    const state = change.kind === "clear" ? ok(PLAIN) : nextState(after, end, change.conditions);
    if (!state.ok) return state;
    const applied = applyState(after, end, state.value);
    after = applied.world;
    ops.push(...applied.ops);
    text = describeState(state.value);
  }
  return ok({ before: world, after, ops, summary: [`~ ${label}: ${text || PLAIN_TEXT} (was ${was})`] });
}

const PLAIN_TEXT = "plain";

/** An end as the summary names it: its conditions, or up/down. */
function stateText(iface: Iface, updown: boolean): string {
  if (updown) return iface.up ? "up" : "down";
  return describeState(stateOf(iface)) || PLAIN_TEXT;
}
