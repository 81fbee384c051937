// `undo N` and `redo N` on the real kernel are exactly N single steps: the case of issue 18 (piped
// into the REPL, as it was found), and random programs (fast-check) over ns, router, switch, link
// (auto-addressed, dual stack, to a switch), del, unlink, addr, route, route auto and set, where
// `undo N` must succeed exactly when N single undos do and leave the same kernel (read back by
// runtime/kernel-read.ts), `redo N` must give back the kernel before it, and at every point read the
// kernel must be what the model says. UNDO_PROGRAMS sets how many programs (`npm run faults`: many).
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { type KernelView, kernelView, readable } from "../../src/interpreter/kernel-view.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, type Timeline } from "../../src/interpreter/timeline.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { readKernel } from "../../src/runtime/kernel-read.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("undon");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}`));
const PROGRAMS = Number(process.env.UNDO_PROGRAMS ?? 4);
const executor = new ProcessExecutor();

/** The kernel as read back, for the lab's nodes (those of any World it went through). */
async function kernelOf(p: string, nodes: Iterable<string>): Promise<KernelView> {
  const view = await readKernel(
    executor,
    [...new Set(nodes)].map((node) => ({ node, ns: `${p}-${node}` })),
  );
  if (view === undefined) throw new Error("the kernel could not be read");
  return comparable(view);
}

/** An MTU of 1500 is a veth's own: the model may say it, the kernel does not tell it apart. */
const comparable = (view: KernelView): KernelView =>
  readable({
    namespaces: view.namespaces.map((ns) => ({
      ...ns,
      interfaces: ns.interfaces.map(({ mtu, ...i }) => (mtu === undefined || mtu === 1500 ? i : { ...i, mtu })),
    })),
  });

async function run(driver: Driver, text: string): Promise<boolean> {
  const { program, errors } = parse(text);
  if (errors.length > 0) throw new Error(`${text}: ${errors[0]?.message}`);
  const r = await driver.execute(program.statements[0] as Statement, text);
  return r.ok;
}

const NODES = ["n1", "n2", "r1", "r2", "s1"];
const node = fc.constantFrom(...NODES);
const net = fc.integer({ min: 1, max: 40 });
const made = (n: string) =>
  n.startsWith("r") ? `router ${n}` : n.startsWith("s") ? `switch ${n} 10.157.0.0/24` : `ns ${n}`;
