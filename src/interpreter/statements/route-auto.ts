// `route auto`: static routes along shortest paths for every node to every subnet it is not on;
// a node with one interface gets a default route instead. Run again, it replaces the routes it
// added before (only those, and only where they change); routes written by hand are left alone.
import type { RouteAutoStmt } from "../../../grammar/ast.js";
import { append } from "../../append.js";
import { ok, type Result } from "../../diagnostic.js";
import type { Family } from "../addressing.js";
import { updateNode } from "../edit.js";
import { routeSpec } from "../ops/route-spec.js";
import type { Op, RouteSpec } from "../ops/types.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { type Hop, routingGraph } from "../route-graph.js";
import { incoming, pathsTo } from "../route-paths.js";
import { routeLine } from "../summary.js";
import type { Node, World } from "../world.js";

const FAMILIES: readonly Family[] = [4, 6];

const key = (r: RouteSpec): string => `${r.family} ${r.destination} ${r.via} ${r.dev ?? ""}`;

/** A host with one interface that has addresses (lo aside): it gets default routes, not one per subnet. */
const singleHomed = (node: Node): boolean =>
  node.kind !== "router" &&
  [...node.ifaces.values()].filter((i) => i.name !== "lo" && i.addresses.length > 0).length === 1;

/** The next hop used most often (the first of the most used, in order). */
function commonest(hops: readonly Hop[]): Hop | undefined {
  const counts = new Map<string, { hop: Hop; n: number }>();
  for (const hop of hops) {
    const k = `${hop.dev} ${hop.via}`;
    const entry = counts.get(k) ?? { hop, n: 0 };
    entry.n++;
    counts.set(k, entry);
  }
  let best: { hop: Hop; n: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.n > best.n) best = entry;
  return best?.hop;
}

/** A node that would reach `subnet` only through `through`, which does not forward. */
export interface Stuck {
  readonly node: string;
  readonly subnet: string;
  readonly through: string;
}

/** Every route `route auto` wants, node by node, or the node that would have to forward and cannot. */
export function autoRoutes(world: World): { readonly routes: Map<string, RouteSpec[]> } | { readonly stuck: Stuck } {
  const nodes = [...world.nodes.values()].filter((n) => n.kind !== "switch");
  const names = nodes.map((n) => n.name);
  const isRouter = (name: string) => world.nodes.get(name)?.kind === "router";
  const out = new Map<string, RouteSpec[]>(names.map((n) => [n, []]));
  for (const family of FAMILIES) {
    const graph = routingGraph(world, family);
    const into = incoming(graph);
    const hopsOf = new Map<string, { destination: string; hop: Hop }[]>();
    for (const destination of graph.destinations) {
      const { paths, blocked } = pathsTo(into, names, destination, isRouter);
      if (blocked !== undefined) return { stuck: { ...blocked, subnet: destination.subnet } };
      for (const [node, hop] of paths.next) {
        const list = hopsOf.get(node) ?? [];
        list.push({ destination: destination.subnet, hop });
        hopsOf.set(node, list);
      }
    }
    for (const node of nodes) {
      const found = hopsOf.get(node.name) ?? [];
      const gateway = singleHomed(node) ? commonest(found.map((f) => f.hop)) : undefined;
      const routes =
        gateway === undefined
          ? found.map(({ destination, hop }) => ({ destination, family, via: hop.via, dev: hop.dev }))
          : [{ destination: "default", family, via: gateway.via, dev: gateway.dev }];
      const list = out.get(node.name);
      if (list !== undefined) append(list, routes);
    }
  }
  return { routes: out };
}

/** What `route auto` wants, or its refusal. */
function wanted(world: World, stmt: RouteAutoStmt): Result<Map<string, RouteSpec[]>> {
  const auto = autoRoutes(world);
  if ("routes" in auto) return ok(auto.routes);
  const { node, subnet, through } = auto.stuck;
  return problem(
    "not-a-router",
    `${node} reaches ${subnet} only through ${through}, which does not forward: it is not a router`,
    stmt.span,
    `make it a router: router ${through}`,
  );
}

export function evaluateRouteAuto(world: World, stmt: RouteAutoStmt): Result<Change> {
  const want = wanted(world, stmt);
  return want.ok ? ok(autoChange(world, want.value)) : want;
}

/** The change that makes the routes `route auto` added before the ones it wants now. */
export function autoChange(world: World, want: ReadonlyMap<string, readonly RouteSpec[]>): Change {
  const dels: Op[] = [];
  const adds: Op[] = [];
  const summary: string[] = [];
  let after = world;
  for (const node of world.nodes.values()) {
    // A destination routed by hand stays as written.
    const manual = new Set(node.routes.filter((r) => !r.auto).map((r) => `${r.family} ${r.destination}`));
    const target = (want.get(node.name) ?? []).filter((r) => !manual.has(`${r.family} ${r.destination}`));
    const targetKeys = new Set(target.map(key));
    const current = node.routes.filter((r) => r.auto);
    const currentKeys = new Set(current.map((r) => key(routeSpec(r))));
    const gone = current.filter((r) => !targetKeys.has(key(routeSpec(r))));
    const added = target.filter((r) => !currentKeys.has(key(r)));
    if (gone.length === 0 && added.length === 0) continue;
    for (const r of gone) {
      dels.push({ kind: "route.del", node: node.name, route: routeSpec(r) });
      summary.push(routeLine("-", node.name, r));
    }
    for (const r of added) {
      adds.push({ kind: "route.add", node: node.name, route: r });
      summary.push(routeLine("+", node.name, r));
    }
    const goneKeys = new Set(gone.map((r) => key(routeSpec(r))));
    after = updateNode(after, node.name, (n) => ({
      ...n,
      routes: [
        ...n.routes.filter((r) => !(r.auto && goneKeys.has(key(routeSpec(r))))),
        ...added.map((r) => ({ ...r, auto: true })),
      ],
    }));
  }
  // Old routes go first: a destination whose next hop changes is deleted, then added again.
  return {
    before: world,
    after,
    ops: [...dels, ...adds],
    summary: summary.length > 0 ? summary : ["route auto: every route is up to date"],
  };
}
