// `pingall` in the live lab: one ping per ordered pair of nodes, a few at a time.
import type { PingallQuery } from "../interpreter/plan.js";
import type { Executor } from "./executor.js";
import { ping } from "./ping.js";

/** How many pings run at once: enough to finish a lab of tens of nodes in seconds. */
const AT_ONCE = 16;

export interface PingallRow {
  readonly from: string;
  /** One per other node, in lab order. */
  readonly results: readonly { readonly to: string; readonly ok: boolean }[];
}

export interface PingallOutcome {
  readonly kind: "pingall";
  readonly rows: readonly PingallRow[];
  readonly lost: number;
  readonly total: number;
}

export async function pingAll(
  executor: Executor,
  nsName: (node: string) => string,
  q: PingallQuery,
): Promise<PingallOutcome> {
  const ok = new Array<boolean>(q.pings.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < q.pings.length) {
      const i = next++;
      const p = q.pings[i];
      if (p !== undefined) ok[i] = (await ping(executor, nsName(p.from), p)).ok;
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, q.pings.length) }, worker));
  const rows = q.nodes.map((from) => ({
    from,
    results: q.pings.flatMap((p, i) => (p.from === from ? [{ to: p.target, ok: ok[i] ?? false }] : [])),
  }));
  const lost = ok.filter((x) => !x).length;
  return { kind: "pingall", rows, lost, total: q.pings.length };
}
