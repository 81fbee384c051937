// Every op kind's spec, assembled from the groups in kinds/: typed so that a kind of the Op union
// without its spec (or a group left out here) does not compile.
import { addrOps } from "./kinds/addr.js";
import { bridgeOps } from "./kinds/bridge.js";
import { fwOps } from "./kinds/fw.js";
import { linkOps } from "./kinds/link.js";
import { moveOps } from "./kinds/move.js";
import { moveStateOps } from "./kinds/move-state.js";
import { netnsOps } from "./kinds/netns.js";
import { procOps } from "./kinds/proc.js";
import { qdiscOps } from "./kinds/qdisc.js";
import { routeOps } from "./kinds/route.js";
import { sysctlOps } from "./kinds/sysctl.js";
import { vethOps } from "./kinds/veth.js";
import type { OpGroup, OpSpec } from "./spec.js";
import type { Op, OpKind } from "./types.js";

const OPS: OpGroup<OpKind> = {
  ...netnsOps,
  ...vethOps,
  ...linkOps,
  ...bridgeOps,
  ...moveOps,
  ...moveStateOps,
  ...addrOps,
  ...routeOps,
  ...qdiscOps,
  ...fwOps,
  ...procOps,
  ...sysctlOps,
};

/** The spec of an op's kind. */
export const specOf = <O extends Op>(op: O): OpSpec<O> =>
  // The table is indexed by the op's own kind, which TypeScript cannot follow through the union.
  OPS[op.kind] as unknown as OpSpec<O>;
