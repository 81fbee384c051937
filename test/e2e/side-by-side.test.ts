// Two labs side by side on the real kernel: the same script (same node names, same subnets) run
// at once by two netl processes with different --prefix and --lab. Each builds and pings; while
// one is taken down, the other's namespaces, their state and its record stay exactly as they were,
// and it still pings; then the other goes too, and nothing of either is left.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRecord } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { netl } from "../support/netl.js";

const labs = [testPrefix("sbs-x"), testPrefix("sbs-y")] as const;
const [x, y] = labs;
const of = (lab: string) =>
  netnsList()
    .filter((n) => n.startsWith(`${lab}-`))
    .sort();
const dir = mkdtempSync(join(tmpdir(), "netl-sbs-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "lab.netl");
writeFileSync(
  script,
  [
    "ns A B",
    "router R",
    "link A <-> R 10.61.1.0/24",
    "link R <-> B 10.61.2.0/24 fd61::/64",
    "route A default via R",
    "route B default via R",
    "expect ping A B",
    "expect ping B A",
  ].join("\n"),
);

const NODES = ["A", "B", "R"];
const pings = (lab: string) => {
  execFileSync("ip", ["netns", "exec", `${lab}-A`, "ping", "-n", "-q", "-c", "1", "-W", "1", "10.61.2.2"]);
  return true;
};
/** The record without its time stamp (rewritten by its own netl only). */
const record = (lab: string) => {
  const r = readRecord(runDir, lab);
  return r === undefined ? undefined : { ...r, updated: "" };
};

describe.runIf(kernelTestsEnabled("side-by-side.test.ts"))("two labs side by side", () => {
  afterAll(async () => {
    for (const lab of labs) await netl(["down", lab], { env });
    for (const lab of labs) for (const ns of of(lab)) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("build and ping at once; taking one down leaves the other exactly as it was", async () => {
    const runs = await Promise.all(labs.map((lab) => netl(["run", "--prefix", lab, "--lab", lab, script], { env })));
    for (const [i, r] of runs.entries()) {
      expect(r.exitCode, `${labs[i]}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("2 passed, 0 failed");
    }
    for (const lab of labs) expect(of(lab)).toEqual(NODES.map((n) => `${lab}-${n}`));
    const yState = labState(y);
    const yRecord = record(y);
    expect(yRecord?.namespaces.map((n) => n.name)).toEqual(NODES.map((n) => `${y}-${n}`));

    // Watch y while x is taken down (its namespaces and record; its whole state before and after).
    const samples: string[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        try {
          samples.push(JSON.stringify({ ns: of(y), record: record(y) }));
        } catch (e) {
          samples.push(`y could not be read: ${(e as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const down = await netl(["down", x], { env });
    watching = false;
    await watch;
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toBe(`removed lab '${x}' (3 namespaces)`);
    expect(samples.length).toBeGreaterThan(0);
    process.stdout.write(`side by side: lab y read ${samples.length} times while x went down, unchanged each time\n`);
    const expected = JSON.stringify({ ns: NODES.map((n) => `${y}-${n}`), record: yRecord });
    for (const s of samples) expect(s).toBe(expected);
    expect(of(x)).toEqual([]);
    expect(record(x)).toBeUndefined();
    expect(labState(y)).toEqual(yState);
    expect(record(y)).toEqual(yRecord);
    expect(pings(y)).toBe(true);

    expect((await netl(["down", y], { env })).exitCode).toBe(0);
    expect(of(y)).toEqual([]);
  });

  it("netl test of both at once: each builds, pings and tears down only its own", async () => {
    const runs = await Promise.all(labs.map((lab) => netl(["test", "--prefix", lab, "--lab", lab, script], { env })));
    for (const [i, r] of runs.entries()) {
      expect(r.exitCode, `${labs[i]}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("2 passed, 0 failed");
      expect(r.stdout).toContain(`removed lab '${labs[i]}' (3 namespaces)`);
    }
    for (const lab of labs) {
      expect(of(lab)).toEqual([]);
      expect(record(lab)).toBeUndefined();
    }
  });
});
