// Does the kernel still hold the lab a World describes? Read with `ip -j` in each of its namespaces
// (interfaces, their state and global addresses, gateway routes) and the machine's own for host ends;
// what differs is returned as data (`netl attach` words it, present/attach.ts). Queues and firewall
// rules are netl's alone to change and are not read.
import type { NsName } from "../interpreter/ops/lower.js";
import type { Node, World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";

export type Difference =
  | { readonly kind: "namespace-missing"; readonly node: string; readonly ns: string }
  | { readonly kind: "interface-missing" | "interface-extra"; readonly node: string; readonly ifname: string }
  | { readonly kind: "state"; readonly node: string; readonly ifname: string; readonly up: boolean }
  | {
      readonly kind: "address-missing" | "address-extra";
      readonly node: string;
      readonly ifname: string;
      readonly cidr: string;
    }
  | {
      readonly kind: "route-missing" | "route-extra";
      readonly node: string;
      readonly destination: string;
      readonly via: string;
    };

interface KernelIface {
  readonly ifname: string;
  readonly flags?: readonly string[];
  readonly addr_info?: readonly { readonly local?: string; readonly prefixlen?: number; readonly scope?: string }[];
}

interface KernelRoute {
  readonly dst?: string;
  readonly gateway?: string;
}

async function readJson<T>(executor: Executor, argv: readonly string[]): Promise<T[] | undefined> {
  const r = await executor.run(argv);
  if (r.exitCode !== 0) return undefined;
  try {
    return JSON.parse(r.stdout === "" ? "[]" : r.stdout) as T[];
  } catch {
    return undefined;
  }
}

/** A route's destination as the World writes it: `ip` leaves out /32 and /128. */
const fullPrefix = (dst: string): string =>
  dst === "default" || dst.includes("/") ? dst : dst.includes(":") ? `${dst}/128` : `${dst}/32`;

/** A node's interfaces against the kernel's: names, up state, global addresses. */
function compareInterfaces(node: Node, kernel: readonly KernelIface[], shown: string): Difference[] {
  const out: Difference[] = [];
  const byName = new Map(kernel.map((k) => [k.ifname, k]));
  for (const iface of node.ifaces.values()) {
    const k = byName.get(iface.name);
    if (k === undefined) {
      out.push({ kind: "interface-missing", node: shown, ifname: iface.name });
      continue;
    }
    const up = (k.flags ?? []).includes("UP");
    if (up !== iface.up) out.push({ kind: "state", node: shown, ifname: iface.name, up });
    const have = new Set(
      (k.addr_info ?? []).filter((a) => a.scope === "global").map((a) => `${a.local}/${a.prefixlen}`),
    );
    for (const cidr of iface.addresses)
      if (!have.has(cidr)) out.push({ kind: "address-missing", node: shown, ifname: iface.name, cidr });
    const mine = new Set(iface.addresses);
    for (const cidr of have)
      if (!mine.has(cidr)) out.push({ kind: "address-extra", node: shown, ifname: iface.name, cidr });
  }
  if (node.name !== "host")
    for (const k of kernel)
      if (!node.ifaces.has(k.ifname)) out.push({ kind: "interface-extra", node: shown, ifname: k.ifname });
  return out;
}

function compareRoutes(node: Node, kernel: readonly KernelRoute[]): Difference[] {
  const key = (destination: string, via: string) => `${destination} via ${via}`;
  const have = new Map(
    kernel.filter((r) => r.gateway !== undefined).map((r) => [key(fullPrefix(r.dst ?? "default"), r.gateway ?? ""), r]),
  );
  const mine = new Set(node.routes.map((r) => key(r.destination, r.via)));
  const out: Difference[] = [];
  for (const r of node.routes)
    if (!have.has(key(r.destination, r.via)))
      out.push({ kind: "route-missing", node: node.name, destination: r.destination, via: r.via });
  for (const [k, r] of have)
    if (!mine.has(k))
      out.push({
        kind: "route-extra",
        node: node.name,
        destination: fullPrefix(r.dst ?? "default"),
        via: r.gateway ?? "",
      });
  return out;
}

/** What differs between the World and the kernel; `exists` says whether a namespace is there. */
export async function differences(
  world: World,
  executor: Executor,
  nsName: NsName,
  exists: (ns: string) => boolean,
): Promise<Difference[]> {
  const perNode = await Promise.all(
    [...world.nodes.values()].map(async (node): Promise<Difference[]> => {
      const ns = nsName(node.name);
      if (!exists(ns)) return [{ kind: "namespace-missing", node: node.name, ns }];
      const [ifaces, v4, v6] = await Promise.all([
        readJson<KernelIface>(executor, ["ip", "-j", "-n", ns, "addr", "show"]),
        readJson<KernelRoute>(executor, ["ip", "-j", "-n", ns, "-4", "route", "show"]),
        readJson<KernelRoute>(executor, ["ip", "-j", "-n", ns, "-6", "route", "show"]),
      ]);
      if (ifaces === undefined) return [{ kind: "namespace-missing", node: node.name, ns }];
      return [...compareInterfaces(node, ifaces, node.name), ...compareRoutes(node, [...(v4 ?? []), ...(v6 ?? [])])];
    }),
  );
  // The lab's ends on the machine: each is there, with its addresses.
  const host: Difference[] = [];
  if (world.host.ifaces.size > 0) {
    const machine = (await readJson<KernelIface>(executor, ["ip", "-j", "addr", "show"])) ?? [];
    const names = new Set(world.host.ifaces.keys());
    host.push(
      ...compareInterfaces(
        world.host,
        machine.filter((k) => names.has(k.ifname)),
        "host",
      ),
    );
  }
  return [...perNode.flat(), ...host];
}
