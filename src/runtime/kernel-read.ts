// The kernel as it is, read back (`ip -j`, `tc -j`, the sysctls) into the KernelView the ops' effects
// and kernelView(World) use: node names, veth peers as `node:ifname`, only what netl manages (lo's own
// addresses, link-local addresses and the kernel's own routes left out). Read after a rollback the
// kernel refused in part, so that the lab's model can say what is really there (from-kernel.ts).
// What it cannot read back exactly: a queue is its kind alone (`netem`, `tbf`), not its words; a
// namespace's firewall and processes are not read.
import { DAD_SYSCTL, FORWARDING_SYSCTLS } from "../interpreter/forwarding.js";
import {
  type IfaceView,
  type KernelView,
  type NamespaceView,
  type RouteView,
  sortView,
} from "../interpreter/kernel-view.js";
import { HOST } from "../interpreter/world.js";
import type { Executor } from "./executor.js";

/** A namespace to read: its node's name and its kernel name; the machine's (`host`) reads only `names`. */
export interface ReadTarget {
  readonly node: string;
  /** The kernel name, or undefined for the machine's own namespace. */
  readonly ns: string | undefined;
  /** Only these interfaces (the machine's: the lab's host ends and moved interfaces). */
  readonly names?: ReadonlySet<string>;
}

interface IpIface {
  readonly ifindex: number;
  readonly ifname: string;
  readonly flags?: readonly string[];
  readonly mtu?: number;
  readonly master?: string;
  readonly link_index?: number;
  readonly link_netnsid?: number;
  readonly linkinfo?: { readonly info_kind?: string };
  readonly addr_info?: readonly { readonly local: string; readonly prefixlen: number; readonly scope?: string }[];
}

interface IpRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev?: string;
  readonly protocol?: string;
  readonly type?: string;
}

const SYSCTLS = [DAD_SYSCTL, ...FORWARDING_SYSCTLS];
/** What the kernel gives loopback by itself. */
const LO_OWN = new Set(["127.0.0.1/8", "::1/128"]);
const VETH_MTU = 1500;

const json = <T>(text: string): T[] => (text.trim() === "" ? [] : (JSON.parse(text) as T[]));

/** One namespace read: its view without peers yet, and what tells its veths' peers. */
interface Read {
  readonly target: ReadTarget;
  readonly ifaces: readonly IpIface[];
  /** nsid (as this namespace numbers the others) → kernel name of a named namespace. */
  readonly nsids: ReadonlyMap<number, string>;
  readonly view: Omit<NamespaceView, "interfaces">;
}

/** A namespace that is not there reads as "absent"; one whose dump makes no sense (no `lo`) as "unreadable". */
async function readOne(executor: Executor, target: ReadTarget): Promise<Read | "absent" | "unreadable"> {
  const n = target.ns === undefined ? [] : ["-n", target.ns];
  const run = (argv: readonly string[]) => executor.run(argv);
  // The link dump comes first: it makes the kernel number the peers' namespaces that list-id then names.
  const links = await run(["ip", ...n, "-j", "-d", "addr", "show"]);
  if (links.exitCode !== 0) return "absent";
  let all: IpIface[];
  try {
    all = json<IpIface>(links.stdout);
  } catch {
    return "unreadable";
  }
  if (!all.some((i) => i.ifname === "lo")) return "unreadable";
  const [ids, v4, v6, sysctl] = await Promise.all([
    run(["ip", ...n, "-j", "netns", "list-id"]),
    run(["ip", ...n, "-j", "-4", "route", "show"]),
    run(["ip", ...n, "-j", "-6", "route", "show"]),
    target.ns === undefined ? undefined : run(["ip", "netns", "exec", target.ns, "sysctl", "-n", ...SYSCTLS]),
  ]);
  const ifaces = all.filter((i) => target.names === undefined || target.names.has(i.ifname));
  const devs = new Set(ifaces.map((i) => i.ifname));
  const nsids = new Map(
    json<{ nsid: number; name?: string }>(ids.stdout).flatMap((e) => (e.name ? [[e.nsid, e.name] as const] : [])),
  );
  const routes = [...routesOf(json<IpRoute>(v4.stdout), 4), ...routesOf(json<IpRoute>(v6.stdout), 6)].filter(
    (r) => r.dev === undefined || devs.has(r.dev),
  );
  const values = (sysctl?.stdout ?? "").trim().split("\n");
  const sysctls =
    sysctl === undefined || sysctl.exitCode !== 0
      ? {}
      : Object.fromEntries(SYSCTLS.map((k, i) => [k, values[i] ?? ""]));
  return { target, ifaces, nsids, view: { name: target.node, routes, sysctls } };
}

