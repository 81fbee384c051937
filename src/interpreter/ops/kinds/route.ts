// A static route with a gateway (`ip route add|del DESTINATION via GATEWAY [dev DEV] [metric N]`).
import { NO_NAMES, type OpGroup } from "../spec.js";
import { type NsName, nsStep, prefixParts, type RtnlRequest, type Step } from "../step.js";
import type { RouteSpec } from "../types.js";

// concat, not spreads: an array spread into makes room for more, and a big change keeps every line a while.
const line = (verb: "add" | "del", node: string, r: RouteSpec, ns: NsName): Step =>
  nsStep(
    ns(node),
    ["route", verb, r.destination, "via", r.via].concat(
      r.dev ? ["dev", r.dev] : [],
      r.metric === undefined ? [] : ["metric", String(r.metric)],
    ),
  );

function request(r: RouteSpec): RtnlRequest {
  const destination = r.destination === "default" ? undefined : prefixParts(r.destination, r.family);
  return { kind: "route", family: r.family, destination, gateway: r.via, dev: r.dev, metric: r.metric };
}

const words = (node: string, r: RouteSpec) =>
  `route ${r.destination} via ${r.via}${r.dev === undefined ? "" : ` dev ${r.dev}`} in ${node}`;

const iface = (op: { node: string; route: RouteSpec }) =>
  op.route.dev === undefined ? undefined : `${op.node}:${op.route.dev}`;

export const routeOps: OpGroup<"route.add" | "route.del"> = {
  "route.add": {
    inverse: (op) => ({ ...op, kind: "route.del" }),
    lower: (op, ns) => line("add", op.node, op.route, ns),
    rtnl: (op) => request(op.route),
    words: (op) => ({ words: words(op.node, op.route), action: "put back" }),
    iface,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      const r = op.route;
      const devName = r.dev ?? kernel.refuse(op, "route without dev");
      const dev = kernel.iface(op, op.node, devName);
      if (!dev.up) kernel.refuse(op, "Nexthop device is not up");
      if (!dev.addresses.some((c) => kernel.onSubnet(c, r.via))) kernel.refuse(op, "Nexthop has invalid gateway");
      for (const i of ns.ifaces.values())
        if (i.addresses.some((c) => kernel.addressOf(c) === r.via)) kernel.refuse(op, "gateway is a local address");
      if (ns.routes.some((x) => x.destination === r.destination && x.family === r.family))
        kernel.refuse(op, "File exists");
      // IPv4 connected routes share the static routes' metric: the same destination clashes.
      for (const i of ns.ifaces.values())
        if (i.addresses.some((c) => kernel.family(kernel.addressOf(c)) === 4 && kernel.subnetOf(c) === r.destination))
          kernel.refuse(op, "File exists (connected route)");
      ns.routes.push({ destination: r.destination, family: r.family, via: r.via, dev: devName });
    },
  },
  "route.del": {
    inverse: (op) => ({ ...op, kind: "route.add" }),
    lower: (op, ns) => line("del", op.node, op.route, ns),
    rtnl: undefined,
    words: (op) => ({ words: words(op.node, op.route), action: "remove" }),
    iface,
    names: () => NO_NAMES,
    nodes: (op) => [op.node],
    effect: (kernel, op) => {
      const ns = kernel.ns(op, op.node);
      const key = kernel.routeKey(op.route);
      if (!ns.routes.some((r) => kernel.routeKey(r) === key)) kernel.refuse(op, "No such process");
      ns.routes = ns.routes.filter((r) => kernel.routeKey(r) !== key);
    },
  },
};
