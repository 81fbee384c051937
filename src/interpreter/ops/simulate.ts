// The kernel as the tests' oracle: a KernelView with ops applied by each kind's `effect` (ops/kinds/),
// with the kernel's semantics (a veth end takes its peer along, a vanished dev takes its routes, link
// down flushes routes and IPv6 addresses, the last IPv4 address takes the IPv4 routes).
import ipaddr from "ipaddr.js";
import { FRESH_SYSCTLS } from "../forwarding.js";
import { type IfaceView, type KernelView, routeKey, sortView } from "../kernel-view.js";
import { HOST } from "../world.js";
import type { SimIface, SimKernel, SimNs } from "./sim-kernel.js";
import { specOf } from "./table.js";
import type { Op } from "./types.js";

/** The view after `ops`; throws at an op the kernel would refuse (what produced it has a bug). */
export function simulate(view: KernelView, ops: readonly Op[]): KernelView {
  const kernel = new Kernel(view);
  for (const op of ops) specOf(op).effect(kernel, op);
  return kernel.view();
}

class Kernel implements SimKernel {
  readonly #namespaces: Map<string, SimNs>;

  constructor(view: KernelView) {
    this.#namespaces = new Map(
      view.namespaces.map((ns) => [
        ns.name,
        {
          ifaces: new Map(ns.interfaces.map(({ name, ...i }): [string, SimIface] => [name, copy(i)])),
          routes: ns.routes.map((r) => ({ ...r })),
          sysctls: { ...ns.sysctls },
          ...(ns.firewall ? { firewall: ns.firewall } : {}),
          ...(ns.processes ? { processes: [...ns.processes] } : {}),
        },
      ]),
    );
  }

  view(): KernelView {
    // The machine's namespace is shown only when something of the lab is in it.
    const shown = [...this.#namespaces].filter(([name, ns]) => name !== HOST || ns.ifaces.size + ns.routes.length > 0);
    return sortView(
      shown.map(([name, ns]) => ({
        name,
        interfaces: [...ns.ifaces].map(([ifname, i]) => ({ name: ifname, ...i })),
        routes: ns.routes,
        sysctls: ns.sysctls,
        ...(ns.firewall ? { firewall: ns.firewall } : {}),
        ...(ns.processes && ns.processes.length > 0 ? { processes: ns.processes } : {}),
      })),
    );
  }

  refuse(op: { readonly kind: string }, why: string): never {
    throw new Error(`simulate: ${op.kind} ${JSON.stringify(op)}: ${why}`);
  }

  hasNs(node: string): boolean {
    return this.#namespaces.has(node);
  }

  ns(op: { readonly kind: string }, node: string): SimNs {
    const ns = this.#namespaces.get(node);
    if (ns) return ns;
    if (node !== HOST) return this.refuse(op, `no namespace ${node}`);
    // The machine's namespace always exists; a view lists it only when something is in it.
    const host: SimNs = { ifaces: new Map(), routes: [], sysctls: {} };
    this.#namespaces.set(HOST, host);
    return host;
  }

  iface(op: { readonly kind: string }, node: string, ifname: string): SimIface {
    return this.ns(op, node).ifaces.get(ifname) ?? this.refuse(op, `no interface ${node}:${ifname}`);
  }

  find(node: string, ifname: string): SimIface | undefined {
    return this.#namespaces.get(node)?.ifaces.get(ifname);
  }

  addNs(node: string): void {
    this.#namespaces.set(node, {
      ifaces: new Map([["lo", { up: false, addresses: [] }]]),
      routes: [],
      sysctls: { ...FRESH_SYSCTLS },
    });
  }

  deleteNs(node: string): void {
    this.#namespaces.delete(node);
  }

  dropIface(node: string, ifname: string): void {
    const ns = this.#namespaces.get(node);
    if (!ns) return;
    ns.ifaces.delete(ifname);
    this.flushRoutes(ns, ifname);
  }

  flushRoutes(ns: SimNs, dev: string, family?: 4 | 6): void {
    ns.routes = ns.routes.filter((r) => r.dev !== dev || (family !== undefined && r.family !== family));
  }

  family(address: string): 4 | 6 {
    return ipaddr.parse(address).kind() === "ipv4" ? 4 : 6;
  }

  addressOf(cidr: string): string {
    return ipaddr.parseCIDR(cidr)[0].toString();
  }

  subnetOf(cidr: string): string {
    const [ip, length] = ipaddr.parseCIDR(cidr);
    const net =
      ip.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
    return `${net.toString()}/${length}`;
  }

  onSubnet(cidr: string, address: string): boolean {
    const [net, length] = ipaddr.parseCIDR(cidr);
    const ip = ipaddr.parse(address);
    return ip.kind() === net.kind() && ip.match(net, length);
  }

  routeKey = routeKey;
}

const copy = (i: Omit<IfaceView, "name">): SimIface => ({
  up: i.up,
  addresses: [...i.addresses],
  ...(i.peer ? { peer: i.peer } : {}),
  ...(i.master ? { master: i.master } : {}),
  ...(i.bridge ? { bridge: true } : {}),
  ...(i.qdisc ? { qdisc: i.qdisc } : {}),
  ...(i.mtu ? { mtu: i.mtu } : {}),
  ...(i.conf ? { conf: { ...i.conf } } : {}),
});
