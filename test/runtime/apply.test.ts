// applyAll with a fake `ip`: batching, and rollback at every possible failing line.
import { describe, expect, it } from "vitest";
import type { Op } from "../../src/interpreter/ops/types.js";
import { applyAll } from "../../src/runtime/apply.js";
import { LineKernel } from "../support/line-kernel.js";
import { RecordingExecutor } from "../support/recording-executor.js";

const nsName = (node: string) => `t-${node}`;

const build: Op[] = [
  { kind: "netns.add", node: "A" },
  { kind: "link.set", node: "A", ifname: "lo", up: true },
  { kind: "netns.add", node: "B" },
  { kind: "link.set", node: "B", ifname: "lo", up: true },
  { kind: "netns.add", node: "R" },
  { kind: "link.set", node: "R", ifname: "lo", up: true },
  { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
  { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "R", ifname: "eth0" } },
  { kind: "link.set", node: "A", ifname: "eth0", up: true },
  { kind: "link.set", node: "R", ifname: "eth0", up: true },
  { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.1.1/24" },
  { kind: "addr.add", node: "R", ifname: "eth0", cidr: "10.0.1.2/24" },
  { kind: "veth.add", a: { node: "R", ifname: "eth1" }, b: { node: "B", ifname: "eth0" } },
  { kind: "link.set", node: "R", ifname: "eth1", up: true },
  { kind: "link.set", node: "B", ifname: "eth0", up: true },
  { kind: "addr.add", node: "R", ifname: "eth1", cidr: "10.0.2.1/24" },
  { kind: "addr.add", node: "B", ifname: "eth0", cidr: "10.0.2.2/24" },
  { kind: "route.add", node: "A", route: { destination: "default", family: 4, via: "10.0.1.2", dev: "eth0" } },
  { kind: "route.add", node: "B", route: { destination: "default", family: 4, via: "10.0.2.1", dev: "eth0" } },
];

/** The `del R` of that lab, as the interpreter emits it. */
const delR: Op[] = [
  { kind: "route.del", node: "A", route: { destination: "default", family: 4, via: "10.0.1.2", dev: "eth0" } },
  { kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.1.1/24" },
  { kind: "addr.del", node: "R", ifname: "eth0", cidr: "10.0.1.2/24" },
  { kind: "link.set", node: "A", ifname: "eth0", up: false },
  { kind: "link.set", node: "R", ifname: "eth0", up: false },
  { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "R", ifname: "eth0" } },
  { kind: "route.del", node: "B", route: { destination: "default", family: 4, via: "10.0.2.1", dev: "eth0" } },
  { kind: "addr.del", node: "R", ifname: "eth1", cidr: "10.0.2.1/24" },
  { kind: "addr.del", node: "B", ifname: "eth0", cidr: "10.0.2.2/24" },
  { kind: "link.set", node: "R", ifname: "eth1", up: false },
  { kind: "link.set", node: "B", ifname: "eth0", up: false },
  { kind: "veth.del", a: { node: "R", ifname: "eth1" }, b: { node: "B", ifname: "eth0" } },
  { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "0", previous: "1" },
  { kind: "link.set", node: "R", ifname: "lo", up: false },
  { kind: "netns.del", node: "R" },
];

/**
 * A fake kernel that refuses the N-th line of the change (rollback lines, run with -force, are never
 * refused); `rtnl`: the executor offers the many-namespace process, as the real one does.
 */
function kernelFailingAt(kernel: LineKernel, n: number, rtnl = false) {
  return new RecordingExecutor(
    ({ ns, line, force, index }) => {
      if (!force && index === n) return "RTNETLINK answers: injected";
      return kernel.apply(ns, line);
    },
    { rtnl },
  );
}

async function linesOf(ops: Op[], kernel = new LineKernel(), rtnl = false) {
  const exec = kernelFailingAt(kernel, 0, rtnl);
  expect(await applyAll(ops, { executor: exec, nsName })).toEqual({ ok: true });
  return { count: exec.done.length, exec, kernel };
}

describe("applyAll", () => {
  it("builds a lab with one global batch and one batch per namespace", async () => {
    const { exec, kernel } = await linesOf(build);
    // Namespaces, their sysctls (one process for all), the veths; then one batch per namespace.
    expect(exec.calls.map((c) => (c.argv[0] === "perl" ? "perl" : c.argv.join(" ")))).toEqual([
      "ip -batch -",
      "perl",
      "ip -batch -",
      "ip -n t-A -batch -",
      "ip -n t-B -batch -",
      "ip -n t-R -batch -",
    ]);
    expect(kernel.snapshot()["t-A/route default via 10.0.1.2 dev eth0"]).toBe("1");
  });

  it("deletes a router and its links with one netns del and the peers' own clean-up", async () => {
    const { kernel } = await linesOf(build);
    const { exec } = await linesOf(delR, kernel);
    expect(exec.calls.map((c) => c.argv.join(" "))).toEqual([
      "ip -n t-A -batch -",
      "ip -n t-B -batch -",
      "ip -batch -",
    ]);
    expect(exec.calls[2]?.lines).toEqual(["netns del t-R"]);
    expect(Object.keys(kernel.snapshot()).filter((k) => k.startsWith("t-R/"))).toEqual([]);
  });

  it("with the many-namespace process, a few namespaces' lines go in one process, same kernel result", async () => {
    const { exec, kernel } = await linesOf(build, new LineKernel(), true);
    // Three namespaces are not worth a second process's start.
    expect(exec.calls.map((c) => (c.argv[0] === "perl" ? "perl" : c.argv.join(" ")))).toEqual([
      "ip -batch -",
      "perl",
      "ip -batch -",
      "rtnl -",
    ]);
    expect(exec.calls.slice(3).flatMap((c) => c.lines)).toContain("t-R\taddr\teth0\t4\t10.0.1.2\t24\tuniverse\t");
    expect(kernel.snapshot()).toEqual((await linesOf(build)).kernel.snapshot());
  });

  it("with the many-namespace process, twelve namespaces' lines go in two processes, same kernel result", async () => {
    const chain: Op[] = [];
    for (let i = 0; i < 12; i++)
      chain.push({ kind: "netns.add", node: `N${i}` }, { kind: "link.set", node: `N${i}`, ifname: "lo", up: true });
    for (let i = 0; i < 11; i++) {
      const [a, b] = [`N${i}`, `N${i + 1}`];
      chain.push(
        { kind: "veth.add", a: { node: a, ifname: "eth1" }, b: { node: b, ifname: "eth0" } },
        { kind: "addr.add", node: a, ifname: "eth1", cidr: `10.0.${i}.1/24` },
        { kind: "addr.add", node: b, ifname: "eth0", cidr: `10.0.${i}.2/24` },
      );
    }
    const { exec, kernel } = await linesOf(chain, new LineKernel(), true);
    // As many processes as batches run at once (two), six namespaces each.
    const rtnl = exec.calls.filter((c) => c.argv.join(" ") === "rtnl -");
    expect(rtnl.map((c) => new Set(c.lines.map((l) => l.split("\t")[0])).size)).toEqual([6, 6]);
    expect(kernel.snapshot()).toEqual((await linesOf(chain)).kernel.snapshot());
  });

  for (const [name, setup, ops, rtnl] of [
    ["building", [] as Op[], build, false],
    ["building (many-namespace process)", [] as Op[], build, true],
    ["deleting a router", build, delR, false],
    ["deleting a router (many-namespace process)", build, delR, true],
  ] as const) {
    it(`leaves the kernel as it was when any line of ${name} fails, and names that line`, async () => {
      const ready = new LineKernel();
      if (setup.length) await linesOf(setup, ready);
      const total = (await linesOf(ops, ready, rtnl)).count;
      expect(total).toBeGreaterThan(3);
      for (let n = 1; n <= total; n++) {
        const kernel = new LineKernel();
        if (setup.length) await linesOf(setup, kernel);
        const before = kernel.snapshot();
        const exec = kernelFailingAt(kernel, n, rtnl);
        const outcome = await applyAll(ops, { executor: exec, nsName });
        expect(outcome.ok, `line ${n}`).toBe(false);
        if (outcome.ok) continue;
        expect(outcome.failed.stderr).toBe("RTNETLINK answers: injected");
        expect(outcome.rollbackFailures, `line ${n}`).toEqual([]);
        expect(kernel.snapshot(), `failing at line ${n}`).toEqual(before);
      }
    });
  }

  it("runs parts one after another and takes back a failed one's done ops, newest part first", async () => {
    const kernel = new LineKernel();
    await linesOf(build, kernel);
    const before = kernel.snapshot();
    // Two steps of an undo: the route goes, then the address; the second is refused.
    const parts: Op[][] = [[delR[0] as Op], [delR[1] as Op, delR[2] as Op]];
    const exec = new RecordingExecutor(({ ns, line, force }) => {
      if (!force && line.startsWith("addr del 10.0.1.2")) return "RTNETLINK answers: injected";
      return kernel.apply(ns, line);
    });
    const outcome = await applyAll(parts, { executor: exec, nsName });
    expect(outcome).toMatchObject({ ok: false, rolledBack: 2, rollbackFailures: [] });
    // The address came back before the route: the second part's inverse first.
    const back = exec.done.filter((l) => l.includes(" add "));
    expect(back).toEqual(["t-A: addr add 10.0.1.1/24 dev eth0", "t-A: route add default via 10.0.1.2 dev eth0"]);
    expect(kernel.snapshot()).toEqual(before);
  });

  it("reports a rollback step that fails instead of hiding it", async () => {
    const kernel = new LineKernel();
    const exec = new RecordingExecutor(({ ns, line, force }) => {
      if (!force && line.startsWith("addr add 10.0.1.2")) return "RTNETLINK answers: injected";
      if (force && line === "netns del t-A") return "Cannot remove namespace file: Device or resource busy";
      return kernel.apply(ns, line);
    });
    const outcome = await applyAll(build, { executor: exec, nsName });
    expect(outcome).toMatchObject({
      ok: false,
      failed: { argv: ["ip", "-n", "t-R", "addr", "add", "10.0.1.2/24", "dev", "eth0"] },
      rollbackFailures: [
        { argv: ["ip", "netns", "del", "t-A"], stderr: "Cannot remove namespace file: Device or resource busy" },
      ],
    });
  });
});
