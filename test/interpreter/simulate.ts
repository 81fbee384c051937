// A test-only kernel: applies ops to a kernel-view-shaped state with the kernel's semantics
// (a veth end takes its peer along, a vanished dev takes its routes, link down flushes routes
// and IPv6 addresses, the last IPv4 address takes the IPv4 routes) and throws on impossible ops.
import ipaddr from "ipaddr.js";
import { FRESH_SYSCTLS } from "../../src/interpreter/forwarding.js";
import { type KernelView, type RouteView, routeKey, sortView } from "../../src/interpreter/kernel-view.js";
import { nftScript } from "../../src/interpreter/ops/nft.js";
import { qdiscWords } from "../../src/interpreter/ops/qdisc.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { HOST } from "../../src/interpreter/world.js";

interface SimIface {
  up: boolean;
  addresses: string[];
  peer?: string;
  master?: string;
  bridge?: boolean;
  qdisc?: string;
  mtu?: number;
}
interface SimNs {
  ifaces: Map<string, SimIface>;
  routes: RouteView[];
  sysctls: Record<string, string>;
  firewall?: string;
  processes?: string[];
}
type Kernel = Map<string, SimNs>;

const refuse = (op: Op, why: string): never => {
  throw new Error(`simulate: ${op.kind} ${JSON.stringify(op)}: ${why}`);
};

