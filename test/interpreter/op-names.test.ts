// Each op kind's `names` (what it makes and removes, which runtime/parts.ts cuts undo N's groups by)
// and `nodes` (whose namespaces it works in, which decides whether it takes the machine lock) held
// against the simulated kernel, op by op, over random statement sequences.
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import type { KernelView } from "../../src/interpreter/kernel-view.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import { ifKey, type Names, nsKey } from "../../src/interpreter/ops/spec.js";
import { specOf } from "../../src/interpreter/ops/table.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { emptyWorld, HOST, type World } from "../../src/interpreter/world.js";
import { nodes, routed, statement } from "./arbitraries.js";
import { factsFor, machineView } from "./machine.js";

/** The namespaces (not the machine's, which is never made) and interfaces a view holds, as `names` names them. */
const namesIn = (view: KernelView): Set<string> =>
  new Set(
    view.namespaces.flatMap((ns) => [
      ...(ns.name === HOST ? [] : [nsKey(ns.name)]),
      ...ns.interfaces.map((i) => ifKey(ns.name, i.name)),
    ]),
  );

/** Where `names` disagrees with what the op did to the kernel; none when it agrees. */
function namesProblems(before: KernelView, after: KernelView, names: Names): string[] {
  const [was, is] = [namesIn(before), namesIn(after)];
  const problems: string[] = [];
  for (const n of names.made) if (was.has(n) || !is.has(n)) problems.push(`made ${n}, which it did not make`);
  for (const n of names.gone) if (!was.has(n) || is.has(n)) problems.push(`removed ${n}, which it did not remove`);
  // A namespace made has its `lo`; one removed takes its interfaces and their veth peers with it.
  const inMade = (n: string) => names.made.some((m) => m.startsWith("ns ") && n.startsWith(`if ${m.slice(3)}:`));
  for (const n of is) if (!was.has(n) && !names.made.includes(n) && !inMade(n)) problems.push(`made ${n} unsaid`);
  const removesNs = names.gone.some((n) => n.startsWith("ns "));
  for (const n of was) if (!is.has(n) && !names.gone.includes(n) && !removesNs) problems.push(`removed ${n} unsaid`);
  return problems;
}

/** The namespaces whose state an op changed. */
const changed = (before: KernelView, after: KernelView): string[] => {
  const ns = (view: KernelView, name: string) => view.namespaces.find((n) => n.name === name);
  const all = new Set([...before.namespaces, ...after.namespaces].map((n) => n.name));
  return [...all].filter((name) => !isDeepStrictEqual(ns(before, name), ns(after, name)));
};

const starts = [[], nodes, nodes, routed] as const;

describe("op names and nodes", () => {
  it("say what each op makes, removes and works on, as the simulated kernel shows it", () => {
    const seen = new Set<Op["kind"]>();
    fc.assert(
      fc.property(
        fc.constantFrom(...starts),
        fc.array(statement, { minLength: 5, maxLength: 30, size: "medium" }),
        (start, statements) => {
          let world: World = emptyWorld;
          for (const stmt of [...start, ...statements]) {
            const r = evaluate(world, stmt, factsFor(world));
            if (!r.ok || r.value.kind !== "change") continue;
            let view = machineView(world);
            for (const op of r.value.change.ops) {
              const next = simulate(view, [op]);
              const spec = specOf(op);
              expect(namesProblems(view, next, spec.names(op)), op.kind).toEqual([]);
              for (const node of changed(view, next)) expect(spec.nodes(op), JSON.stringify(op)).toContain(node);
              seen.add(op.kind);
              view = next;
            }
            world = r.value.change.after;
          }
        },
      ),
      { numRuns: 200 },
    );
    for (const kind of ["netns.add", "netns.del", "veth.add", "veth.del", "bridge.add", "iface.move"] as const)
      expect(seen).toContain(kind);
  });

  it("the check catches names that leave out what an op makes or removes", () => {
    const before: KernelView = { namespaces: [] };
    const after = simulate(before, [{ kind: "netns.add", node: "a" }]);
    expect(namesProblems(before, after, { made: [nsKey("a")], gone: [] })).toEqual([]);
    expect(namesProblems(before, after, { made: [], gone: [] })).toEqual(["made ns a unsaid", "made if a:lo unsaid"]);
    expect(namesProblems(before, after, { made: [nsKey("a")], gone: [nsKey("b")] })).toEqual([
      "removed ns b, which it did not remove",
    ]);
    const linked = simulate(simulate(after, [{ kind: "netns.add", node: "b" }]), [
      { kind: "veth.add", a: { node: "a", ifname: "eth0" }, b: { node: "b", ifname: "eth0" } },
    ]);
    const unlinked = simulate(linked, [
      { kind: "veth.del", a: { node: "a", ifname: "eth0" }, b: { node: "b", ifname: "eth0" } },
    ]);
    expect(namesProblems(linked, unlinked, { made: [], gone: [ifKey("a", "eth0")] })).toEqual([
      "removed if b:eth0 unsaid",
    ]);
  });
});
