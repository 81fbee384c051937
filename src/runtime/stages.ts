// Batching plan: ops → stages. A stage runs its creations globally (one `ip -batch` of namespaces,
// one process for every namespace's sysctls, one `ip -batch` of the rest), then one
// `ip -n NS -batch -` per namespace (concurrently), then one global `ip -batch` of deletions.
// Lines move between phases only where no namespace they touch orders them otherwise.
import { fromPeer } from "../interpreter/ops/kinds/veth.js";
import { lower } from "../interpreter/ops/lower.js";
import { type NsName, type RtnlRequest, restep, type Step } from "../interpreter/ops/step.js";
import { specOf } from "../interpreter/ops/table.js";
import type { Op } from "../interpreter/ops/types.js";

export interface PlannedLine {
  readonly step: Step;
  /** The op this line runs, then any ops it makes unnecessary (work inside a namespace deleted later). */
  readonly ops: readonly number[];
  /**
   * The same work as a request of the rtnetlink helper (rtnl-batch.ts), for a namespace's line whose
   * op kind the helper carries. Made here, where the runtime needs it, not by every lowering.
   */
  readonly rtnl?: RtnlRequest | undefined;
}

/** A namespace's line whose request for the rtnetlink helper is made from its op when asked, not held. */
class NsPlannedLine implements PlannedLine {
  constructor(
    readonly step: Step,
    readonly ops: readonly number[],
    readonly op: Op,
  ) {}
  get rtnl(): RtnlRequest | undefined {
    return specOf(this.op).rtnl?.(this.op);
  }
}

/** The line with its ops renumbered (`at` added), its request kept as it is made. */
export function shifted(l: PlannedLine, at: number): PlannedLine {
  const ops = l.ops.map((i) => i + at);
  return l instanceof NsPlannedLine ? new NsPlannedLine(l.step, ops, l.op) : { ...l, ops };
}

export interface Stage {
  readonly create: PlannedLine[];
  readonly ns: Map<string, PlannedLine[]>;
  readonly destroy: PlannedLine[];
  /** A namespace whose batch runs before the others' (it makes what they work on). */
  readonly first?: string;
}

interface Building extends Stage {
  readonly destroyTouches: Set<string>;
  /** Peers of a cross-namespace line (a veth deletion) in this stage: later work there waits. */
  readonly locked: Set<string>;
  /** Namespaces touched by those removals (both ends): creations there wait, they may reuse a name. */
  readonly removed: Set<string>;
  /** Where each namespace's first sysctl line is in `create` (a scan of `create` each time grew as N²). */
  readonly sysctlAt: Map<string, number>;
}

const newStage = (): Building => ({
  create: [],
  ns: new Map(),
  destroy: [],
  destroyTouches: new Set(),
  locked: new Set(),
  removed: new Set(),
  sysctlAt: new Map(),
});

const anyIn = (names: readonly string[], set: { has(name: string): boolean }) => names.some((n) => set.has(n));

/**
 * For each op, the index of a later op that makes it unnecessary, or -1: a `netns.del` (its
 * namespace goes away with everything in it), or a veth deletion (the end goes, with its addresses
 * and routes). Creations and deletions of namespaces and veths' births are never elided.
 * A veth whose other end stays is deleted from that end (`flip`): a namespace is cleaned up only after
 * `ip netns del` returns, so its peers' ends would linger a moment, and a re-creation (undo) clash.
 */
