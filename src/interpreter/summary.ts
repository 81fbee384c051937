// The one-line texts a change prints: `+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24`.
import type { Link, LinkEndRef, Route } from "./world.js";

export const endName = (end: LinkEndRef): string => `${end.node}:${end.ifname}`;

/** An end with its addresses: `A:eth0 10.0.0.1/24 fd10::1/64`. */
export const endWithAddresses = (end: LinkEndRef, addresses: readonly string[]): string =>
  [endName(end), ...addresses].join(" ");

export const linkName = (link: Link): string => `${endName(link.a)} <-> ${endName(link.b)}`;

/** `A default via 10.0.0.2 dev eth0`. */
export const routeText = (node: string, route: Route): string =>
  `${node} ${route.destination} via ${route.via}${route.dev === undefined ? "" : ` dev ${route.dev}`}`;

/**
 * `+ route A default via 10.0.0.2 dev eth0` (or `-`), joined into one flat string: a template's is a
 * tree of its pieces, twice the size, and `route auto` keeps a line a route until the change is printed.
 */
export const routeLine = (sign: "+" | "-", node: string, route: Route): string =>
  (route.dev === undefined
    ? [sign, "route", node, route.destination, "via", route.via]
    : [sign, "route", node, route.destination, "via", route.via, "dev", route.dev]
  ).join(" ");
