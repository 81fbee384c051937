// A World route as the ops name it (the kernel's view: no `auto` mark).
import type { Route } from "../world.js";
import type { RouteSpec } from "./types.js";

export const routeSpec = (r: Route): RouteSpec => ({
  destination: r.destination,
  family: r.family,
  via: r.via,
  ...(r.dev === undefined ? {} : { dev: r.dev }),
});
