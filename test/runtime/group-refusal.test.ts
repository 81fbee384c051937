// A script's group refused by the kernel halfway: the error names the statement whose line was refused,
// with the kernel's words, the statements before it stand and nothing after it does, and finding it
// costs a constant number of processes, not one run per statement (the 10 000-node round's finding).
// Where the report names no line (a helper that failed whole), halving the group finds the statement.
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../../src/diagnostic.js";
import { Driver } from "../../src/driver/driver.js";
import { runScript } from "../../src/driver/script.js";
import type { ExecResult, RunOptions } from "../../src/runtime/executor.js";
import { LineKernel } from "../support/line-kernel.js";
import { type LineHook, RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const dir = tempDirs("netl-group-refusal-")();
const N = 300;
/** A chain: `ns H0`, then `ns Hk` and `link H(k-1) <-> Hk` for each k; the link of Hk is on line 2k+1. */
const SCRIPT = [
  "ns H0",
  ...Array.from({ length: N - 1 }, (_, i) => [
    `ns H${i + 1}`,
    `link H${i} <-> H${i + 1} 10.${(i + 1) >> 8}.${(i + 1) & 255}.0/24`,
  ]).flat(),
];
const linkLine = (k: number) => 2 * k + 1;

/** Whether a batch process (`rtnl` or `ip -n NS`) fails whole, naming no line. */
type Whole = (argv: readonly string[], input: string) => boolean;

/** The fake kernel's lines, with a helper that fails without naming a line where `whole` says so. */
class Exec extends RecordingExecutor {
  constructor(
    hook: LineHook,
    rtnl: boolean,
    private readonly whole: Whole = () => false,
  ) {
    super(hook, { rtnl });
  }
  override run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    if (!argv.includes("-force") && this.whole(argv, options.input ?? ""))
      return Promise.resolve({ exitCode: 1, stdout: "", stderr: "rtnl: out of memory" });
    return super.run(argv, options);
  }
}

async function run(lines: readonly string[], exec: Exec) {
  const base = mkdtempSync(join(dir, "s-"));
  const paths = { runDir: join(base, "run"), netnsDir: join(base, "netns"), sysNetDir: join(base, "net") };
  for (const p of Object.values(paths)) mkdirSync(p);
  const opened = Driver.open({ lab: "g", prefix: "g", executor: exec, ...paths });
  if (!opened.ok) throw new Error(opened.error.message);
  const text = `${lines.join("\n")}\n`;
  const { program, errors } = parse(text);
  if (errors.length > 0) throw new Error(errors[0]?.message);
  let refusal: NetlError | undefined;
  const printer = { outcome: () => {}, refused: (e: NetlError) => (refusal = e) };
  const silent = { out: () => {}, err: () => {}, c: {} as never };
  const r = await runScript(opened.value, program, { name: "-", text }, silent, new AbortController().signal, printer);
  return { failed: r.failed, refusal, calls: exec.calls.length, lines: exec.done.length, driver: opened.value };
}

/** The kernel after the script, with `hook` refusing lines (undefined: accepted). */
async function build(refuse: (line: string, index: number) => boolean, rtnl = false, whole?: Whole) {
  const kernel = new LineKernel();
  const exec = new Exec(
    ({ ns, line, force, index }) =>
      !force && refuse(line, index) ? "RTNETLINK answers: No buffer space available" : kernel.apply(ns, line),
    rtnl,
    whole,
  );
  return { ...(await run(SCRIPT, exec)), kernel: kernel.snapshot() };
}

/** The kernel after the script's first `count` statements, none refused. */
async function prefixOf(count: number) {
  const kernel = new LineKernel();
  await run(SCRIPT.slice(0, count), new Exec(({ ns, line }) => kernel.apply(ns, line), false));
  return kernel.snapshot();
}

describe("a script's group the kernel refused", () => {
  it("names the statement of a line in the middle, with the kernel's words, in a few processes", async () => {
    const clean = await build(() => false, true);
    expect(clean.failed).toBe(false);
    const k = 137;
    const r = await build((line) => line.startsWith(`addr add 10.0.${k}.2/24`), true);
    expect(r.failed).toBe(true);
    expect(r.refusal?.span?.line).toBe(linkLine(k));
    expect(r.refusal?.message).toMatch(/^the kernel refused: ip -n g-H137 addr add 10\.0\.137\.2\/24 dev eth0/);
    expect(r.refusal?.failed?.stderr).toBe("RTNETLINK answers: No buffer space available");
    // The statement's own steps, not the group's, were rolled back: its veth pair and its one address.
    expect(r.refusal?.hint).toMatch(/^nothing was changed \(\d+ steps? rolled back\)$/);
    expect(r.refusal?.hint).not.toContain(`(${clean.calls}`);
    expect(r.kernel).toEqual(await prefixOf(linkLine(k) - 1));
    expect(r.driver.world.nodes.size).toBe(k + 1);
    // The group, its rollback, the statements before it again: a few times a clean build's processes.
    expect(r.calls).toBeLessThan(4 * clean.calls);
    expect(clean.calls).toBeLessThan(20);
  });

  it("at the first line: nothing stands, the first statement is named", async () => {
    const r = await build((_, index) => index === 1);
    expect(r.refusal?.span?.line).toBe(1);
    expect(r.refusal?.message).toBe("the kernel refused: ip netns add g-H0");
    expect(r.refusal?.hint).toBe("nothing was changed (0 steps rolled back)");
    expect(r.kernel).toEqual(new LineKernel().snapshot());
    expect(r.calls).toBeLessThan(10);
  });

  it("at the last line of the build (the rtnetlink process's): the last statement is named", async () => {
    const clean = await build(() => false, true);
    const last = await build((_, index) => index === clean.lines, true);
    expect(last.refusal?.span?.line).toBe(SCRIPT.length);
    expect(last.refusal?.failed?.stderr).toBe("RTNETLINK answers: No buffer space available");
    expect(last.kernel).toEqual(await prefixOf(SCRIPT.length - 1));
  });

  it("the wrong statement is never named: a refused line elsewhere points elsewhere", async () => {
    const a = await build((line) => line.startsWith("addr add 10.0.20.1/24"), true);
    const b = await build((line) => line.startsWith("addr add 10.0.200.1/24"), true);
    expect(a.refusal?.span?.line).toBe(linkLine(20));
    expect(b.refusal?.span?.line).toBe(linkLine(200));
  });

  it("a helper that fails whole, naming no line: halving finds the statement, in a few rounds", async () => {
    const clean = await build(() => false, true);
    const r = await build(
      () => false,
      true,
      (argv, input) => input.includes("g-H150\taddr") || (argv.includes("g-H150") && input.includes("addr add")),
    );
    expect(r.failed).toBe(true);
    expect(r.refusal?.span?.line).toBe(linkLine(150));
    expect(r.refusal?.failed?.stderr).toBe("rtnl: out of memory");
    expect(r.kernel).toEqual(await prefixOf(linkLine(150) - 1));
    // log2 of 599 statements is under 10: each round a group's few processes (a statement at a time
    // would be two or three for each of the 300 before it).
    expect(r.calls).toBeLessThan(25 * clean.calls);
    expect(r.calls).toBeLessThan(N / 2);
  });
});
