// Lowering: each op becomes one `ip` batch line, plus the stand-alone command a person
// would type for it (printed by --explain and `netl plan`, pasteable into a root shell).
import { HOST } from "../world.js";
import { MACHINE_NS } from "./machine-ns.js";
import { nftScript } from "./nft.js";
import { qdiscWords } from "./qdisc.js";
import type { Op } from "./types.js";

/**
 * When a line may run relative to the per-namespace batches of the same stage:
 * `create` lines run first in one global `ip -batch`, `ns` lines in `ip -n NS -batch -`,
 * `destroy` lines last in one global `ip -batch`.
 */
export type Phase = "create" | "ns" | "destroy";

/**
 * The program a line is for: `ip`; `tc` for queues, `nft` for firewalls (per-namespace lines only);
 * `proc` for a process `spawn` starts or ends, which the runtime does itself (never a batch);
 * `sysctl` for a namespace's settings (global lines, `netns exec NS sysctl -qw k=v …`), which the
 * runtime runs for all namespaces of a stage in one process.
 */
export type Tool = "ip" | "tc" | "nft" | "proc" | "sysctl";

export interface Step {
  readonly phase: Phase;
  readonly tool: Tool;
  /** Namespace whose batch runs an `ns` line; for global lines, the first namespace touched. */
  readonly ns: string;
  /** Every namespace whose state the line reads or changes. */
  readonly touches: readonly string[];
  /** The batch line's words (no leading `ip`, no `-n`). */
  readonly line: readonly string[];
  /** The equivalent stand-alone command. */
  readonly command: readonly string[];
  /**
   * The same work as a line of one of its namespaces' own batches (a veth pair made from its first
   * end's side), for a change whose only creation it is: that batch then does it, one process fewer.
   */
  readonly inside?: Step;
}

export type NsName = (node: string) => string;

export { MACHINE_NS } from "./machine-ns.js";

const nsStep = (ns: string, line: string[], touches: string[] = [ns], tool: Tool = "ip"): Step => ({
  phase: "ns",
  tool,
  ns,
  touches,
  line,
  command: [tool, ...(ns === MACHINE_NS ? [] : ["-n", ns]), ...line],
});

const globalStep = (
  phase: "create" | "destroy",
  touches: string[],
  line: string[],
  command?: string[],
  tool: Tool = "ip",
): Step => ({
  phase,
  tool,
  ns: touches[0] ?? "",
  touches,
  line,
  command: command ?? ["ip", ...line],
});

export function lower(op: Op, names: NsName): Step {
  const nsName = (node: string): string => (node === HOST ? MACHINE_NS : names(node));
  switch (op.kind) {
    case "netns.add":
      return globalStep("create", [nsName(op.node)], ["netns", "add", nsName(op.node)]);
    case "netns.del":
      return globalStep("destroy", [nsName(op.node)], ["netns", "del", nsName(op.node)]);
    case "veth.add": {
      // A host end is born in the machine's namespace: it is named first, with no `netns`.
      const [h, other] = op.b.node === HOST ? [op.b, op.a] : [op.a, op.b];
      if (h.node === HOST) {
        const peer = nsName(other.node);
        return globalStep(
          "create",
          [MACHINE_NS, peer],
          ["link", "add", h.ifname, "type", "veth", "peer", "name", other.ifname, "netns", peer],
        );
      }
      const a = nsName(op.a.node);
      const b = nsName(op.b.node);
      return {
        ...globalStep(
          "create",
          [a, b],
          ["link", "add", op.a.ifname, "netns", a, "type", "veth", "peer", "name", op.b.ifname, "netns", b],
        ),
        inside: nsStep(
          a,
          ["link", "add", op.a.ifname, "type", "veth", "peer", "name", op.b.ifname, "netns", b],
          [a, b],
        ),
      };
    }
    case "veth.del":
      // Deleting one end removes its peer too: the line runs in a's namespace but touches b's.
      // A host end is deleted from the machine's side, so no namespace deletion can leave it behind.
      if (op.b.node === HOST) return nsStep(MACHINE_NS, ["link", "del", op.b.ifname], [nsName(op.a.node), MACHINE_NS]);
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
    case "iface.move": {
      // Into the machine's namespace by pid 1's: the line runs inside the namespace it leaves.
      const target = op.to === HOST ? "1" : nsName(op.to);
      return nsStep(nsName(op.from), ["link", "set", op.ifname, "netns", target], [nsName(op.from), nsName(op.to)]);
    }
    case "link.mtu":
      return nsStep(nsName(op.node), ["link", "set", op.ifname, "mtu", String(op.mtu)]);
    case "qdisc.set": {
      const line = op.conditions
        ? ["qdisc", "replace", "dev", op.ifname, "root", ...qdiscWords(op.conditions)]
        : ["qdisc", "del", "dev", op.ifname, "root"];
      return nsStep(nsName(op.node), line, [nsName(op.node)], "tc");
    }
    case "fw.set": {
      const ns = nsName(op.node);
      const script = nftScript(op.rules);
      return { ...nsStep(ns, [script], [ns], "nft"), command: ["ip", "netns", "exec", ns, "nft", script] };
    }
    case "proc.start": {
      const ns = nsName(op.node);
      const line = ["start", String(op.id), op.node, op.command];
      return { ...nsStep(ns, line, [ns], "proc"), command: ["ip", "netns", "exec", ns, "sh", "-c", op.command] };
    }
    case "proc.stop": {
      const ns = nsName(op.node);
      const command = ["kill", "-TERM", "--", `-<process group of spawn ${op.id}: ${op.command}>`];
      return { ...nsStep(ns, ["stop", String(op.id), op.node], [ns], "proc"), command };
    }
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
      return nsStep(nsName(op.node), [
        "route",
        verb,
        r.destination,
        "via",
        r.via,
        ...(r.dev ? ["dev", r.dev] : []),
        ...(r.metric === undefined ? [] : ["metric", String(r.metric)]),
      ]);
    }
    case "sysctl.set": {
      const ns = nsName(op.node);
      const line = ["netns", "exec", ns, "sysctl", "-qw", `${op.key}=${op.value}`];
      return globalStep("create", [ns], line, ["ip", ...line], "sysctl");
    }
  }
}
