// What an op kind is, in one place (ops/kinds/*.ts): the compiler checks that every kind of the Op
// union (types.ts) has each of these, so a kind added without one of them does not compile.
// ProseMirror's Step keeps apply and invert together the same way; the ops stay plain data.
import type { KernelObject } from "../../diagnostic.js";
import type { SimKernel } from "./sim-kernel.js";
import type { NsName, RtnlRequest, Step } from "./step.js";
import type { Op } from "./types.js";

export interface OpSpec<O extends Op> {
  /** The op that undoes it: applying op then its inverse leaves the kernel as it was. */
  readonly inverse: (op: O) => Op;
  /** Its batch line and stand-alone command; `ns` names a node's namespace (`host`: MACHINE_NS). */
  readonly lower: (op: O, ns: NsName) => Step;
  /** The rtnetlink helper's request for it; undefined where the helper does not carry the kind. */
  readonly rtnl: ((op: O) => RtnlRequest) | undefined;
  /** The object it works on, in words, for the report of a rollback that failed (`nsName` unprefixed). */
  readonly words: (op: O, nsName: NsName) => KernelObject;
  /**
   * The existing interface whose state it changes, as `node:ifname` (a route's is its dev): when that
   * interface goes (its veth deleted, its namespace deleted, moved away), the op's work goes with it.
   * Undefined for ops that make, delete or move interfaces, or work on no interface.
   */
  readonly iface: (op: O) => string | undefined;
  /**
   * The names it makes and those it removes (`ns NODE`, `if NODE:IFNAME`): the steps of an undo N
   * are batched together unless one makes a name an earlier one removed (runtime/parts.ts).
   */
  readonly names: (op: O) => Names;
  /** The nodes whose namespaces it works in (`host`: the machine's own). */
  readonly nodes: (op: O) => readonly string[];
  /** Its effect on a simulated kernel (the tests' oracle); throws where the kernel would refuse it. */
  readonly effect: (kernel: SimKernel, op: O) => void;
}

export interface Names {
  readonly made: readonly string[];
  readonly gone: readonly string[];
}

/** A namespace's name and an interface's, as `names` gives them. */
export const nsKey = (node: string): string => `ns ${node}`;
export const ifKey = (node: string, ifname: string): string => `if ${node}:${ifname}`;

/** An op that makes and removes no namespace or interface. */
export const NO_NAMES: Names = { made: [], gone: [] };

/** The specs of a group of kinds: one entry for each, no more, no less. */
export type OpGroup<K extends Op["kind"]> = { readonly [P in K]: OpSpec<Extract<Op, { kind: P }>> };
