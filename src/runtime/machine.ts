// Reading the machine's own namespace (its interfaces, addresses and routes, every table) for the
// interpreter's host checks: three `ip -j` reads, run only before a statement that touches host; for
// the interface a `move` takes, its root qdisc and its own settings too (machine-detail.ts).
import { fail, type NetlError, netlError, ok, type Result } from "../diagnostic.js";
import type { MachineFacts, MachineIface, MachineRoute } from "../interpreter/machine.js";
import type { AddrDetail } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { readIfaceDetail } from "./machine-detail.js";

interface IpAddrInfo {
  readonly local: string;
  readonly prefixlen: number;
  readonly scope?: string;
  /** The peer of a point-to-point address. */
  readonly address?: string;
  readonly broadcast?: string;
  readonly label?: string;
}

interface IpAddr {
  readonly ifname: string;
  readonly mtu: number;
  readonly flags?: readonly string[];
  readonly addr_info?: readonly IpAddrInfo[];
}

/** What `ip addr add` needs besides `local/prefixlen` to make the address again; undefined when nothing. */
function detailOf(a: IpAddrInfo, ifname: string): AddrDetail | undefined {
  const detail: AddrDetail = {
    ...(a.address !== undefined && a.address !== a.local ? { peer: `${a.address}/${a.prefixlen}` } : {}),
    ...(a.broadcast !== undefined ? { broadcast: a.broadcast } : {}),
    ...(a.label !== undefined && a.label !== ifname ? { label: a.label } : {}),
  };
  return Object.keys(detail).length > 0 ? detail : undefined;
}

interface IpRoute {
  readonly dst: string;
  readonly dev?: string;
  readonly gateway?: string;
  readonly nexthops?: readonly { readonly dev?: string; readonly gateway?: string }[];
  readonly table?: string;
  readonly protocol?: string;
  readonly metric?: number;
  readonly type?: string;
}

/** `ip -j addr` → the interfaces, with their global addresses (link-local ones the kernel makes itself). */
export function parseInterfaces(json: string): Map<string, MachineIface> {
  const links = JSON.parse(json || "[]") as IpAddr[];
  return new Map(
    links.map((l) => {
      const global = (l.addr_info ?? []).filter((a) => a.scope !== "link");
      const details = global.flatMap((a) => {
        const d = detailOf(a, l.ifname);
        return d === undefined ? [] : [[`${a.local}/${a.prefixlen}`, d] as const];
      });
      return [
        l.ifname,
        {
          name: l.ifname,
          mtu: l.mtu,
          up: l.flags?.includes("UP") ?? false,
          addresses: global.map((a) => `${a.local}/${a.prefixlen}`),
          ...(details.length > 0 ? { details: Object.fromEntries(details) } : {}),
        },
      ];
    }),
  );
}

/** `ip -j [-6] route show table all` → routes; a destination without a length is a host route. */
export function parseRoutes(json: string, family: 4 | 6): MachineRoute[] {
  const routes = JSON.parse(json || "[]") as IpRoute[];
  return routes.map((r) => {
    const devs = r.dev !== undefined ? [r.dev] : (r.nexthops ?? []).flatMap((h) => (h.dev ? [h.dev] : []));
    const via = r.gateway ?? r.nexthops?.[0]?.gateway;
    const destination = r.dst === "default" || r.dst.includes("/") ? r.dst : `${r.dst}/${family === 4 ? 32 : 128}`;
    return {
      destination,
      family,
      devs,
      ...(via === undefined ? {} : { via }),
      ...(r.table === undefined || r.table === "main" ? {} : { table: r.table }),
      ...(r.protocol === undefined ? {} : { protocol: r.protocol }),
      ...(r.metric === undefined ? {} : { metric: r.metric }),
      ...(r.type === undefined || r.type === "unicast" ? {} : { type: r.type }),
    };
  });
}

const unreadable = (argv: readonly string[], stderr: string): NetlError =>
  netlError("kernel", "machine-unreadable", `could not read the machine's network: ${argv.join(" ")}`, {
    failed: { argv, stderr },
    hint: "netl reads the machine's interfaces and routes before it touches host",
  });

/** The machine now, as facts for one statement; `detail`: the interface a move takes, read in full. */
export async function readMachine(executor: Executor, stem: string, detail?: string): Promise<Result<MachineFacts>> {
  const reads = [
    ["ip", "-j", "addr", "show"],
    ["ip", "-j", "-4", "route", "show", "table", "all"],
    ["ip", "-j", "-6", "route", "show", "table", "all"],
  ] as const;
  const [addrs, v4, v6] = await Promise.all(reads.map((argv) => executor.run(argv)));
  for (const [i, r] of [addrs, v4, v6].entries())
    if (r === undefined || r.exitCode !== 0) return fail(unreadable(reads[i] ?? [], r?.stderr ?? ""));
  try {
    const interfaces = parseInterfaces(addrs?.stdout ?? "");
    const routes = [...parseRoutes(v4?.stdout ?? "", 4), ...parseRoutes(v6?.stdout ?? "", 6)];
    const moving = detail === undefined ? undefined : interfaces.get(detail);
    if (moving !== undefined && detail !== undefined)
      interfaces.set(detail, { ...moving, ...(await readIfaceDetail(executor, detail)) });
    return ok({ stem, state: { interfaces, routes } });
  } catch (e) {
    return fail(unreadable(reads[0], String(e)));
  }
}
