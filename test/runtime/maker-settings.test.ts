// The namespace maker sets the namespaces' sysctls too (native/netns.pl): one process for a build's
// namespaces and their settings, each namespace's right after it is made. Without the maker (an
// executor that has none) the settings keep their own batch. A refused setting names its statement.
// The lines and their order are the two batches' as they were: only the processes are fewer.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../../src/diagnostic.js";
import { Driver } from "../../src/driver/driver.js";
import { runScript } from "../../src/driver/script.js";
import { LineKernel } from "../support/line-kernel.js";
import { type LineHook, RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

/** A fake kernel whose namespace maker reads its lines as a global `ip -batch` would (argv[0] perl). */
class WithMaker extends RecordingExecutor {
  netns(force: boolean, journal: string): readonly string[] {
    return ["perl", "-e", "maker", force ? "-force" : "-", journal];
  }
}

const tempDir = tempDirs("netl-maker-");

async function build(text: string, exec: RecordingExecutor) {
  const base = tempDir();
  const paths = { runDir: join(base, "run"), netnsDir: join(base, "netns"), sysNetDir: join(base, "net") };
  for (const p of Object.values(paths)) mkdirSync(p);
  const opened = Driver.open({ lab: "m", prefix: "m", executor: exec, ...paths });
  if (!opened.ok) throw new Error(opened.error.message);
  const { program } = parse(text);
  let refusal: NetlError | undefined;
  const printer = { outcome: () => {}, refused: (e: NetlError) => (refusal = e) };
  const silent = { out: () => {}, err: () => {}, c: {} as never };
  await runScript(opened.value, program, { name: "-", text }, silent, new AbortController().signal, printer);
  return refusal;
}

const SCRIPT = "ns A B\nrouter R\nlink A <-> R 10.0.1.0/24\nlink R <-> B 10.0.2.0/24\n";
const hook =
  (kernel: LineKernel, refuse = (_: string) => false): LineHook =>
  ({ ns, line, force }) =>
    !force && refuse(line) ? "sysctl: setting key refused" : kernel.apply(ns, line);

describe("the namespace maker sets the settings", () => {
  it("one process makes the namespaces, then sets their sysctls", async () => {
    const kernel = new LineKernel();
    const exec = new WithMaker(hook(kernel));
    expect(await build(SCRIPT, exec)).toBeUndefined();
    const maker = exec.calls.filter((c) => c.argv[2] === "maker");
    expect(maker).toHaveLength(1);
    const lines = maker[0]?.lines ?? [];
    expect(lines.map((l) => l.split(" ").slice(0, 3).join(" "))).toEqual([
      "netns add m-A",
      "netns add m-B",
      "netns add m-R",
      "netns exec m-A",
      "netns exec m-B",
      "netns exec m-R",
    ]);
    expect(lines[5]).toContain("net.ipv4.ip_forward=1");
    // No other process sets a sysctl.
    expect(exec.calls.filter((c) => c.argv[2] !== "maker" && c.lines.some((l) => l.includes("sysctl")))).toEqual([]);
    // The kernel is the one a build without the maker gives.
    const plain = new LineKernel();
    const without = new RecordingExecutor(hook(plain));
    expect(await build(SCRIPT, without)).toBeUndefined();
    expect(kernel.snapshot()).toEqual(plain.snapshot());
    expect(without.calls.some((c) => c.argv[0] === "perl" && c.lines.every((l) => l.includes("sysctl")))).toBe(true);
  });

  it("a refused setting names its statement; the statements before it stand, nothing of it or after", async () => {
    const kernel = new LineKernel();
    const exec = new WithMaker(hook(kernel, (line) => line.includes("ip_forward")));
    const refusal = await build(SCRIPT, exec);
    expect(refusal?.span?.line).toBe(2);
    expect(refusal?.failed?.stderr).toBe("sysctl: setting key refused");
    const before = new LineKernel();
    await build("ns A B\n", new WithMaker(hook(before)));
    expect(kernel.snapshot()).toEqual(before.snapshot());
  });
});
