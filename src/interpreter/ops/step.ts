// What an op becomes for the kernel: one batch line (for `ip -batch`, `tc -batch`, …) and the
// stand-alone command a person would type for it (printed by --explain and `netl plan`, pasteable
// into a root shell); where the rtnetlink helper can carry it, its request as plain fields.
import { MACHINE_NS } from "./machine-ns.js";

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
 * runtime runs for all namespaces of a stage in one process; `netns` for a namespace made (global
 * `netns add NAME` lines, as `ip` reads them), which the runtime makes in a process that writes each
 * one's identity down as it exists (runtime/netns-batch.ts); `conf` for one of an interface's own
 * settings in the machine's namespace, which the runtime writes itself (runtime/conf-lines.ts).
 */
export type Tool = "ip" | "tc" | "nft" | "proc" | "sysctl" | "netns" | "conf";

/**
 * One request of the rtnetlink helper (runtime/native/rtnl.pl), with the fields `ip` would decide
 * from its words decided here from the op. The helper sends exactly what `ip` sends for the line.
 */
export type RtnlRequest =
  /** `ip link set DEV up|down`. */
  | { readonly kind: "link"; readonly dev: string; readonly up: boolean }
  /** `ip addr add ADDRESS/PREFIX dev DEV [nodad]`; ip gives an IPv4 127/8 address host scope. */
  | {
      readonly kind: "addr";
      readonly dev: string;
      readonly family: 4 | 6;
      readonly address: string;
      readonly prefix: number;
      readonly scope: "host" | "universe";
      readonly nodad: boolean;
    }
  /** `ip route add DESTINATION via GATEWAY [dev DEV] [metric N]`: main table, proto boot, universe scope. */
  | {
      readonly kind: "route";
      readonly family: 4 | 6;
      /** Undefined for `default`. */
      readonly destination?: { readonly address: string; readonly prefix: number };
      readonly gateway: string;
      readonly dev?: string;
      readonly metric?: number;
    };

/** `ADDRESS/PREFIX` as its two parts; a bare address is a host's (/32, /128), as `ip` takes it. */
export function prefixParts(text: string, family: 4 | 6): { readonly address: string; readonly prefix: number } {
  const slash = text.indexOf("/");
  if (slash < 0) return { address: text, prefix: family === 4 ? 32 : 128 };
  return { address: text.slice(0, slash), prefix: Number(text.slice(slash + 1)) };
}

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

/** A node's namespace name (the lab's prefix applied). */
export type NsName = (node: string) => string;

// A change of thousands of nodes lowers to a hundred thousand lines, all held until its batches have
// run: a line keeps its words once, and makes its stand-alone command (and a veth's `inside`) when asked.

/** A line of a namespace's own batch: its command is `TOOL -n NS LINE`; it touches its namespace unless told others. */
class NsLine implements Step {
  readonly phase = "ns" as const;
  readonly #touches: readonly string[] | undefined;
  constructor(
    readonly ns: string,
    readonly line: readonly string[],
    touches: readonly string[] | undefined,
    readonly tool: Tool,
  ) {
    this.#touches = touches;
  }
  get touches(): readonly string[] {
    return this.#touches ?? [this.ns];
  }
  get command(): readonly string[] {
    return [this.tool, ...(this.ns === MACHINE_NS ? [] : ["-n", this.ns]), ...this.line];
  }
}

/** A line of a global batch: its command is `ip LINE`. */
class GlobalLine implements Step {
  readonly ns: string;
  constructor(
    readonly phase: "create" | "destroy",
    readonly touches: readonly string[],
    readonly line: readonly string[],
    readonly tool: Tool,
  ) {
    this.ns = touches[0] ?? "";
  }
  get command(): readonly string[] {
    return ["ip", ...this.line];
  }
}

/** A global line that one of its namespaces' own batches can run instead (`inside`), made when asked. */
class GlobalWithInside extends GlobalLine {
  constructor(
    touches: readonly string[],
    line: readonly string[],
    private readonly insideOf: () => Step,
  ) {
    super("create", touches, line, "ip");
  }
  get inside(): Step {
    return this.insideOf();
  }
}

/** A line of `ns`'s own batch. */
export const nsStep = (ns: string, line: string[], touches?: string[], tool: Tool = "ip"): Step =>
  new NsLine(ns, line, touches, tool);

/** A line of a global batch (creations first, deletions last); its command `ip LINE`. */
export const globalStep = (phase: "create" | "destroy", touches: string[], line: string[], tool: Tool = "ip"): Step =>
  new GlobalLine(phase, touches, line, tool);

/** A global creation that the batch of its first namespace can run instead (`inside`). */
export const globalStepInside = (touches: string[], line: string[], inside: () => Step): Step =>
  new GlobalWithInside(touches, line, inside);

/** A step whose stand-alone command is not made from its line (a firewall's, a process's). */
export const withCommand = (step: Step, command: readonly string[]): Step => ({
  phase: step.phase,
  tool: step.tool,
  ns: step.ns,
  touches: step.touches,
  line: step.line,
  command,
});

/** The same step with other touches or words; its command made as the original's is. */
export function restep(
  step: Step,
  change: { readonly touches?: readonly string[]; readonly line?: readonly string[] },
): Step {
  const touches = change.touches ?? step.touches;
  const line = change.line ?? step.line;
  if (step instanceof NsLine) return new NsLine(step.ns, line, change.touches ?? step.touches, step.tool);
  if (step instanceof GlobalLine) return new GlobalLine(step.phase, touches, line, step.tool);
  if (change.line !== undefined) throw new Error("restep: new words for a step whose command is its own");
  return { ...step, touches };
}