function elisions(steps: readonly Step[], ops: readonly Op[], nsName: NsName): { into: number[]; flip: Set<number> } {
  const into = new Array<number>(ops.length).fill(-1);
  const flip = new Set<number>();
  const deletedLater = new Map<string, number>(); // ns → index of the netns.del that follows
  const endGoesWith = new Map<string, number>(); // `node:ifname` in a deleted ns → its flipped veth.del
  const vethGoes = new Map<string, number>(); // `node:ifname` → a later veth.del that takes the end away
  // Interface names made in a node after this op and before the node's namespace is deleted.
  const madeLater = new Map<string, Set<string>>();
  const made = (node: string, ifname: string) => madeLater.get(node)?.add(ifname);
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i] as Op;
    const step = steps[i] as Step;
    if (op.kind === "bridge.add") made(op.node, op.ifname);
    if (op.kind === "netns.del") {
      deletedLater.set(step.ns, i);
      madeLater.set(op.node, new Set());
    } else if (op.kind === "netns.add") {
      deletedLater.delete(step.ns);
      madeLater.delete(op.node);
    } else if (op.kind === "veth.del") {
      for (const end of [op.a, op.b]) vethGoes.set(`${end.node}:${end.ifname}`, i);
      const [a, b] = [op.a, op.b].map((end) => deletedLater.get(nsName(end.node)));
      // The first `netns del` leaves the other end behind until the kernel's clean-up runs, after
      // the command returns: a name made again there meanwhile would clash, so the pair goes itself.
      const reused = [op.a, op.b].some((end) => madeLater.get(end.node)?.has(end.ifname));
      if (reused) {
        for (const end of [op.a, op.b]) endGoesWith.set(`${end.node}:${end.ifname}`, i);
      } else if (a !== undefined && b !== undefined) {
        // Both namespaces go: the first `netns del` to run destroys the pair and what is on both
        // ends, so all of it is done by that line (a later refused `netns del` must not hide it).
        into[i] = Math.min(a, b);
        endGoesWith.set(`${op.a.node}:${op.a.ifname}`, Math.min(a, b));
        endGoesWith.set(`${op.b.node}:${op.b.ifname}`, Math.min(a, b));
      } else if (a !== undefined) {
        flip.add(i);
        endGoesWith.set(`${op.a.node}:${op.a.ifname}`, i);
      } else if (b !== undefined) endGoesWith.set(`${op.b.node}:${op.b.ifname}`, i);
    } else if (op.kind === "iface.move") {
      // Never elided: a namespace's deletion would destroy a veth end and send a physical one back
      // bare. What the move takes off the interface with it is counted done by it.
      endGoesWith.set(`${op.from}:${op.ifname}`, i);
      made(op.to, op.ifname);
    } else if (op.kind === "veth.add") {
      for (const end of [op.a, op.b]) {
        vethGoes.delete(`${end.node}:${end.ifname}`);
        made(end.node, end.ifname);
      }
    } else if (op.kind === "proc.start" || op.kind === "proc.stop") {
      // Never elided: a process keeps its namespace alive after `ip netns del`; it must be ended.
    } else {
      const end = specOf(op).iface(op);
      // An end's queue and MTU go with the end: no `tc` or `ip` process just to reset them first.
      const gone = end === undefined ? undefined : vethGoes.get(end);
      if ((op.kind === "qdisc.set" || op.kind === "link.mtu") && gone !== undefined) {
        into[i] = gone;
        continue;
      }
      const viaVeth = end === undefined ? undefined : endGoesWith.get(end);
      for (const ns of step.touches) {
        const j = deletedLater.get(ns);
        if (j !== undefined) {
          into[i] = viaVeth ?? j;
          break;
        }
      }
    }
  }
  // An op elided into a veth deletion that is itself elided is done by what does that one.
  for (let i = 0; i < into.length; i++) {
    let j = into[i] as number;
    while (j >= 0 && (into[j] as number) >= 0) j = into[j] as number;
    into[i] = j;
  }
  return { into, flip };
}

/** `names`, each name made once. */
function sharedNames(names: NsName): NsName {
  const made = new Map<string, string>();
  return (node) => {
    let name = made.get(node);
    if (name === undefined) {
      name = names(node);
      made.set(node, name);
    }
    return name;
  };
}

const SYSCTL_WORDS = 5; // netns exec NS sysctl -qw
const isSysctlIn = (step: Step, ns: string) => step.tool === "sysctl" && step.ns === ns;

/**
 * A namespace's sysctls in one stage go in one `sysctl -qw k=v k=v …` (one process, not one per
 * setting: a router's three were most of the processes a chain of routers started). The later
 * settings join the namespace's first sysctl line, so they move earlier, never later: a setting
 * that must come before an interface is created (accept_dad) stays before it.
 */
function joinSysctl(stage: Building, line: PlannedLine): boolean {
  const ns = line.step.ns;
  if (!isSysctlIn(line.step, ns)) return false;
  const at = stage.sysctlAt.get(ns);
  const first = at === undefined ? undefined : stage.create[at];
  if (at === undefined || first === undefined) {
    stage.sysctlAt.set(ns, stage.create.length);
    return false;
  }
  const settings = line.step.line.slice(SYSCTL_WORDS);
  // concat: a spread makes room for more, and a stage keeps every line until it has run.
  stage.create[at] = {
    step: restep(first.step, { line: first.step.line.concat(settings) }),
    ops: first.ops.concat(line.ops),
  };
  return true;
}

