// `show`: the lab as netl knows it, read off the World (the one source of truth).

import { describeState, stateOf } from "../interpreter/end-conditions.js";
import { ruleText } from "../interpreter/firewall.js";
import { peerEnd } from "../interpreter/links.js";
import { portsOf } from "../interpreter/switches.js";
import type { Link, Node, Route, World } from "../interpreter/world.js";

const pad = (s: string, n: number) => s.padEnd(n);

/** A switch: its prefixes, then its members (the far ends of its ports). */
function switchLine(world: World, n: Node): string {
  const members = portsOf(n).flatMap((port) => {
    const link = port.link === undefined ? undefined : world.links.get(port.link);
    if (link === undefined) return [];
    const far = peerEnd(link, n.name);
    return [`${far.node}:${far.ifname}${port.up ? "" : " (down)"}`];
  });
  const prefixes = n.prefixes?.join(" ");
  return [...(prefixes ? [prefixes] : []), `members: ${members.join(", ") || "none"}`].join("  ");
}

/** `  delay 50ms loss 1%` when both ends have the same, else each direction's: `  A->B: delay 30ms; B->A: none`. */
function linkConditions(world: World, link: Link): string {
  const [a, b] = [link.a, link.b].map((end) => {
    const iface = (world.nodes.get(end.node) ?? world.host).ifaces.get(end.ifname);
    return iface === undefined ? "" : describeState(stateOf(iface));
  });
  if (a === b) return a === "" ? "" : `  ${a}`;
  return `  ${link.a.node}->${link.b.node}: ${a || "none"}; ${link.b.node}->${link.a.node}: ${b || "none"}`;
}

export function showWorld(world: World): string {
  if (world.nodes.size === 0) return "the lab is empty";
  const nodes = [...world.nodes.values()];
  const width = nodes.reduce((w, n) => Math.max(w, n.name.length), world.host.ifaces.size > 0 ? "host".length : 0);
  const out = ["nodes:"];
  for (const n of nodes) {
    if (n.kind === "switch") {
      out.push(`  ${pad(n.name, width)}  ${pad(n.kind, 6)}  ${switchLine(world, n)}`);
      continue;
    }
    const ifaces = [...n.ifaces.values()]
      .filter((i) => i.name !== "lo" || i.addresses.length > 0)
      .map((i) =>
        [
          i.name,
          ...i.addresses,
          ...(i.held?.addresses ?? []),
          ...(i.up ? [] : ["(down)"]),
          ...(i.origin ? ["(moved from the machine)"] : []),
        ].join(" "),
      );
    out.push(`  ${pad(n.name, width)}  ${pad(n.kind, 6)}  ${ifaces.join(", ") || "-"}`);
  }
  // The lab's own ends in the machine's namespace.
  const hostEnds = [...world.host.ifaces.values()].map((i) => [i.name, ...i.addresses].join(" "));
  if (hostEnds.length > 0) out.push(`  ${pad("host", width)}  ${pad("host", 6)}  ${hostEnds.join(", ")}`);
  if (world.links.size > 0) {
    out.push("links:");
    for (const l of world.links.values())
      out.push(`  ${l.a.node}:${l.a.ifname} <-> ${l.b.node}:${l.b.ifname}${linkConditions(world, l)}`);
  }
  const routeLine = (n: Node, r: Route, note: string) =>
    `  ${pad(n.name, width)}  ${r.destination} via ${r.via}${r.dev ? ` dev ${r.dev}` : ""}${r.auto ? "  (auto)" : ""}${note}`;
  // The machine's routes into the lab (`route host`) are the lab's too.
  const routes = [...nodes, world.host].flatMap((n) => [
    ...n.routes.map((r) => routeLine(n, r, "")),
    ...[...n.ifaces.values()].flatMap((i) =>
      (i.held?.routes ?? []).map((r) => routeLine(n, r, `  (back when ${n.name}:${i.name} is up)`)),
    ),
  ]);
  if (routes.length > 0) out.push("routes:", ...routes);
  const rules = nodes.flatMap((n) => (n.firewall ?? []).map((r) => `  ${ruleText(n.name, r)}`));
  if (rules.length > 0) out.push("firewall (allows first):", ...rules);
  const spawned = nodes.flatMap((n) =>
    (n.processes ?? []).map((p) => `  #${p.id}  ${pad(n.name, width)}  ${p.command}`),
  );
  if (spawned.length > 0) out.push("spawned (ps for pids):", ...spawned);
  return out.join("\n");
}

/** `show A`: the kernel's view of A, then what netl keeps there that the kernel says in its own words. */
export function showNode(world: World, node: string, kernel: string): string {
  const n = world.nodes.get(node);
  const rules = (n?.firewall ?? []).map((r) => `  ${ruleText(node, r)}`);
  const spawned = (n?.processes ?? []).map((p) => `  #${p.id}  ${p.command}`);
  return [
    kernel,
    ...(rules.length > 0 ? ["firewall (the lab's own nftables table; allows first):", ...rules] : []),
    ...(spawned.length > 0 ? ["spawned:", ...spawned] : []),
  ].join("\n");
}
