// The kernel as the tests' oracle: a KernelView with ops applied by each kind's `effect` (ops/kinds/),
// with the kernel's semantics (a veth end takes its peer along, a vanished dev takes its routes, link
// down flushes routes and IPv6 addresses, the last IPv4 address takes the IPv4 routes).
import type { KernelView } from "../kernel-view.js";
import { loadKernel, saveKernel } from "./sim-kernel.js";
import { specOf } from "./table.js";
import type { Op } from "./types.js";

/** The view after `ops`; throws at an op the kernel would refuse (what produced it has a bug). */
export function simulate(view: KernelView, ops: readonly Op[]): KernelView {
  const kernel = loadKernel(view);
  for (const op of ops) specOf(op).effect(kernel, op);
  return saveKernel(kernel);
}