/** Routes netl makes: not the kernel's own (a subnet's, link-local, multicast). */
function routesOf(routes: readonly IpRoute[], family: 4 | 6): RouteView[] {
  return routes
    .filter((r) => r.protocol !== "kernel" && (r.type === undefined || r.type === "unicast"))
    .map((r) => ({
      destination: r.dst === "default" || r.dst.includes("/") ? r.dst : `${r.dst}/${family === 4 ? 32 : 128}`,
      family,
      via: r.gateway ?? "",
      ...(r.dev === undefined ? {} : { dev: r.dev }),
    }));
}

/**
 * Read the namespaces (those that exist) into a KernelView; undefined when what `ip` says makes no sense. Queues are read too, as their kind: the
 * root qdisc of an interface when it is not the kernel's default.
 */
export async function readKernel(executor: Executor, targets: readonly ReadTarget[]): Promise<KernelView | undefined> {
  const all = await Promise.all(targets.map((t) => readOne(executor, t)));
  if (all.includes("unreadable")) return undefined;
  const reads = all.filter((r) => r !== "absent" && r !== "unreadable");
  const qdiscs = await Promise.all(reads.map((r) => readQdiscs(executor, r.target)));
  // A veth end: its peer is the interface numbered link_index in the namespace its link_netnsid names.
  const byKernel = new Map(reads.map((r) => [r.target.ns, r]));
  const peers = new Map<string, string>();
  for (const r of reads)
    for (const i of r.ifaces) {
      if (i.linkinfo?.info_kind !== "veth" || i.link_index === undefined) continue;
      const other = i.link_netnsid === undefined ? r : byKernel.get(r.nsids.get(i.link_netnsid));
      const peer = other?.ifaces.find((p) => p.ifindex === i.link_index);
      if (other === undefined || peer === undefined) continue;
      peers.set(`${r.target.node}:${i.ifname}`, `${other.target.node}:${peer.ifname}`);
      peers.set(`${other.target.node}:${peer.ifname}`, `${r.target.node}:${i.ifname}`);
    }
  const namespaces = reads.map((r, k): NamespaceView => {
    const interfaces = r.ifaces.map((i): IfaceView => {
      const lo = i.ifname === "lo";
      const bridge = i.linkinfo?.info_kind === "bridge";
      const addresses = (i.addr_info ?? [])
        .filter((a) => a.scope !== "link")
        .map((a) => `${a.local}/${a.prefixlen}`)
        .filter((a) => !(lo && LO_OWN.has(a)));
      const peer = peers.get(`${r.target.node}:${i.ifname}`);
      const qdisc = qdiscs[k]?.get(i.ifname);
      return {
        name: i.ifname,
        up: i.flags?.includes("UP") ?? false,
        addresses,
        ...(peer === undefined ? {} : { peer }),
        ...(i.master === undefined ? {} : { master: i.master }),
        ...(bridge ? { bridge: true } : {}),
        ...(qdisc === undefined ? {} : { qdisc }),
        // A bridge takes its ports' smallest MTU by itself; loopback has its own.
        ...(lo || bridge || i.mtu === undefined || i.mtu === VETH_MTU ? {} : { mtu: i.mtu }),
      };
    });
    return { ...r.view, interfaces };
  });
  return sortView(namespaces.filter((ns) => ns.name !== HOST || ns.interfaces.length + ns.routes.length > 0));
}

/** Root qdiscs netl puts on interfaces (netem, tbf), by interface: their kind. */
async function readQdiscs(executor: Executor, target: ReadTarget): Promise<Map<string, string>> {
  const n = target.ns === undefined ? [] : ["-n", target.ns];
  const r = await executor.run(["tc", ...n, "-j", "qdisc", "show"]);
  if (r.exitCode !== 0) return new Map();
  const qdiscs = json<{ kind: string; dev: string; root?: boolean }>(r.stdout);
  return new Map(qdiscs.filter((q) => q.root && (q.kind === "netem" || q.kind === "tbf")).map((q) => [q.dev, q.kind]));
}
