// A simulated kernel: the state each op's `effect` (ops/kinds/*.ts) works on, with the kernel's
// semantics the effects share (a vanished interface takes its routes along), loaded from and saved
// to a KernelView. It is the tests' oracle: an op the kernel would refuse throws, since an
// interpreter that produced it has a bug.
import ipaddr from "ipaddr.js";
import { type KernelView, type RouteView, sortView } from "../kernel-view.js";
import { HOST } from "../world.js";

export interface SimIface {
  up: boolean;
  addresses: string[];
  peer?: string;
  master?: string;
  bridge?: boolean;
  qdisc?: string;
  mtu?: number;
}

export interface SimNs {
  ifaces: Map<string, SimIface>;
  routes: RouteView[];
  sysctls: Record<string, string>;
  firewall?: string;
  processes?: string[];
}

/** Namespaces by node name (`host`: the machine's). */
export type SimKernel = Map<string, SimNs>;

export const refuse = (op: { readonly kind: string }, why: string): never => {
  throw new Error(`simulate: ${op.kind} ${JSON.stringify(op)}: ${why}`);
};

export const family = (address: string): 4 | 6 => (ipaddr.parse(address).kind() === "ipv4" ? 4 : 6);
export const addressOf = (cidr: string): string => ipaddr.parseCIDR(cidr)[0].toString();
export const subnetOf = (cidr: string): string => {
  const [ip, length] = ipaddr.parseCIDR(cidr);
  const net =
    ip.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${net.toString()}/${length}`;
};
export const onSubnet = (cidr: string, address: string): boolean => {
  const [net, length] = ipaddr.parseCIDR(cidr);
  const ip = ipaddr.parse(address);
  return ip.kind() === net.kind() && ip.match(net, length);
};

/** The namespace of `node`: the machine's always exists (a view lists it only when something is in it). */
export function nsIn(kernel: SimKernel, op: { readonly kind: string }, node: string): SimNs {
  const ns = kernel.get(node);
  if (ns) return ns;
  if (node !== HOST) return refuse(op, `no namespace ${node}`);
  const host: SimNs = { ifaces: new Map(), routes: [], sysctls: {} };
  kernel.set(HOST, host);
  return host;
}

export function ifaceIn(kernel: SimKernel, op: { readonly kind: string }, node: string, ifname: string): SimIface {
  return nsIn(kernel, op, node).ifaces.get(ifname) ?? refuse(op, `no interface ${node}:${ifname}`);
}

/** The routes through `dev` go (of one family, or all). */
export const flushRoutes = (ns: SimNs, dev: string, fam?: 4 | 6): void => {
  ns.routes = ns.routes.filter((r) => r.dev !== dev || (fam !== undefined && r.family !== fam));
};

/** An interface goes away: so do the routes through it. */
export function dropIface(kernel: SimKernel, node: string, ifname: string): void {
  const ns = kernel.get(node);
  if (!ns) return;
  ns.ifaces.delete(ifname);
  flushRoutes(ns, ifname);
}

/** `node:ifname` as its two parts. */
export function splitEnd(end: string): [string, string] {
  const i = end.indexOf(":");
  return [end.slice(0, i), end.slice(i + 1)];
}

export function loadKernel(view: KernelView): SimKernel {
  return new Map(
    view.namespaces.map((ns) => [
      ns.name,
      {
        ifaces: new Map(
          ns.interfaces.map((i) => [
            i.name,
            {
              up: i.up,
              addresses: [...i.addresses],
              ...(i.peer ? { peer: i.peer } : {}),
              ...(i.master ? { master: i.master } : {}),
              ...(i.bridge ? { bridge: true } : {}),
              ...(i.qdisc ? { qdisc: i.qdisc } : {}),
              ...(i.mtu ? { mtu: i.mtu } : {}),
            },
          ]),
        ),
        routes: ns.routes.map((r) => ({ ...r })),
        sysctls: { ...ns.sysctls },
        ...(ns.firewall ? { firewall: ns.firewall } : {}),
        ...(ns.processes ? { processes: [...ns.processes] } : {}),
      },
    ]),
  );
}

export function saveKernel(kernel: SimKernel): KernelView {
  const shown = [...kernel].filter(([name, ns]) => name !== HOST || ns.ifaces.size + ns.routes.length > 0);
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
