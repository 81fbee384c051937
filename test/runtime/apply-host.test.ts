// applyAll with the machine's own namespace in play (host ends, moved interfaces): lines for it
// run without `-n`, and a failure at any line, rolled back, leaves the fake kernel as it was.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { applyAll } from "../../src/runtime/apply.js";
import { stmt } from "../interpreter/harness.js";
import { factsFor, STEM } from "../interpreter/machine.js";
import { LineKernel, MACHINE } from "../support/line-kernel.js";
import { RecordingExecutor } from "../support/recording-executor.js";

const nsName = (node: string) => `t-${node}`;

/** The ops of each line, evaluated against the made-up machine of the interpreter tests. */
function opsOf(world: World, ...lines: string[]): { ops: Op[]; world: World } {
  const ops: Op[] = [];
  for (const line of lines) {
    const r = evaluate(world, stmt(line), factsFor(world));
    if (!r.ok || r.value.kind !== "change") throw new Error(`${line}: ${r.ok ? "a query" : r.error.message}`);
    ops.push(...r.value.change.ops);
    world = r.value.change.after;
  }
  return { ops, world };
}

/** The made-up machine's interfaces that the ops touch, in the fake kernel. */
function machine(): LineKernel {
  const k = new LineKernel();
  for (const [fact, value] of [
    ["if eth5", "up"],
    ["mtu eth5", "1400"],
    ["addr 10.99.0.5/24 dev eth5", "1"],
    ["addr fd99::5/64 dev eth5", "1"],
    ["route 10.50.0.0/16 via 10.99.0.1 dev eth5", "1"],
    ["if eth0", "up"],
    ["mtu eth0", "1500"],
    ["addr 192.0.2.2/24 dev eth0", "1"],
    ["addr fd00::2/64 dev eth0", "1"],
    ["route default via 192.0.2.1 dev eth0", "1"],
    ["route default via fd00::1 dev eth0 metric 1024", "1"],
  ])
    k.facts.set(`${MACHINE}/${fact}`, value);
  return k;
}

const failingAt = (kernel: LineKernel, n: number) =>
  new RecordingExecutor(({ ns, line, force, index }) =>
    !force && index === n ? "RTNETLINK answers: injected" : kernel.apply(ns, line),
  );

async function applied(ops: readonly Op[], kernel: LineKernel): Promise<RecordingExecutor> {
  const exec = failingAt(kernel, 0);
  expect(await applyAll(ops, { executor: exec, nsName })).toEqual({ ok: true });
  return exec;
}

const setup = opsOf(emptyWorld, "ns A B");
const build = opsOf(
  setup.world,
  "link A <-> host 10.213.0.0/30 fd13::/64",
  "move eth5 -> A",
  "addr A:eth5 10.7.0.1/24",
);
const cases: [string, Op[], Op[]][] = [
  ["a host link, a move and an address", setup.ops, build.ops],
  ["del A", [...setup.ops, ...build.ops], opsOf(build.world, "del A").ops],
  ["move A:eth5 -> host", [...setup.ops, ...build.ops], opsOf(build.world, "move A:eth5 -> host").ops],
  ["move eth0 -> B force", setup.ops, opsOf(setup.world, "move eth0 -> B force").ops],
];

describe("applyAll in the machine's namespace", () => {
  it("runs the machine's lines without -n, after the creations that need them", async () => {
    const kernel = machine();
    await applied(setup.ops, kernel);
    const exec = await applied(build.ops, kernel);
    expect(exec.calls.map((c) => c.argv.join(" "))).toEqual([
      "ip -batch -",
      "ip -n t-A -batch -",
      "ip -batch -",
      // The move waits for A's batch of the same stage; A's work on eth5 waits for the move.
      "ip -batch -",
      "ip -n t-A -batch -",
    ]);
    expect(exec.calls[3]?.lines).toEqual(["link set eth5 netns t-A"]);
    expect(exec.calls[0]?.lines).toEqual([`link add ${STEM}h0 type veth peer name eth0 netns t-A`]);
    expect(kernel.facts.get(`t-A/if eth5`)).toBe("up");
    expect(kernel.facts.get(`${MACHINE}/addr 10.99.0.5/24 dev eth5`)).toBeUndefined();
  });

  it("puts a moved interface back with its addresses, MTU, routes and state", async () => {
    const kernel = machine();
    const before = kernel.snapshot();
    await applied(setup.ops, kernel);
    await applied(build.ops, kernel);
    await applied(opsOf(build.world, "del A").ops, kernel);
    await applied(opsOf(setup.world, "del B").ops, kernel);
    expect(kernel.snapshot()).toEqual(before);
  });

  for (const [name, ready, ops] of cases) {
    it(`leaves the kernel as it was when any line of ${name} fails`, async () => {
      const probe = machine();
      await applied(ready, probe);
      const total = (await applied(ops, probe)).done.length;
      expect(total).toBeGreaterThan(3);
      for (let n = 1; n <= total; n++) {
        const kernel = machine();
        await applied(ready, kernel);
        const before = kernel.snapshot();
        const outcome = await applyAll(ops, { executor: failingAt(kernel, n), nsName });
        expect(outcome.ok, `line ${n}`).toBe(false);
        if (!outcome.ok) expect(outcome.rollbackFailures, `line ${n}`).toEqual([]);
        expect(kernel.snapshot(), `failing at line ${n}`).toEqual(before);
      }
    });
  }
});
