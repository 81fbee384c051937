// The kernel state a World implies, as plain JSON-comparable data, for comparing with what
// `ip -j` reports (and, in tests, with a simulated kernel).
import { sysctlValues } from "./forwarding.js";
import { peerEnd } from "./links.js";
import { firewallText } from "./ops/nft.js";
import { qdiscWords } from "./ops/qdisc.js";
import { endName } from "./summary.js";
import type { World } from "./world.js";

export interface IfaceView {
  readonly name: string;
  readonly up: boolean;
  /** CIDR texts, sorted. */
  readonly addresses: readonly string[];
  /** The other end of a veth: `node:ifname`. */
  readonly peer?: string;
  /** The bridge it is a port of. */
  readonly master?: string;
  /** A bridge device. */
  readonly bridge?: boolean;
  /** Its root qdisc as tc words (`netem delay 50ms`), when netl put one there. */
  readonly qdisc?: string;
  /** When not the veth's own 1500. */
  readonly mtu?: number;
  /** A machine interface's own settings put back (`ipv4/rp_filter`). */
  readonly conf?: Readonly<Record<string, string>>;
}

export interface RouteView {
  readonly destination: string;
  readonly family: 4 | 6;
  readonly via: string;
  readonly dev?: string;
}

export interface NamespaceView {
  readonly name: string;
  /** Sorted by name. */
  readonly interfaces: readonly IfaceView[];
  /** Sorted by family, destination, gateway, dev. */
  readonly routes: readonly RouteView[];
  /** The sysctls netl sets (forwarding.ts), `"0"` or `"1"`. */
  readonly sysctls: Readonly<Record<string, string>>;
  /** Its nftables table, as the script that makes it (ops/nft.ts); absent without rules. */
  readonly firewall?: string;
  /** What `spawn` runs there: `ID COMMAND`, in start order. */
  readonly processes?: readonly string[];
}

export interface KernelView {
  /** Sorted by name. */
  readonly namespaces: readonly NamespaceView[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const routeKey = (r: RouteView): string => `${r.family} ${r.destination} ${r.via} ${r.dev ?? ""}`;

/** Canonical order for every list, so two views compare with deep equality. */
export function sortView(namespaces: readonly NamespaceView[]): KernelView {
  return {
    namespaces: [...namespaces]
      .map((ns) => ({
        ...ns,
        interfaces: [...ns.interfaces]
          .map((i) => ({ ...i, addresses: [...i.addresses].sort(byText) }))
          .sort((a, b) => byText(a.name, b.name)),
        routes: [...ns.routes].sort((a, b) => byText(routeKey(a), routeKey(b))),
      }))
      .sort((a, b) => byText(a.name, b.name)),
  };
}

/**
 * The whole lab: inherently global, for tests and kernel comparisons, never per statement.
 * It holds only what netl manages: compare it with the kernel after dropping what the kernel
 * adds by itself (lo's 127.0.0.1/8 and ::1/128, fe80:: addresses, `proto kernel` routes).
 */
export function kernelView(world: World): KernelView {
  const namespaces: NamespaceView[] = [];
  // `host` when the lab owns something in the machine's namespace: its sysctls are not the lab's.
  const nodes = world.host.ifaces.size > 0 ? [...world.nodes.values(), world.host] : world.nodes.values();
  for (const node of nodes) {
    const interfaces: IfaceView[] = [];
    for (const iface of node.ifaces.values()) {
      const link = iface.link === undefined ? undefined : world.links.get(iface.link);
      interfaces.push({
        name: iface.name,
        up: iface.up,
        addresses: iface.addresses,
        ...(link === undefined ? {} : { peer: endName(peerEnd(link, node.name)) }),
        ...(iface.master === undefined ? {} : { master: iface.master }),
        ...(iface.bridge ? { bridge: true } : {}),
        ...(iface.conditions === undefined ? {} : { qdisc: qdiscWords(iface.conditions).join(" ") }),
        ...(iface.mtu === undefined ? {} : { mtu: iface.mtu }),
      });
    }
    const routes = node.routes.map((r) => ({
      destination: r.destination,
      family: r.family,
      via: r.via,
      ...(r.dev === undefined ? {} : { dev: r.dev }),
    }));
    const sysctls = node.kind === "host" ? {} : sysctlValues(node.kind);
    const firewall = (node.firewall ?? []).length > 0 ? { firewall: firewallText(node.firewall ?? []) } : {};
    const processes =
      (node.processes ?? []).length > 0 ? { processes: (node.processes ?? []).map((p) => `${p.id} ${p.command}`) } : {};
    namespaces.push({ name: node.name, interfaces, routes, sysctls, ...firewall, ...processes });
  }
  return sortView(namespaces);
}

/**
 * What of a view the kernel can be read back as (runtime/kernel-read.ts): a queue as its kind alone,
 * no firewall, no processes; every object's keys in one order, so two views compare as JSON text.
 */
export function readable(view: KernelView): KernelView {
  const iface = (i: IfaceView): IfaceView => ({
    name: i.name,
    up: i.up,
    addresses: i.addresses,
    ...(i.peer === undefined ? {} : { peer: i.peer }),
    ...(i.master === undefined ? {} : { master: i.master }),
    ...(i.bridge ? { bridge: true } : {}),
    ...(i.qdisc === undefined ? {} : { qdisc: i.qdisc.split(" ")[0] ?? i.qdisc }),
    ...(i.mtu === undefined ? {} : { mtu: i.mtu }),
  });
  const route = (r: RouteView): RouteView => ({
    destination: r.destination,
    family: r.family,
    via: r.via,
    ...(r.dev === undefined ? {} : { dev: r.dev }),
  });
  return sortView(
    view.namespaces.map((ns) => ({
      name: ns.name,
      interfaces: ns.interfaces.map(iface),
      routes: ns.routes.map(route),
      sysctls: Object.fromEntries(Object.entries(ns.sysctls).sort(([a], [b]) => byText(a, b))),
    })),
  );
}
