// The one process that sets every namespace's sysctls of a stage (src/runtime/sysctl-batch.ts): it
// writes into each namespace named and nowhere else, and reports a refused line as `ip -batch` does.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/runtime/batch.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import type { PlannedLine } from "../../src/runtime/stages.js";
import { sysctlArgv } from "../../src/runtime/sysctl-batch.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";

const prefix = testPrefix("sysctls");
const [A, B] = [`${prefix}-a`, `${prefix}-b`];
const read = (ns: string, key: string) =>
  execFileSync("ip", ["netns", "exec", ns, "sysctl", "-n", key], { encoding: "utf8" }).trim();
const line = (ns: string, ...settings: string[]): PlannedLine => {
  const words = ["netns", "exec", ns, "sysctl", "-qw", ...settings];
  return {
    step: { phase: "create", tool: "sysctl", ns, touches: [ns], line: words, command: ["ip", ...words] },
    ops: [],
  };
};

describe.runIf(kernelTestsEnabled(__filename))("the sysctl batch", () => {
  afterAll(() => {
    for (const ns of netnsList().filter((n) => n.startsWith(`${prefix}-`))) execFileSync("ip", ["netns", "del", ns]);
  });

  it("runs in one Perl process on this machine", () => {
    expect(sysctlArgv(false)[0]).toBe("perl");
    expect(sysctlArgv(true).at(-1)).toBe("-force");
  });

  it("sets each namespace's own values, not the machine's", async () => {
    for (const ns of [A, B]) execFileSync("ip", ["netns", "add", ns]);
    const machine = execFileSync("sysctl", ["-n", "net.ipv6.conf.all.forwarding"], { encoding: "utf8" }).trim();
    const r = await runBatch(
      new ProcessExecutor(),
      undefined,
      [
        line(A, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"),
        line(B, "net.ipv6.conf.default.accept_dad=0"),
      ],
      false,
    );
    expect(r).toEqual({ done: [0, 1], failures: [] });
    expect([read(A, "net.ipv4.ip_forward"), read(A, "net.ipv6.conf.all.forwarding")]).toEqual(["1", "1"]);
    expect([read(B, "net.ipv4.ip_forward"), read(B, "net.ipv6.conf.default.accept_dad")]).toEqual(["0", "0"]);
    expect(execFileSync("sysctl", ["-n", "net.ipv6.conf.all.forwarding"], { encoding: "utf8" }).trim()).toBe(machine);
  });

  it("names the refused line and stops there; with -force it goes on", async () => {
    const lines = [
      line(A, "net.ipv4.ip_forward=0"),
      line(`${prefix}-none`, "net.ipv4.ip_forward=1"),
      line(B, "net.ipv4.no_such_setting=1"),
      line(B, "net.ipv4.ip_forward=1"),
    ];
    const stopped = await runBatch(new ProcessExecutor(), undefined, lines, false);
    expect(stopped.done).toEqual([0]);
    expect(stopped.failures).toEqual([
      {
        argv: lines[1]?.step.command,
        stderr: expect.stringContaining(`Cannot open network namespace "${prefix}-none"`),
      },
    ]);
    expect(read(B, "net.ipv4.ip_forward")).toBe("0");
    const forced = await runBatch(new ProcessExecutor(), undefined, lines, true);
    expect(forced.done).toEqual([0, 3]);
    expect(forced.failures.map((f) => f.stderr)).toEqual([
      expect.stringContaining("Cannot open network namespace"),
      expect.stringContaining("/proc/sys/net/ipv4/no_such_setting"),
    ]);
    expect(read(B, "net.ipv4.ip_forward")).toBe("1");
  });
});
