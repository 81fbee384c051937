// Lowering: each op becomes one batch line, the stand-alone command a person would type for it, and
// where the rtnetlink helper carries it, its request (each kind's own in ops/kinds/).
import { HOST } from "../world.js";
import { MACHINE_NS } from "./machine-ns.js";
import type { NsName, Step } from "./step.js";
import { specOf } from "./table.js";
import type { Op } from "./types.js";

export { MACHINE_NS } from "./machine-ns.js";
export type { NsName, Phase, RtnlRequest, Step, Tool } from "./step.js";

export function lower(op: Op, names: NsName): Step {
  const spec = specOf(op);
  const step = spec.lower(op, (node) => (node === HOST ? MACHINE_NS : names(node)));
  return spec.rtnl === undefined ? step : { ...step, rtnl: spec.rtnl(op) };
}
