// An end's conditions and MTU as a change: the ops that take the kernel there (each with the
// previous value, so undo puts back exactly what was) and the World with the end updated.
import type { Condition } from "../../grammar/ast.js";
import { ok, type Result, type Span } from "../diagnostic.js";
import {
  type Conditions,
  DEFAULT_MTU,
  describeConditions,
  mergeConditions,
  requireCoherent,
  sameConditions,
} from "./conditions.js";
import { updateIface } from "./edit.js";
import type { Op } from "./ops/types.js";
import { problem } from "./problem.js";
import { endName } from "./summary.js";
import { type Iface, type LinkEndRef, nodeOf, type World } from "./world.js";

/** The smallest MTU an interface with an IPv6 address may have: below it the kernel drops IPv6 there. */
const IPV6_MIN_MTU = 1280;

export interface EndState {
  /** The queue's conditions; undefined: none. */
  readonly conditions: Conditions | undefined;
  readonly mtu: number;
}

/** A plain end: no conditions, the veth's own MTU (what `clear` makes of an end). */
export const PLAIN: EndState = { conditions: undefined, mtu: DEFAULT_MTU };

export function ifaceAt(world: World, end: LinkEndRef): Iface {
  const iface = nodeOf(world, end.node)?.ifaces.get(end.ifname);
  if (iface === undefined) throw new Error(`conditions: no interface ${endName(end)}`);
  return iface;
}

/** What `given` (a link's or a `set`'s conditions) makes of this end; checked before any op is made. */
export function nextState(world: World, end: LinkEndRef, given: readonly Condition[]): Result<EndState> {
  const iface = ifaceAt(world, end);
  const conditions = mergeConditions(iface.conditions, given);
  const coherent = requireCoherent(conditions, given);
  if (!coherent.ok) return coherent;
  const mtu = given.find((c) => c.name === "mtu");
  if (mtu === undefined) return ok({ conditions, mtu: iface.mtu ?? DEFAULT_MTU });
  const fits = requireMtuFits(iface, end, mtu.value, mtu.span);
  return fits.ok ? ok({ conditions, mtu: mtu.value }) : fits;
}

/** An MTU below 1280 on an interface with IPv6 addresses: the kernel would silently drop them. */
export function requireMtuFits(iface: Iface, end: LinkEndRef, mtu: number, span: Span): Result<void> {
  const v6 = iface.addresses.find((cidr) => cidr.includes(":"));
  if (mtu >= IPV6_MIN_MTU || v6 === undefined) return ok(undefined);
  return problem(
    "mtu-too-small",
    `mtu ${mtu} is too small for IPv6: ${endName(end)} has ${v6}`,
    span,
    `IPv6 needs an MTU of at least ${IPV6_MIN_MTU}`,
  );
}

/** The ops that take the end from its state in `world` to `state`, and the World after them. */
export function applyState(world: World, end: LinkEndRef, state: EndState): { world: World; ops: Op[] } {
  const iface = ifaceAt(world, end);
  // A plain end staying plain (every new link without conditions): nothing to do, nothing to copy.
  if (state.conditions === undefined && state.mtu === DEFAULT_MTU && !("conditions" in iface) && !("mtu" in iface))
    return { world, ops: [] };
  const ops: Op[] = [];
  const mtu = iface.mtu ?? DEFAULT_MTU;
  if (state.mtu !== mtu) ops.push({ kind: "link.mtu", ...end, mtu: state.mtu, previous: mtu });
  if (!sameConditions(state.conditions, iface.conditions))
    ops.push({
      kind: "qdisc.set",
      ...end,
      ...(state.conditions === undefined ? {} : { conditions: state.conditions }),
      ...(iface.conditions === undefined ? {} : { previous: iface.conditions }),
    });
  const { conditions: _c, mtu: _m, ...rest } = iface;
  const next: Iface = {
    ...rest,
    ...(state.conditions === undefined ? {} : { conditions: state.conditions }),
    ...(state.mtu === DEFAULT_MTU ? {} : { mtu: state.mtu }),
  };
  return { world: updateIface(world, end, () => next), ops };
}

/** `delay 50ms loss 1% mtu 1400` as netl writes it; "" for a plain end. */
export function describeState(state: EndState): string {
  const mtu = state.mtu === DEFAULT_MTU ? "" : `mtu ${state.mtu}`;
  return [describeConditions(state.conditions), mtu].filter((s) => s !== "").join(" ");
}

/** An end's state as the World holds it. */
export const stateOf = (iface: Iface): EndState => ({ conditions: iface.conditions, mtu: iface.mtu ?? DEFAULT_MTU });

/** Conditions (and MTU) on both ends of a new link, in the World and as ops. */
export function conditionBothEnds(
  world: World,
  ends: readonly LinkEndRef[],
  given: readonly Condition[],
): Result<{ world: World; ops: Op[]; text: string }> {
  let next = world;
  const ops: Op[] = [];
  let text = "";
  for (const end of ends) {
    const state = nextState(next, end, given);
    if (!state.ok) return state;
    const applied = applyState(next, end, state.value);
    next = applied.world;
    ops.push(...applied.ops);
    text = describeState(state.value);
  }
  return ok({ world: next, ops, text });
}