/** Most nodes made first (in any order), so that most statements after have something to act on. */
const start = fc.shuffledSubarray(NODES, { minLength: 2, maxLength: 3 }).map((nodes) => nodes.map(made));
const line = fc.oneof(
  // A node made and linked at once: the statements that make a name reused by a later link likely.
  {
    weight: 5,
    arbitrary: fc.tuple(node, node, net).map(([a, b, k]) => `${made(a)}\nlink ${a} <-> ${b} 10.159.${k}.0/24`),
  },
  { weight: 4, arbitrary: fc.tuple(node, node, net).map(([a, b, k]) => `link ${a} <-> ${b} 10.154.${k}.0/24`) },
  {
    weight: 1,
    arbitrary: fc.tuple(node, node, net).map(([a, b, k]) => `link ${a} <-> ${b} 10.155.${k}.0/24 fd55:${k}::/64`),
  },
  { weight: 1, arbitrary: fc.tuple(node, node).map(([a, b]) => `link ${a} <-> ${b}`) },
  { weight: 4, arbitrary: node.map((n) => `del ${n}`) },
  { weight: 1, arbitrary: fc.tuple(node, node).map(([a, b]) => `unlink ${a} <-> ${b}`) },
  { weight: 1, arbitrary: fc.tuple(node, net).map(([n, k]) => `addr ${n}:eth0 10.156.${k}.1/24`) },
  { weight: 1, arbitrary: fc.tuple(node, net).map(([n, k]) => `addr ${n}:lo 10.158.${k}.1/32`) },
  { weight: 2, arbitrary: fc.tuple(node, node).map(([a, b]) => `route ${a} default via ${b}`) },
  { weight: 1, arbitrary: fc.constant("route auto") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(node, node, fc.constantFrom("down", "up", "mtu 1400", "mtu 9000"))
      .map(([a, b, w]) => `set ${a} <-> ${b} ${w}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `undo ${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => `redo ${n}`) },
);

/** The lines the model takes (a refused one would stop nothing here: it is left out), and the nodes they name. */
function accepted(lines: readonly string[]): { lines: string[]; done: number } {
  let t: Timeline = emptyTimeline;
  const kept: string[] = [];
  for (const text of lines) {
    const [stmt] = parse(text).program.statements;
    const r = stmt && step(t, stmt, text);
    if (!r?.ok || r.value.kind !== "transition") continue;
    kept.push(text);
    t = r.value.transition.next;
  }
  return { lines: kept, done: t.done.size };
}

const open = (p: string): Driver => {
  const d = Driver.open({ lab: p, prefix: p, executor, runDir: "/run/netl" });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};

describe.runIf(kernelTestsEnabled("undo-many.test.ts"))("undo N and redo N are N single steps", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("issue 18's case: undo 7 goes through, and the lab and the kernel agree after it", async () => {
    const p = `${prefix}-i`;
    const input = [
      "ns n1",
      "ns n2",
      "link n2 <-> n1 10.154.3.0/24",
      "del n2",
      "router r3",
      "switch s4 10.154.105.0/24",
      "link n1 <-> r3 10.154.6.0/24",
      "undo 7",
      "show",
      "",
    ].join("\n");
    const r = await netl(["--prefix", p, "--lab", p], { input, env: { NETL_RUN_DIR: "/run/netl" } });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("the lab is empty");
    expect(mine()).toEqual([]);
  });

  it(
    `random programs (${PROGRAMS}): undo N = N undos, redo N undoes it, the kernel is what the model says`,
    async () => {
      const figures = { programs: 0, steps: 0, undone: 0, mismatches: [] as string[] };
      await fc.assert(
        fc.asyncProperty(
          start,
          fc.array(line, { minLength: 6, maxLength: 16 }),
          // Often everything: the steps that made the nodes are in the walk, and so are their deletions.
          fc.oneof(
            { weight: 1, arbitrary: fc.integer({ min: 2, max: 16 }) },
            { weight: 2, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
          ),
          async (first, more, want) => {
            const { lines, done } = accepted([...first, ...more].flatMap((l) => l.split("\n")));
            const n = Math.min(want, done);
            fc.pre(n >= 2);
            const p = `${prefix}-r`;
            const driver = open(p);
            const seen = new Set<string>();
            const note = (what: string) => figures.mismatches.push(`${what}: ${lines.join(" / ")} / undo ${n}`);
            const agrees = async (what: string) => {
              for (const k of driver.world.nodes.keys()) seen.add(k);
              const read = await kernelOf(p, seen);
              if (JSON.stringify(read) !== JSON.stringify(readable(kernelView(driver.world))))
                note(`${what}: kernel ≠ model`);
              return read;
            };
            try {
              for (const text of lines) {
                if (!(await run(driver, text))) note(`refused: ${text}`);
                figures.steps++;
              }
              const top = await agrees("after the program");
              const many = await run(driver, `undo ${n}`);
              const afterMany = await agrees(`after undo ${n}`);
              const back = await run(driver, `redo ${n}`);
              if (!back || JSON.stringify(await agrees(`after redo ${n}`)) !== JSON.stringify(top)) note(`redo ${n}`);
              const singles: boolean[] = [];
              for (let i = 0; i < n; i++) singles.push(await run(driver, "undo"));
              const afterSingles = await agrees(`after ${n} undos`);
              if (!many || singles.includes(false)) note(`undo ${n}: ${many}, single undos: ${singles.join(",")}`);
              if (JSON.stringify(afterMany) !== JSON.stringify(afterSingles)) note(`undo ${n} ≠ ${n} undos`);
              figures.programs++;
              figures.undone += n;
            } finally {
              await driver.close(false);
            }
            expect(mine()).toEqual([]);
          },
        ),
        { numRuns: PROGRAMS },
      );
      process.stdout.write(
        `undo N on the real kernel: ${figures.programs} programs, ${figures.steps} statements, ${figures.undone} steps undone as undo N, ${figures.mismatches.length} mismatches\n`,
      );
      expect(figures.mismatches).toEqual([]);
      expect(figures.programs).toBeGreaterThan(0);
    },
    60_000 + PROGRAMS * 15_000,
  );
});
