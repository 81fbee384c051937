// Lowering: each op becomes one batch line and the stand-alone command a person would type for it
// (each kind's own in ops/kinds/).
import { HOST } from "../world.js";
import { MACHINE_NS } from "./machine-ns.js";
import type { NsName, Step } from "./step.js";
import { specOf } from "./table.js";
import type { Op } from "./types.js";

export { MACHINE_NS } from "./machine-ns.js";
export type { NsName, Phase, RtnlRequest, Step, Tool } from "./step.js";

export function lower(op: Op, names: NsName): Step {
  return specOf(op).lower(op, (node) => (node === HOST ? MACHINE_NS : names(node)));
}
