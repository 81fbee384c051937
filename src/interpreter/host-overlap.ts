// The safety check for an address the lab puts in the machine's own namespace: its prefix may
// not overlap a route or address the machine has, one of the lab's other host addresses, or an
// address a moved interface takes back when it returns. The refusal names what it overlaps.
import type { Span } from "../diagnostic.js";
import { ok, type Result } from "../diagnostic.js";
import { familyOf, overlaps, subnetOf } from "./addressing.js";
import type { MachineFacts, MachineRoute } from "./machine.js";
import { problem } from "./problem.js";
import type { World } from "./world.js";

/** A route as `ip route` prints it: `10.0.0.0/8 via 192.0.2.1 dev eth0 table 100`. */
export const machineRouteText = (r: MachineRoute): string =>
  [
    ...(r.type === undefined ? [] : [r.type]),
    r.destination,
    ...(r.via === undefined ? [] : ["via", r.via]),
    ...(r.devs.length === 0 ? [] : ["dev", r.devs.join(",")]),
    ...(r.table === undefined ? [] : ["table", r.table]),
  ].join(" ");

/** What `subnet` clashes with, in words, or undefined. Interfaces the lab owns on the machine are its own business. */
export function hostClash(world: World, facts: MachineFacts, subnet: string): string | undefined {
  const owned = (dev: string) => world.host.ifaces.has(dev);
  for (const iface of world.host.ifaces.values())
    for (const cidr of iface.addresses)
      if (overlaps(subnet, cidr)) return `the lab's own ${cidr} on host:${iface.name}`;
  for (const [ifname, node] of world.moved) {
    const origin = world.nodes.get(node)?.ifaces.get(ifname)?.origin;
    for (const cidr of origin?.addresses ?? [])
      if (overlaps(subnet, cidr)) return `${cidr}, which ${ifname} (moved into ${node}) gets back when it returns`;
  }
  const state = facts.state;
  if (state === undefined) return undefined;
  const routes = state.routes.filter(
    (r) =>
      r.destination !== "default" && !(r.devs.length > 0 && r.devs.every(owned)) && overlaps(subnet, r.destination),
  );
  // The main table first: that is the route a person reading `ip route` knows.
  const main = routes.find((r) => r.table === undefined);
  if (main !== undefined) return `the machine's route ${machineRouteText(main)}`;
  for (const iface of state.interfaces.values()) {
    if (owned(iface.name)) continue;
    for (const cidr of iface.addresses)
      if (overlaps(subnet, cidr)) return `the machine's address ${cidr} on ${iface.name}`;
  }
  const other = routes[0];
  return other === undefined ? undefined : `the machine's route ${machineRouteText(other)}`;
}

/** Prefixes of the private ranges, as long as `length` or longer, to suggest in a hint. */
function* candidates(family: 4 | 6, length: number): Generator<string> {
  for (let n = 200; n < 255; n++) {
    if (family === 6) yield `fd6e:6574:${n.toString(16)}::/${Math.max(length, 48)}`;
    else {
      yield `10.${n}.0.0/${Math.max(length, 16)}`;
      yield `172.31.${n}.0/${Math.max(length, 24)}`;
      yield `192.168.${n}.0/${Math.max(length, 24)}`;
    }
  }
}

/** A prefix like `subnet` that clashes with nothing, for the hint. */
function freePrefix(world: World, facts: MachineFacts, subnet: string): string | undefined {
  const [address = "", length = "24"] = subnet.split("/");
  for (const candidate of candidates(familyOf(address), Number(length)))
    if (hostClash(world, facts, candidate) === undefined) return candidate;
  return undefined;
}

/** An address for an interface of the lab in the machine's namespace. */
export function requireHostAddressFree(world: World, facts: MachineFacts, cidr: string, span: Span): Result<void> {
  const subnet = subnetOf(cidr);
  const clash = hostClash(world, facts, subnet);
  if (clash === undefined) return ok(undefined);
  const free = freePrefix(world, facts, subnet);
  return problem(
    "host-overlap",
    `${subnet} overlaps ${clash}`,
    span,
    `an address in host must not overlap what the machine routes; pick another prefix${free ? `, e.g. ${free}` : ""}`,
  );
}

/**
 * A route on the machine into the lab (`route host 10.0.0.0/24 via A`): to a subnet that holds an address
 * of the lab, never one that would shadow a route or address of the machine's (nor its default route).
 */
export function requireHostRouteFree(world: World, facts: MachineFacts, destination: string, span: Span): Result<void> {
  if (destination === "default")
    return problem(
      "host-default",
      "a default route on the machine would send all its traffic into the lab",
      span,
      "route the lab's subnets only, e.g. route host 10.0.0.0/24 via A",
    );
  const inLab = [...world.addresses.keys()].some((address) =>
    overlaps(destination, address.includes(":") ? `${address}/128` : `${address}/32`),
  );
  if (!inLab)
    return problem(
      "not-in-lab",
      `no node of the lab has an address in ${destination}: a route on the machine may only lead into the lab`,
      span,
      "route a subnet the lab's nodes are on",
    );
  const clash = hostClash(world, facts, destination);
  if (clash === undefined) return ok(undefined);
  return problem(
    "host-overlap",
    `route host ${destination} would shadow ${clash}`,
    span,
    "a route on the machine must not take over what the machine routes; give that part of the lab another prefix",
  );
}
