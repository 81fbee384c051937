// A made-up machine for interpreter tests of `host` and `move`: its interfaces and routes as the
// runtime would read them, the facts it shows while some of its interfaces are in the lab, and
// the round trip with the machine's own interfaces in the simulated kernel.
import { expect } from "vitest";
import {
  type IfaceView,
  type KernelView,
  kernelView,
  type RouteView,
  sortView,
} from "../../src/interpreter/kernel-view.js";
import {
  type MachineFacts,
  type MachineIface,
  type MachineRoute,
  type MachineState,
  restorableRoutes,
} from "../../src/interpreter/machine.js";
import { invertAll } from "../../src/interpreter/ops/inverse.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import type { Change } from "../../src/interpreter/plan.js";
import { HOST, type World } from "../../src/interpreter/world.js";
import { checkInvariants } from "./harness.js";

const iface = (name: string, mtu: number, up: boolean, addresses: string[]): [string, MachineIface] => [
  name,
  { name, mtu, up, addresses },
];

const kernelRoute = (destination: string, dev: string, extra: Partial<MachineRoute> = {}): MachineRoute => ({
  destination,
  family: destination.includes(":") ? 6 : 4,
  devs: [dev],
  protocol: "kernel",
  ...extra,
});

/** eth0 carries the default routes; eth5 is up with addresses and a static route; eth6 is down and bare. */
export const MACHINE: MachineState = {
  interfaces: new Map([
    iface("lo", 65536, true, ["127.0.0.1/8", "::1/128"]),
    iface("eth0", 1500, true, ["192.0.2.2/24", "fd00::2/64"]),
    iface("eth5", 1400, true, ["10.99.0.5/24", "fd99::5/64"]),
    iface("eth6", 1500, false, []),
  ]),
  routes: [
    { destination: "default", family: 4, devs: ["eth0"], via: "192.0.2.1" },
    kernelRoute("192.0.2.0/24", "eth0"),
    { destination: "default", family: 6, devs: ["eth0"], via: "fd00::1", metric: 1024 },
    kernelRoute("fd00::/64", "eth0", { metric: 256 }),
    kernelRoute("10.99.0.0/24", "eth5"),
    kernelRoute("fd99::/64", "eth5", { metric: 256 }),
    { destination: "10.50.0.0/16", family: 4, devs: ["eth5"], via: "10.99.0.1" },
    kernelRoute("127.0.0.0/8", "lo", { table: "local", type: "local" }),
    kernelRoute("192.0.2.2/32", "eth0", { table: "local", type: "local" }),
  ],
};

export const STEM = "nlabc123";

/** What the machine shows while the lab holds some of its interfaces (and has its host ends). */
export function factsFor(world: World, base: MachineState = MACHINE): MachineFacts {
  const gone = (name: string) => world.moved.has(name);
  const interfaces = new Map([...base.interfaces].filter(([name]) => !gone(name)));
  for (const i of world.host.ifaces.values())
    interfaces.set(i.name, { name: i.name, mtu: 1500, up: i.up, addresses: i.addresses });
  const routes = base.routes.filter((r) => !r.devs.some(gone));
  return { stem: STEM, state: { interfaces, routes } };
}

/** The kernel view plus the machine's own interfaces (not lo) and their restorable routes, where they are. */
export function machineView(world: World, base: MachineState = MACHINE): KernelView {
  const view = kernelView(world);
  const interfaces: IfaceView[] = [];
  const routes: RouteView[] = [];
  for (const i of base.interfaces.values()) {
    if (i.name === "lo" || world.moved.has(i.name)) continue;
    interfaces.push({
      name: i.name,
      up: i.up,
      addresses: i.addresses,
      ...(i.qdisc ? { qdisc: i.qdisc.join(" ") } : {}),
      ...(i.conf ? { conf: Object.fromEntries(i.conf.map((c) => [c.key, c.value])) } : {}),
    });
    for (const r of restorableRoutes(base, i.name))
      routes.push({ destination: r.destination, family: r.family, via: r.via, ...(r.dev ? { dev: r.dev } : {}) });
  }
  const others = view.namespaces.filter((ns) => ns.name !== HOST);
  const host = view.namespaces.find((ns) => ns.name === HOST);
  // The lab's own host routes (`route host … via A`) sit beside the machine's.
  const merged = {
    name: HOST,
    interfaces: [...(host?.interfaces ?? []), ...interfaces],
    routes: [...(host?.routes ?? []), ...routes],
    sysctls: host?.sysctls ?? {},
  };
  const empty = merged.interfaces.length + merged.routes.length === 0;
  return sortView(empty ? others : [...others, merged]);
}

/** The round trip of expectRoundTrip, with the machine's interfaces in the simulated kernel too. */
export function expectRoundTripOn(change: Change, base: MachineState = MACHINE): void {
  const before = machineView(change.before, base);
  const after = machineView(change.after, base);
  expect(simulate(before, change.ops)).toEqual(after);
  expect(simulate(after, invertAll(change.ops))).toEqual(before);
  checkInvariants(change.after);
}
