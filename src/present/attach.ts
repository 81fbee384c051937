// What `netl attach` says: the lab it took over, and where the kernel differs from the World the lab's
// netl kept (runtime/world-check.ts), which attach works from.
import type { World } from "../interpreter/world.js";
import type { Difference } from "../runtime/world-check.js";
import { plural } from "./words.js";

export function differenceText(d: Difference): string {
  switch (d.kind) {
    case "namespace-missing":
      return `${d.node}: its namespace ${d.ns} is gone`;
    case "interface-missing":
      return `${d.node}:${d.ifname} is gone from the kernel`;
    case "interface-extra":
      return `${d.node}:${d.ifname} is in the kernel, not in the lab (made by hand?)`;
    case "state":
      return `${d.node}:${d.ifname} is ${d.up ? "up" : "down"} in the kernel, ${d.up ? "down" : "up"} in the lab`;
    case "address-missing":
      return `${d.node}:${d.ifname} has lost ${d.cidr}`;
    case "address-extra":
      return `${d.node}:${d.ifname} has ${d.cidr} in the kernel, not in the lab`;
    case "route-missing":
      return `${d.node}: the route ${d.destination} via ${d.via} is gone from the kernel`;
    case "route-extra":
      return `${d.node}: the kernel has a route ${d.destination} via ${d.via}, not in the lab`;
  }
}

/** The line attach starts with. */
export function attachedLine(lab: string, world: World): string {
  const what = `${plural(world.nodes.size, "node")}, ${plural(world.links.size, "link")}`;
  return `attached to lab '${lab}' (${what}): undo takes back what is done here; exit leaves the lab up`;
}

/** Where the kernel differs: netl works from the lab as it built it, and says so. */
export function differenceLines(found: readonly Difference[]): string[] {
  if (found.length === 0) return [];
  return [
    `the kernel differs from the lab as its netl left it (${plural(found.length, "difference")}); netl works from the lab as it built it:`,
    ...found.map((d) => `  ${differenceText(d)}`),
  ];
}
