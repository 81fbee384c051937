// Lowering: each op becomes one `ip` batch line, plus the stand-alone command a person
// would type for it (printed by --explain and `netl plan`, pasteable into a root shell).
import type { Op } from "./types.js";

/**
 * When a line may run relative to the per-namespace batches of the same stage:
 * `create` lines run first in one global `ip -batch`, `ns` lines in `ip -n NS -batch -`,
 * `destroy` lines last in one global `ip -batch`.
 */
export type Phase = "create" | "ns" | "destroy";

export interface Step {
  readonly phase: Phase;
  /** Namespace whose batch runs an `ns` line; for global lines, the first namespace touched. */
  readonly ns: string;
  /** Every namespace whose state the line reads or changes. */
  readonly touches: readonly string[];
  /** The batch line's words (no leading `ip`, no `-n`). */
  readonly line: readonly string[];
  /** The equivalent stand-alone command. */
  readonly command: readonly string[];
}

export type NsName = (node: string) => string;

const nsStep = (ns: string, line: string[], touches: string[] = [ns]): Step => ({
  phase: "ns",
  ns,
  touches,
  line,
  command: ["ip", "-n", ns, ...line],
});

const globalStep = (phase: "create" | "destroy", touches: string[], line: string[], command?: string[]): Step => ({
  phase,
  ns: touches[0] ?? "",
  touches,
  line,
  command: command ?? ["ip", ...line],
});

export function lower(op: Op, nsName: NsName): Step {
  switch (op.kind) {
    case "netns.add":
      return globalStep("create", [nsName(op.node)], ["netns", "add", nsName(op.node)]);
    case "netns.del":
      return globalStep("destroy", [nsName(op.node)], ["netns", "del", nsName(op.node)]);
    case "veth.add": {
      const a = nsName(op.a.node);
      const b = nsName(op.b.node);
      return globalStep(
        "create",
        [a, b],
        ["link", "add", op.a.ifname, "netns", a, "type", "veth", "peer", "name", op.b.ifname, "netns", b],
      );
    }
    case "veth.del":
      // Deleting one end removes its peer too: the line runs in a's namespace but touches b's.
      return nsStep(nsName(op.a.node), ["link", "del", op.a.ifname], [nsName(op.a.node), nsName(op.b.node)]);
    case "link.set":
      return nsStep(nsName(op.node), ["link", "set", op.ifname, op.up ? "up" : "down"]);
    case "bridge.add":
      return nsStep(nsName(op.node), ["link", "add", op.ifname, "type", "bridge"]);
    case "bridge.del":
      return nsStep(nsName(op.node), ["link", "del", op.ifname]);
    case "link.master":
      return nsStep(nsName(op.node), ["link", "set", op.ifname, "master", op.master]);
    case "link.nomaster":
      return nsStep(nsName(op.node), ["link", "set", op.ifname, "nomaster"]);
    case "addr.add":
      return nsStep(nsName(op.node), [
        "addr",
        "add",
        op.cidr,
        "dev",
        op.ifname,
        ...(op.cidr.includes(":") ? ["nodad"] : []),
      ]);
    case "addr.del":
      return nsStep(nsName(op.node), ["addr", "del", op.cidr, "dev", op.ifname]);
    case "route.add":
    case "route.del": {
      const r = op.route;
      const verb = op.kind === "route.add" ? "add" : "del";
      return nsStep(nsName(op.node), ["route", verb, r.destination, "via", r.via, ...(r.dev ? ["dev", r.dev] : [])]);
    }
    case "sysctl.set": {
      const ns = nsName(op.node);
      const line = ["netns", "exec", ns, "sysctl", "-qw", `${op.key}=${op.value}`];
      return globalStep("create", [ns], line, ["ip", ...line]);
    }
  }
}
