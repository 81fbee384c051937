// A fake `ip` for runtime tests: records every invocation and each batch line, and can refuse
// chosen lines the way `ip -batch` does (stop at the first failure and name its line).
import type { ExecResult, Executor, RunOptions } from "../../src/runtime/executor.js";

export interface Invocation {
  readonly argv: readonly string[];
  readonly lines: readonly string[];
}

export interface LineContext {
  /** The namespace of an `ip -n NS -batch -`, or undefined for a global batch. */
  readonly ns: string | undefined;
  readonly line: string;
  readonly force: boolean;
  /** 1-based count of every line seen so far, this one included. */
  readonly index: number;
}

/** Return an error text to refuse the line, or undefined to accept it. */
export type LineHook = (ctx: LineContext) => string | undefined;

export class RecordingExecutor implements Executor {
  readonly calls: Invocation[] = [];
  /** Lines the fake kernel carried out, as `NS: line` or `*: line`. */
  readonly done: string[] = [];
  #count = 0;

  /** `rtnl`: offer the many-namespace process (Executor.rtnl), run here as `rtnl [-force]` on its records. */
  constructor(
    private readonly hook: LineHook = () => undefined,
    private readonly options: { readonly rtnl?: boolean } = {},
  ) {}

  rtnl(force: boolean): readonly string[] | undefined {
    return this.options.rtnl ? ["rtnl", force ? "-force" : "-"] : undefined;
  }

  async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    const lines = (options.input ?? "").split("\n").filter((l) => l !== "");
    this.calls.push({ argv, lines });
    // The sysctl runner (src/runtime/sysctl-batch.ts) reads global `netns exec NS sysctl …` lines as `ip -batch` would.
    const sysctls = argv[0] === "perl";
    // The rtnetlink process (src/runtime/rtnl-batch.ts) reads records, each as `ip -n NS` its line.
    const rtnl = argv[0] === "rtnl";
    if (!argv.includes("-batch") && !sysctls && !rtnl) return { exitCode: 0, stdout: "", stderr: "" };
    const nIndex = argv.indexOf("-n");
    const batchNs = nIndex >= 0 ? argv[nIndex + 1] : undefined;
    const force = argv.includes("-force");
    const errors: string[] = [];
    for (const [i, text] of lines.entries()) {
      this.#count++;
      const [ns, line] = rtnl ? rtnlLine(text) : [batchNs, text];
      const refused = this.hook({ ns, line, force, index: this.#count });
      if (refused === undefined) {
        this.done.push(`${ns ?? "*"}: ${line}`);
        continue;
      }
      errors.push(refused, `Command failed -:${i + 1}`);
      if (!force) break;
    }
    return { exitCode: errors.length > 0 ? 1 : 0, stdout: "", stderr: errors.join("\n") };
  }
}

/**
 * The namespace and `ip` line that a record of the rtnetlink process stands for (its fields:
 * src/runtime/native/rtnl.pl's header), read as independently of the runtime's writer as can be.
 */
export function rtnlLine(record: string): [string, string] {
  const [ns = "", kind, ...f] = record.split("\t");
  if (kind === "link" && f.length === 2) return [ns, `link set ${f[0]} ${f[1]}`];
  if (kind === "addr" && f.length === 6) {
    const [dev, , address, prefix, , nodad] = f;
    return [ns, `addr add ${address}/${prefix} dev ${dev}${nodad === "nodad" ? " nodad" : ""}`];
  }
  if (kind === "route" && f.length === 6) {
    const [, dst, prefix, gateway, dev, metric] = f;
    const words = ["route", "add", dst ? `${dst}/${prefix}` : "default", "via", gateway];
    return [ns, [...words, ...(dev ? ["dev", dev] : []), ...(metric ? ["metric", metric] : [])].join(" ")];
  }
  throw new Error(`not a record of the rtnetlink process: ${JSON.stringify(record)}`);
}
