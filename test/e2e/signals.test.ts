// Signals and one writer, on the real kernel: a second netl on a lab in use is refused with the
// first one's pid; SIGKILL at random moments of a 40-node `netl run` leaves nothing `netl down`
// cannot remove; SIGINT, SIGTERM and SIGHUP at random moments exit 128 + n with every lab namespace
// on the machine in the record (the statement in flight rolled back), say what they left up, and
// `netl down` removes all of it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { madeNamespaces } from "../../src/cli/remove-lab.js";
import { readRecord } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("sig");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-sig-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const TRIALS = Number(process.env.SIGNAL_TRIALS ?? 3);
const big = join(dir, "big.netl");
writeFileSync(
  big,
  [
    "ns n1",
    ...Array.from({ length: 39 }, (_, i) => `ns n${i + 2}\nlink n${i + 1} <-> n${i + 2} 10.78.${i + 1}.0/24`),
  ].join("\n"),
);

function start(lab: string, file: string) {
  return execa("node", [NETL, "run", "--prefix", lab, "--lab", lab, file], {
    reject: false,
    env: { NO_COLOR: "1", ...env },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What of the chain is half-built: the nodes up are not n1…nk, or a link's end is down or has no
 * address. After whole statements there is nothing.
 */
function halfBuilt(lab: string): string[] {
  const state = labState(lab);
  const nodes = Object.keys(state).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const problems = nodes.filter((n, i) => n !== `n${i + 1}`).map((n) => `${n} without the nodes before it`);
  for (const [node, ns] of Object.entries(state)) {
    for (const link of ns.links.filter((l) => l.kind === "veth")) {
      const addrs = ns.addrs.find((a) => a.ifname === link.ifname)?.addrs ?? [];
      if (!link.up || addrs.length === 0) problems.push(`${node}:${link.ifname} up=${link.up} ${addrs.join(",")}`);
    }
  }
  return problems;
}

describe.runIf(kernelTestsEnabled("signals.test.ts"))("signals and one writer", () => {
  afterAll(async () => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a second netl on a lab in use is refused with the pid of the first", async () => {
    const lab = `${prefix}-w`;
    const slow = join(dir, "slow.netl");
    writeFileSync(slow, "ns A\nexec A sleep 2\n");
    const first = start(lab, slow);
    await sleep(700);
    const second = await netl(["run", "--prefix", lab, "--lab", lab, slow], { env });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain(`is in use by another netl (pid ${first.pid})`);
    expect((await first).exitCode).toBe(0);
    expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it(`SIGKILL at ${TRIALS} random moments: netl down removes everything`, async () => {
    const lab = `${prefix}-k`;
    for (let t = 0; t < TRIALS; t++) {
      const child = start(lab, big);
      await sleep(150 + Math.random() * 1200);
      child.kill("SIGKILL");
      await child;
      if (readRecord(runDir, lab)) expect((await netl(["down", lab], { env })).exitCode).toBe(0);
      expect(mine(), `trial ${t}`).toEqual([]);
      expect(readRecord(runDir, lab)).toBeUndefined();
    }
  });

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)
    it(`${signal} at ${TRIALS} random moments: exit ${code}, every lab namespace in the record, down removes it`, async () => {
      const lab = `${prefix}-${signal.slice(3, 5).toLowerCase()}`;
      for (let t = 0; t < TRIALS; t++) {
        const child = start(lab, big);
        await sleep(150 + Math.random() * 1200);
        child.kill(signal);
        const r = await child;
        // Before netl has its handler in place (node starting) the signal ends it outright: nothing done
        // yet; after the handler is gone (the run finished, netl exiting) the lab is up and said so.
        if (r.signal === signal) {
          if (r.stdout !== "") expect(r.stdout).toContain("is up (40 nodes)");
        } else if (r.exitCode === 0)
          expect(r.stdout).toContain("is up (40 nodes)"); // finished before the signal
        else {
          expect(r.exitCode, r.stderr).toBe(code);
          // It says what it left up: the statement in flight was rolled back, what came before stays.
          const up = mine().length;
          expect(r.stdout).toContain(
            up === 0
              ? `lab '${lab}' is empty: nothing was left up`
              : `lab '${lab}' is up (${up} node${up === 1 ? "" : "s"})`,
          );
        }
        // What the record lists, and what the journal lists of the change in flight.
        const recorded = new Set(madeNamespaces(runDir, lab, readRecord(runDir, lab)).map((n) => n.name));
        for (const ns of mine()) expect(recorded.has(ns), `trial ${t}: ${ns} not in the record`).toBe(true);
        expect(halfBuilt(lab), `trial ${t}`).toEqual([]);
        if (readRecord(runDir, lab)) expect((await netl(["down", lab], { env })).exitCode).toBe(0);
        expect(mine(), `trial ${t}`).toEqual([]);
      }
    });
});
