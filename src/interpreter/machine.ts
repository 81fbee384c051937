// Facts about the machine's own namespace, read by the runtime just before a statement that
// touches it (`link … <-> host`, `move`) and handed in as data, so the interpreter stays pure.
import type { LabStatement, Statement } from "../../grammar/ast.js";
import { specOf } from "./ops/table.js";
import type { Op, RouteSpec } from "./ops/types.js";
import { type AddrDetail, type ConfSetting, HOST, type Origin } from "./world.js";

/** Part of the World (an interface moved in keeps it); named here too, where it is read from the machine. */
export type { Origin } from "./world.js";

/** One route of the machine, from any table. */
export interface MachineRoute {
  /** `default` or a prefix (`192.0.2.0/24`; a host route as `/32` or `/128`). */
  readonly destination: string;
  readonly family: 4 | 6;
  /** Devices it leaves through (several for a multipath route). */
  readonly devs: readonly string[];
  readonly via?: string;
  /** Absent for the main table. */
  readonly table?: string;
  readonly protocol?: string;
  readonly metric?: number;
  /** Absent for unicast. */
  readonly type?: string;
}

export interface MachineIface {
  readonly name: string;
  readonly mtu: number;
  readonly up: boolean;
  /** CIDR texts of its global addresses (no link-local ones: the kernel makes those itself). */
  readonly addresses: readonly string[];
  /** What an address has besides: broadcast, label, peer (by its CIDR). */
  readonly details?: Readonly<Record<string, AddrDetail>>;
  /** Read only for the interface a `move` names (machineDetailFor): its own root qdisc, as tc takes it back. */
  readonly qdisc?: readonly string[];
  /** The same: a root qdisc netl cannot put back (classful), by its kind. */
  readonly lostQdisc?: string;
  /** The same: its settings that differ from a new interface's. */
  readonly conf?: readonly ConfSetting[];
}

export interface MachineState {
  readonly interfaces: ReadonlyMap<string, MachineIface>;
  readonly routes: readonly MachineRoute[];
}

export interface MachineFacts {
  /** The start of this lab's interface names on the machine (host-names.ts). */
  readonly stem: string;
  /** The machine just before the statement; absent when not read (`netl check`, `netl plan`, tests). */
  readonly state?: MachineState;
}

export const DEFAULT_STEM = "nl000000";

/** Facts for a statement that was not given any: nothing known about the machine. */
export const UNREAD: MachineFacts = { stem: DEFAULT_STEM };

/** Routes the kernel drops with an interface's addresses and will not make again: static ones with a gateway. */
export function restorableRoutes(state: MachineState, ifname: string): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const r of state.routes) {
    if (r.table !== undefined || r.type !== undefined || r.via === undefined) continue;
    if (r.devs.length !== 1 || r.devs[0] !== ifname) continue;
    if (r.protocol === "kernel" || r.protocol === "ra" || r.protocol === "redirect") continue;
    out.push({
      destination: r.destination,
      family: r.family,
      via: r.via,
      dev: ifname,
      ...(r.metric === undefined ? {} : { metric: r.metric }),
    });
  }
  return out;
}

/** The machine's default routes that leave through this interface, in any table. */
export const defaultRoutesVia = (state: MachineState, ifname: string): MachineRoute[] =>
  state.routes.filter((r) => r.destination === "default" && r.devs.includes(ifname));

/** What a move records of a machine interface; an unread machine gives an interface with nothing to restore. */
export function originOf(facts: MachineFacts, ifname: string): Origin {
  const iface = facts.state?.interfaces.get(ifname);
  if (facts.state === undefined || iface === undefined)
    return { up: false, addresses: [], routes: [], defaultRoute: false };
  const details = Object.entries(iface.details ?? {}).filter(([cidr]) => iface.addresses.includes(cidr));
  return {
    up: iface.up,
    mtu: iface.mtu,
    addresses: iface.addresses,
    ...(details.length > 0 ? { details: Object.fromEntries(details) } : {}),
    routes: restorableRoutes(facts.state, ifname),
    defaultRoute: defaultRoutesVia(facts.state, ifname).length > 0,
    ...(iface.qdisc !== undefined ? { qdisc: iface.qdisc } : {}),
    ...(iface.lostQdisc !== undefined ? { lostQdisc: iface.lostQdisc } : {}),
    ...(iface.conf !== undefined && iface.conf.length > 0 ? { conf: iface.conf } : {}),
  };
}

/** The machine interface a statement moves into the lab, whose qdisc and settings are read too. */
export function machineDetailFor(stmt: Statement | LabStatement): string | undefined {
  if (stmt.kind !== "move") return undefined;
  const from = stmt.iface.node;
  return from === undefined || from.text === HOST ? stmt.iface.ifname.text : undefined;
}

const namesHost = (end: { readonly node: { readonly text: string } }): boolean => end.node.text === HOST;

/**
 * Whether the runtime should read the machine before evaluating this statement: it changes the
 * machine's own namespace. These statements take the machine-wide lock (driver/lab.ts) around their
 * read, check and change, `route host` among them.
 */
export function needsMachine(stmt: Statement | LabStatement): boolean {
  if (stmt.kind === "move") return true;
  if (stmt.kind === "link") return namesHost(stmt.a) || namesHost(stmt.b);
  if (stmt.kind === "route") return stmt.node.text === HOST;
  if (stmt.kind === "addr") return stmt.target.node.text === HOST;
  return false;
}

/** Whether an op changes the machine's own namespace (a host end, a moved interface, a route or address there). */
export const touchesMachine = (op: Op): boolean => specOf(op).nodes(op).includes(HOST);
