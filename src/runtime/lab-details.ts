// A node as the kernel sees it, for the live page's clicks: its interfaces (state, MTU, counters,
// queue), addresses and routes, read with `ip -j` and `tc -j` in its namespace. The machine (`host`)
// shows only the lab's own ends there, never the machine's other interfaces or routes.
import type { Executor } from "./executor.js";

export interface IfaceView {
  readonly name: string;
  readonly up: boolean;
  readonly state: string;
  readonly mtu: number;
  readonly mac: string;
  /** veth, bridge, loopback, … */
  readonly kind: string;
  /** The bridge it is a port of. */
  readonly master?: string;
  readonly addresses: readonly string[];
  readonly rx: { readonly bytes: number; readonly packets: number };
  readonly tx: { readonly bytes: number; readonly packets: number };
  /** Its root queue as tc says: `netem delay 20ms loss 1%`, `tbf rate 10Mbit`; absent: the default. */
  readonly qdisc?: string;
}

export interface RouteView {
  readonly destination: string;
  readonly via?: string;
  readonly dev?: string;
  readonly protocol?: string;
}

export type NodeView =
  | {
      readonly ok: true;
      readonly node: string;
      readonly namespace?: string;
      readonly interfaces: readonly IfaceView[];
      readonly routes: readonly RouteView[];
    }
  | { readonly ok: false; readonly node: string; readonly error: string };

interface IpLink {
  ifname: string;
  flags?: string[];
  operstate?: string;
  mtu?: number;
  address?: string;
  link_type?: string;
  master?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: { local: string; prefixlen: number }[];
  stats64?: { rx?: { bytes: number; packets: number }; tx?: { bytes: number; packets: number } };
}

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
}

interface TcQdisc {
  kind: string;
  dev: string;
  root?: boolean;
  options?: Record<string, unknown>;
}

const counters = (c: { bytes: number; packets: number } | undefined) => ({
  bytes: c?.bytes ?? 0,
  packets: c?.packets ?? 0,
});

/** A qdisc's options as words: `delay 20ms loss 1%`; tc's JSON keeps what tc's text shows. */
function qdiscWords(q: TcQdisc): string {
  const o = q.options ?? {};
  const words = Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null
      ? [`${k} ${Object.values(v as Record<string, unknown>).join(" ")}`]
      : [`${k} ${String(v)}`],
  );
  return [q.kind, ...words].join(" ");
}

function ifaceView(l: IpLink, qdiscs: readonly TcQdisc[]): IfaceView {
  const q = qdiscs.find((x) => x.dev === l.ifname && x.root && x.kind !== "noqueue" && x.kind !== "noop");
  return {
    name: l.ifname,
    up: (l.flags ?? []).includes("UP"),
    state: l.operstate ?? "UNKNOWN",
    mtu: l.mtu ?? 0,
    mac: l.address ?? "",
    kind: l.linkinfo?.info_kind ?? l.link_type ?? "",
    ...(l.master ? { master: l.master } : {}),
    addresses: (l.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`),
    rx: counters(l.stats64?.rx),
    tx: counters(l.stats64?.tx),
    ...(q && ["netem", "tbf"].includes(q.kind) ? { qdisc: qdiscWords(q) } : {}),
  };
}

async function json<T>(executor: Executor, argv: readonly string[]): Promise<T> {
  const r = await executor.run(argv);
  if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `${argv.join(" ")} exited ${r.exitCode}`);
  return (r.stdout.trim() === "" ? [] : JSON.parse(r.stdout)) as T;
}

const routeView = (r: IpRoute): RouteView => ({
  destination: r.dst,
  ...(r.gateway ? { via: r.gateway } : {}),
  ...(r.dev ? { dev: r.dev } : {}),
  ...(r.protocol ? { protocol: r.protocol } : {}),
});

/**
 * `namespace`: the node's namespace, or undefined for the machine, where only `hostEnds` are read.
 * A failure (no root, the namespace gone) is said, not thrown.
 */
export async function nodeView(
  executor: Executor,
  node: string,
  namespace: string | undefined,
  hostEnds: readonly string[] = [],
): Promise<NodeView> {
  const where = namespace === undefined ? [] : ["-n", namespace];
  try {
    const devs = namespace === undefined ? hostEnds.map((d) => ["dev", d]) : [[]];
    const links = (
      await Promise.all(
        devs.map((dev) => json<IpLink[]>(executor, ["ip", ...where, "-j", "-s", "-d", "addr", "show", ...dev])),
      )
    ).flat();
    const routes = (
      await Promise.all(
        ["-4", "-6"].flatMap((family) =>
          devs.map((dev) => json<IpRoute[]>(executor, ["ip", ...where, "-j", family, "route", "show", ...dev])),
        ),
      )
    ).flat();
    const qdiscs = (
      await Promise.all(devs.map((dev) => json<TcQdisc[]>(executor, ["tc", ...where, "-j", "qdisc", "show", ...dev])))
    ).flat();
    return {
      ok: true,
      node,
      ...(namespace === undefined ? {} : { namespace }),
      interfaces: links.map((l) => ifaceView(l, qdiscs)),
      routes: routes.map(routeView),
    };
  } catch (e) {
    return { ok: false, node, error: e instanceof Error ? e.message : String(e) };
  }
}