/**
 * A stage's creations in the order that makes the fewest processes: namespaces, then every sysctl
 * (one process for them all), then the rest. Creations only add, so a line needs only what is made
 * before it: a sysctl its namespace, and the rest the namespaces and settings (a namespace's accept_dad
 * comes before its interfaces). Order within each group is kept.
 */
function creationOrder(lines: readonly PlannedLine[]): PlannedLine[] {
  const group = (l: PlannedLine) =>
    l.step.tool === "sysctl" ? 1 : l.step.line[0] === "netns" && l.step.line[1] === "add" ? 0 : 2;
  return [0, 1, 2].flatMap((g) => lines.filter((l) => group(l) === g));
}

/**
 * A stage whose one creation is a veth pair between two namespaces, the first of which has a batch in
 * the stage anyway (a REPL's `link A <-> B`): the pair is made by that batch (`ip -n A link add … peer
 * … netns B`), which runs before the others, instead of by a global batch of its own.
 */
function madeInside(stage: Stage): Stage {
  const [only, ...more] = stage.create;
  const inside = only?.step.inside;
  const lines = inside && stage.ns.get(inside.ns);
  if (only === undefined || more.length > 0 || inside === undefined || lines === undefined) return stage;
  const ns = new Map(stage.ns);
  ns.set(inside.ns, [{ step: inside, ops: only.ops }, ...lines]);
  return { create: [], ns, destroy: stage.destroy, first: inside.ns };
}

export function planStages(ops: readonly Op[], names: NsName): Stage[] {
  // One string per namespace name, shared by all its lines (a chain of 10 000 nodes has 120 000).
  const nsName = sharedNames(names);
  const lowered = ops.map((op) => lower(op, nsName));
  const { into: elidedInto, flip } = elisions(lowered, ops, nsName);
  // A flipped deletion runs in the namespace that stays; the other is deleted in this change, so
  // nothing there waits for it.
  const steps = lowered.map((step, i) => {
    if (!flip.has(i)) return step;
    const flipped = lower(fromPeer(ops[i] as Op), nsName);
    return restep(flipped, { touches: [flipped.ns] });
  });
  const implied = new Map<number, number[]>();
  const extraTouches = new Map<number, Set<string>>();
  elidedInto.forEach((j, i) => {
    if (j < 0) return;
    implied.set(j, [...(implied.get(j) ?? []), i]);
    const touches = extraTouches.get(j) ?? new Set<string>();
    for (const ns of (steps[i] as Step).touches) touches.add(ns);
    extraTouches.set(j, touches);
  });

  const stages: Building[] = [];
  let stage = newStage();
  const push = () => {
    stages.push(stage);
    stage = newStage();
  };
  steps.forEach((step, i) => {
    if ((elidedInto[i] as number) >= 0) return;
    const op = ops[i] as Op;
    const also = implied.get(i);
    const opsDone = also === undefined ? [i] : [i].concat(also);
    const line: PlannedLine = step.phase === "ns" ? new NsPlannedLine(step, opsDone, op) : { step, ops: opsDone };
    if (step.phase === "create") {
      // Creations only add objects: they wait only for removals of the names they may reuse.
      if (anyIn(step.touches, stage.removed) || anyIn(step.touches, stage.destroyTouches)) push();
      if (joinSysctl(stage, line)) return;
      stage.create.push(line);
    } else if (step.phase === "ns") {
      const others = step.touches.filter((n) => n !== step.ns);
      if (anyIn(step.touches, stage.destroyTouches) || anyIn(step.touches, stage.locked) || anyIn(others, stage.ns))
        push();
      const lines = stage.ns.get(step.ns) ?? [];
      lines.push(line);
      stage.ns.set(step.ns, lines);
      for (const n of others) stage.locked.add(n);
      if (others.length > 0) for (const n of step.touches) stage.removed.add(n);
    } else {
      stage.destroy.push(line);
      for (const n of step.touches) stage.destroyTouches.add(n);
      for (const n of extraTouches.get(i) ?? []) stage.destroyTouches.add(n);
    }
  });
  if (stage.create.length + stage.ns.size + stage.destroy.length > 0) push();
  return stages.map(({ create, ns, destroy }) => madeInside({ create: creationOrder(create), ns, destroy }));
}
