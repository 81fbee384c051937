// The World that says what the kernel has, when a rollback the kernel refused in part left the lab
// neither before nor after its change: nodes, interfaces, links, addresses and routes as read back
// (runtime/kernel-read.ts), and what the kernel cannot tell (a switch's prefixes, a queue's
// conditions, firewall rules, processes, a moved interface's origin, `route auto`'s mark) taken from
// the Worlds the lab was in, the first that has the same thing.
import { Map as IMap, OrderedMap } from "immutable";
import { addressOf } from "./addressing.js";
import { type IfaceView, type KernelView, kernelView, type NamespaceView, readable } from "./kernel-view.js";
import { qdiscWords } from "./ops/qdisc.js";
import { splitEnd } from "./ops/sim-kernel.js";
import { HOST, type Iface, type Link, type LinkEndRef, type Node, nodeOf, type Route, type World } from "./world.js";

const endKey = (e: LinkEndRef): string => `${e.node}:${e.ifname}`;

/** The first World's thing that `pick` finds. */
const firstOf = <T>(worlds: readonly World[], pick: (w: World) => T | undefined): T | undefined => {
  for (const w of worlds) {
    const found = pick(w);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** The links the view's veth pairs are: a known link's id where one joins the same two ends. */
function linksOf(view: KernelView, known: readonly World[]): { links: Link[]; next: number } {
  let next = Math.max(1, ...known.map((w) => w.nextLinkId));
  const knownIds = new Map<string, number>();
  for (const w of known)
    for (const l of w.links.values()) {
      const key = [endKey(l.a), endKey(l.b)].sort().join(" ");
      if (!knownIds.has(key)) knownIds.set(key, l.id);
    }
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const ns of view.namespaces)
    for (const i of ns.interfaces) {
      if (i.peer === undefined) continue;
      const here = `${ns.name}:${i.name}`;
      const key = [here, i.peer].sort().join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      const [node, ifname] = splitEnd(i.peer);
      const id = knownIds.get(key) ?? next++;
      links.push({ id, a: { node: ns.name, ifname: i.name }, b: { node, ifname } });
    }
  return { links, next };
}

function ifaceFrom(i: IfaceView, node: string, link: number | undefined, known: readonly World[]): Iface {
  const was = firstOf(known, (w) => nodeOf(w, node)?.ifaces.get(i.name));
  // Addresses in the order the lab added them, then any it did not know.
  const order = was?.addresses ?? [];
  const addresses = [...order.filter((a) => i.addresses.includes(a)), ...i.addresses.filter((a) => !order.includes(a))];
  // Conditions are read back as the queue's kind: those of the known interface with that kind.
  const conditions =
    i.qdisc === undefined
      ? undefined
      : firstOf(known, (w) => {
          const c = nodeOf(w, node)?.ifaces.get(i.name)?.conditions;
          return c !== undefined && qdiscWords(c)[0] === i.qdisc ? c : undefined;
        });
  const origin = was?.origin ?? (i.peer === undefined && node !== HOST ? movedOrigin(known, i.name) : undefined);
  return {
    name: i.name,
    addresses,
    up: i.up,
    ...(link === undefined ? {} : { link }),
    ...(i.master === undefined ? {} : { master: i.master }),
    ...(i.bridge ? { bridge: true } : {}),
    ...(conditions === undefined ? {} : { conditions }),
    ...(i.mtu === undefined ? {} : { mtu: i.mtu }),
    ...(origin === undefined ? {} : { origin }),
  };
}

/** A moved interface's state on the machine, wherever it was in the lab (a veth end's peer there is not read). */
const movedOrigin = (known: readonly World[], ifname: string) =>
  firstOf(known, (w) => {
    const at = w.moved.get(ifname);
    return at === undefined ? undefined : w.nodes.get(at)?.ifaces.get(ifname)?.origin;
  });

function nodeFrom(ns: NamespaceView, linkOf: ReadonlyMap<string, number>, known: readonly World[]): Node {
  const was = firstOf(known, (w) => nodeOf(w, ns.name));
  const kind =
    ns.name === HOST
      ? "host"
      : ns.sysctls["net.ipv4.ip_forward"] === "1"
        ? "router"
        : ns.interfaces.some((i) => i.bridge)
          ? "switch"
          : "ns";
  // Interfaces in the lab's order (lo first), then any it did not know.
  const order = [...(was?.ifaces.keys() ?? [])];
  const views = [...ns.interfaces].sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const ifaces = OrderedMap<string, Iface>(
    views.map((i) => [i.name, ifaceFrom(i, ns.name, linkOf.get(`${ns.name}:${i.name}`), known)]),
  );
  const routes = ns.routes.map((r): Route => {
    const same = (k: Route) => k.family === r.family && k.destination === r.destination && k.via === r.via;
    const auto = firstOf(known, (w) => nodeOf(w, ns.name)?.routes.find(same))?.auto;
    return {
      destination: r.destination,
      family: r.family,
      via: r.via,
      ...(r.dev === undefined ? {} : { dev: r.dev }),
      ...(auto ? { auto } : {}),
    };
  });
  return {
    name: ns.name,
    kind,
    ifaces,
    routes,
    ...(kind === "switch" && was?.prefixes !== undefined ? { prefixes: was.prefixes } : {}),
    ...(was?.processes === undefined ? {} : { processes: was.processes }),
    ...(was?.firewall === undefined ? {} : { firewall: was.firewall }),
  };
}

const rank = (order: readonly string[], name: string): number => {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
};

/** The World whose kernel view is `view` (as far as the kernel can be read back), helped by `known`. */
export function worldFromKernel(view: KernelView, known: readonly World[]): World {
  const { links, next } = linksOf(view, known);
  const linkOf = new Map(links.flatMap((l) => [[endKey(l.a), l.id] as const, [endKey(l.b), l.id] as const]));
  const order = [...new Set(known.flatMap((w) => [...w.nodes.keys()]))];
  const labNodes = view.namespaces
    .filter((ns) => ns.name !== HOST)
    .sort((a, b) => rank(order, a.name) - rank(order, b.name))
    .map((ns) => nodeFrom(ns, linkOf, known));
  const hostView = view.namespaces.find((ns) => ns.name === HOST);
  const host: Node = hostView
    ? nodeFrom(hostView, linkOf, known)
    : { name: HOST, kind: "host", ifaces: OrderedMap(), routes: [] };
  const nodes = OrderedMap(labNodes.map((n) => [n.name, n] as const));
  const all = [...labNodes, host];
  const addresses = all.flatMap((n) =>
    [...n.ifaces.values()].flatMap((i) =>
      i.addresses.map((a) => [addressOf(a), { node: n.name, ifname: i.name }] as const),
    ),
  );
  const moved = labNodes.flatMap((n) =>
    [...n.ifaces.values()].flatMap((i) => (i.origin === undefined ? [] : [[i.name, n.name] as const])),
  );
  return {
    nodes,
    links: OrderedMap(links.map((l) => [l.id, l] as const)),
    nextLinkId: next,
    addresses: IMap(addresses),
    host,
    moved: IMap(moved),
    nextProcId: Math.max(1, ...known.map((w) => w.nextProcId)),
  };
}

/** Where the World's kernel view and the kernel read back still differ (what the model cannot say), by namespace. */
export function unlike(world: World, view: KernelView): string[] {
  const mine = new Map(readable(kernelView(world)).namespaces.map((ns) => [ns.name, JSON.stringify(ns)]));
  const read = new Map(readable(view).namespaces.map((ns) => [ns.name, JSON.stringify(ns)]));
  return [...new Set([...mine.keys(), ...read.keys()])].filter((name) => mine.get(name) !== read.get(name));
}
