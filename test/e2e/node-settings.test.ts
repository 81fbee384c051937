// Namespaces made ahead (native/netns.pl, `netns pool`) carry their node's settings as any other:
// whatever the script, once `netl run` has built it, every node's settings are what its kind makes
// (forwarding on a router alone, DAD off everywhere), including a node first made as a host and then
// turned into a router in the same change. Random scripts on the real kernel; the settings read back.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isRoot, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const P = testPrefix("nset");
const temp = tempDirs("netl-node-settings-");
const RUNS = Number(process.env.SETTINGS_RUNS ?? 12);
const KEYS = ["net.ipv6.conf.default.accept_dad", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"];
const mine = () => netnsList().filter((n) => n.startsWith(`${P}-`));

afterAll(() => {
  for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
});

/** A script: nodes of each kind, some hosts turned into routers, a chain of links through them all. */
const script = fc
  .record({
    kinds: fc.array(fc.constantFrom("ns", "router", "switch"), { minLength: 2, maxLength: 7 }),
    upgrade: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    linked: fc.boolean(),
  })
  .map(({ kinds, upgrade, linked }) => {
    const nodes = kinds.map((kind, i) => ({ name: `n${i}`, kind }));
    // Switches without a prefix: two linked switches with one each would be one segment with two.
    const lines = nodes.map((n) => `${n.kind} ${n.name}`);
    const routers = new Set(nodes.filter((n) => n.kind === "router").map((n) => n.name));
    nodes.forEach((n, i) => {
      if (n.kind === "ns" && upgrade[i]) {
        lines.push(`router ${n.name}`);
        routers.add(n.name);
      }
    });
    if (linked)
      nodes.slice(1).forEach((n, i) => {
        const a = nodes[i] as { name: string; kind: string };
        const either = [a, n].find((x) => x.kind === "switch");
        lines.push(either ? `link ${a.name} <-> ${n.name}` : `link ${a.name} <-> ${n.name} 10.8.${i}.0/24`);
      });
    return { text: `${lines.join("\n")}\n`, nodes: nodes.map((n) => n.name), routers };
  });

describe.runIf(isRoot)("a node's settings after netl run", () => {
  it(`are what each node's kind makes, once netl run has built the script (${RUNS} scripts)`, async () => {
    const dir = temp();
    await fc.assert(
      fc.asyncProperty(script, async ({ text, nodes, routers }) => {
        const file = join(dir, "lab.netl");
        writeFileSync(file, text);
        const env = { NETL_RUN_DIR: join(dir, "run") };
        const up = await netl(["run", "--prefix", P, "--lab", P, file], { env });
        try {
          expect(up.exitCode, `${text}\n${up.stderr}`).toBe(0);
          for (const node of nodes) {
            const ns = `${P}-${node}`;
            const got = execFileSync("ip", ["netns", "exec", ns, "sysctl", "-n", ...KEYS], { encoding: "utf8" });
            const on = routers.has(node) ? "1" : "0";
            expect(got.trim().split("\n"), `${node} in\n${text}`).toEqual(["0", on, on]);
          }
        } finally {
          await netl(["down", P], { env });
        }
        expect(mine()).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