const family = (address: string) => (ipaddr.parse(address).kind() === "ipv4" ? 4 : 6);
const addressOf = (cidr: string) => ipaddr.parseCIDR(cidr)[0].toString();
const subnetOf = (cidr: string) => {
  const [ip, length] = ipaddr.parseCIDR(cidr);
  const net =
    ip.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${net.toString()}/${length}`;
};
const onSubnet = (cidr: string, address: string) => {
  const [net, length] = ipaddr.parseCIDR(cidr);
  const ip = ipaddr.parse(address);
  return ip.kind() === net.kind() && ip.match(net, length);
};

function load(view: KernelView): Kernel {
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

/** The machine's namespace always exists; a view lists it only when something is in it. */
const hostNs = (kernel: Kernel): SimNs => {
  const ns: SimNs = { ifaces: new Map(), routes: [], sysctls: {} };
  kernel.set(HOST, ns);
  return ns;
};

function save(kernel: Kernel): KernelView {
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

const flushRoutes = (ns: SimNs, dev: string, fam?: 4 | 6) => {
  ns.routes = ns.routes.filter((r) => r.dev !== dev || (fam !== undefined && r.family !== fam));
};

/** An interface goes away: so do the routes through it. */
function dropIface(kernel: Kernel, node: string, ifname: string): void {
  const ns = kernel.get(node);
  if (!ns) return;
  ns.ifaces.delete(ifname);
  flushRoutes(ns, ifname);
}

function splitEnd(end: string): [string, string] {
  const i = end.indexOf(":");
  return [end.slice(0, i), end.slice(i + 1)];
}

function apply(kernel: Kernel, op: Op): void {
  const nsOf = (node: string) =>
    kernel.get(node) ?? (node === HOST ? hostNs(kernel) : refuse(op, `no namespace ${node}`));
  const ifaceOf = (node: string, ifname: string) =>
    nsOf(node).ifaces.get(ifname) ?? refuse(op, `no interface ${node}:${ifname}`);
  switch (op.kind) {
    case "netns.add":
      if (op.node === HOST) refuse(op, "the machine's namespace is not the lab's");
      if (kernel.has(op.node)) refuse(op, "namespace exists");
      kernel.set(op.node, {
        ifaces: new Map([["lo", { up: false, addresses: [] }]]),
        routes: [],
        sysctls: { ...FRESH_SYSCTLS },
      });
      return;
    case "netns.del": {
      if (op.node === HOST) refuse(op, "the machine's namespace is not the lab's");
      const ns = nsOf(op.node);
      // A process inside keeps the namespace alive after `ip netns del`: it must have been ended.
      if ((ns.processes ?? []).length > 0) refuse(op, `processes still run there: ${ns.processes?.join(", ")}`);
      for (const iface of ns.ifaces.values()) if (iface.peer) dropIface(kernel, ...splitEnd(iface.peer));
      kernel.delete(op.node);
      return;
    }
    case "veth.add":
      for (const end of [op.a, op.b]) if (nsOf(end.node).ifaces.has(end.ifname)) refuse(op, "interface exists");
      nsOf(op.a.node).ifaces.set(op.a.ifname, { up: false, addresses: [], peer: `${op.b.node}:${op.b.ifname}` });
      nsOf(op.b.node).ifaces.set(op.b.ifname, { up: false, addresses: [], peer: `${op.a.node}:${op.a.ifname}` });
      return;
    case "veth.del":
      if (ifaceOf(op.a.node, op.a.ifname).peer !== `${op.b.node}:${op.b.ifname}`) refuse(op, "not that veth pair");
      dropIface(kernel, op.a.node, op.a.ifname);
      dropIface(kernel, op.b.node, op.b.ifname);
      return;
    case "link.set": {
      const iface = ifaceOf(op.node, op.ifname);
      // Not refused by a kernel, but an op that changes nothing would have a wrong inverse.
      if (iface.up === op.up) refuse(op, `already ${op.up ? "up" : "down"}`);
      iface.up = op.up;
      if (!op.up) {
        flushRoutes(nsOf(op.node), op.ifname);
        iface.addresses = iface.addresses.filter((c) => family(addressOf(c)) === 4);
      }
      return;
    }
    case "bridge.add":
      if (nsOf(op.node).ifaces.has(op.ifname)) refuse(op, "interface exists");
      nsOf(op.node).ifaces.set(op.ifname, { up: false, addresses: [], bridge: true });
      return;
    case "bridge.del": {
      if (!ifaceOf(op.node, op.ifname).bridge) refuse(op, "not a bridge");
      // Its ports stay, no longer enslaved.
      for (const i of nsOf(op.node).ifaces.values()) if (i.master === op.ifname) delete i.master;
      dropIface(kernel, op.node, op.ifname);
      return;
    }
    case "link.master": {
      const iface = ifaceOf(op.node, op.ifname);
      if (!ifaceOf(op.node, op.master).bridge) refuse(op, "master is not a bridge");
      if (iface.master !== undefined) refuse(op, `already a port of ${iface.master}`);
      iface.master = op.master;
      return;
    }
    case "link.nomaster": {
      const iface = ifaceOf(op.node, op.ifname);
      // Not refused by a kernel, but an op that changes nothing would have a wrong inverse.
      if (iface.master !== op.master) refuse(op, `not a port of ${op.master}`);
      delete iface.master;
      return;
    }
    case "iface.move": {
      const iface = ifaceOf(op.from, op.ifname);
      if (nsOf(op.to).ifaces.has(op.ifname)) refuse(op, "interface exists where it goes");
      // It arrives down and bare; the routes through it stay behind and vanish.
      dropIface(kernel, op.from, op.ifname);
      nsOf(op.to).ifaces.set(op.ifname, { up: false, addresses: [], ...(iface.peer ? { peer: iface.peer } : {}) });
      const [peerNode, peerIf] = iface.peer ? splitEnd(iface.peer) : [];
      const peer = peerNode === undefined ? undefined : kernel.get(peerNode)?.ifaces.get(peerIf ?? "");
      if (peer) peer.peer = `${op.to}:${op.ifname}`;
      return;
    }
    case "link.mtu": {
      const iface = ifaceOf(op.node, op.ifname);
      // A moved interface going home gets its own MTU back (moved.ts: previous = mtu), whatever the
      // simulation knew of it; any other op must name the MTU it replaces, which undo puts back.
      if (op.mtu === op.previous) return;
      if ((iface.mtu ?? 1500) !== op.previous) refuse(op, `mtu is ${iface.mtu ?? 1500}, not ${op.previous}`);
      if (op.mtu === 1500) delete iface.mtu;
      else iface.mtu = op.mtu;
      return;
    }
    case "qdisc.set": {
      const iface = ifaceOf(op.node, op.ifname);
      const words = (c: typeof op.conditions) => (c === undefined ? undefined : qdiscWords(c).join(" "));
      if (iface.qdisc !== words(op.previous))
        refuse(op, `qdisc is ${iface.qdisc ?? "none"}, not ${words(op.previous)}`);
      // `tc qdisc del` of the default qdisc fails: "Cannot delete qdisc with handle of zero".
      if (op.conditions === undefined && iface.qdisc === undefined) refuse(op, "no qdisc to delete");
      const next = words(op.conditions);
      if (next === undefined) delete iface.qdisc;
      else iface.qdisc = next;
      return;
    }
    case "addr.add": {
      const iface = ifaceOf(op.node, op.ifname);
      if (iface.addresses.some((c) => addressOf(c) === addressOf(op.cidr))) refuse(op, "address exists");
      iface.addresses.push(op.cidr);
      return;
    }
    case "addr.del": {
      const iface = ifaceOf(op.node, op.ifname);
      if (!iface.addresses.includes(op.cidr)) refuse(op, "no such address");
      iface.addresses = iface.addresses.filter((c) => c !== op.cidr);
      const v4Left = iface.addresses.some((c) => family(addressOf(c)) === 4);
      if (family(addressOf(op.cidr)) === 4 && !v4Left) flushRoutes(nsOf(op.node), op.ifname, 4);
      return;
    }
    case "route.add": {
      const ns = nsOf(op.node);
      const r = op.route;
      const devName = r.dev ?? refuse(op, "route without dev");
      const dev = ifaceOf(op.node, devName);
      if (!dev.up) refuse(op, "Nexthop device is not up");
      if (!dev.addresses.some((c) => onSubnet(c, r.via))) refuse(op, "Nexthop has invalid gateway");
      for (const i of ns.ifaces.values())
        if (i.addresses.some((c) => addressOf(c) === r.via)) refuse(op, "gateway is a local address");
      if (ns.routes.some((x) => x.destination === r.destination && x.family === r.family)) refuse(op, "File exists");
      // IPv4 connected routes share the static routes' metric: the same destination clashes.
      for (const i of ns.ifaces.values())
        if (i.addresses.some((c) => family(addressOf(c)) === 4 && subnetOf(c) === r.destination))
          refuse(op, "File exists (connected route)");
      ns.routes.push({ destination: r.destination, family: r.family, via: r.via, dev: devName });
      return;
    }
    case "route.del": {
      const ns = nsOf(op.node);
      const key = routeKey(op.route);
      if (!ns.routes.some((r) => routeKey(r) === key)) refuse(op, "No such process");
      ns.routes = ns.routes.filter((r) => routeKey(r) !== key);
      return;
    }
    case "fw.set": {
      const ns = nsOf(op.node);
      const script = (rules: typeof op.rules) => (rules.length === 0 ? undefined : nftScript(rules));
      if (ns.firewall !== script(op.previous)) refuse(op, `firewall is ${ns.firewall}, not ${script(op.previous)}`);
      const next = script(op.rules);
      if (next === undefined) delete ns.firewall;
      else ns.firewall = next;
      return;
    }
    case "proc.start": {
      const ns = nsOf(op.node);
      const p = `${op.id} ${op.command}`;
      if (ns.processes?.includes(p)) refuse(op, "already running");
      ns.processes = [...(ns.processes ?? []), p];
      return;
    }
    case "proc.stop": {
      const ns = nsOf(op.node);
      const p = `${op.id} ${op.command}`;
      if (!ns.processes?.includes(p)) refuse(op, "not running");
      ns.processes = (ns.processes ?? []).filter((x) => x !== p);
      return;
    }
    case "sysctl.set": {
      const ns = nsOf(op.node);
      if (!(op.key in ns.sysctls)) refuse(op, "unknown sysctl");
      // The recorded previous value is what undo puts back: it must be the real one.
      if (ns.sysctls[op.key] !== op.previous) refuse(op, `previous is ${ns.sysctls[op.key]}, not ${op.previous}`);
      ns.sysctls[op.key] = op.value;
      return;
    }
  }
}

export function simulate(view: KernelView, ops: readonly Op[]): KernelView {
  const kernel = load(view);
  for (const op of ops) apply(kernel, op);
  return save(kernel);
}
