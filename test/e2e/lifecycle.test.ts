// run → ls → down, refusal of a lab already up, and ownership: only recorded namespaces go.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const prefix = testPrefix("life");
const lab = prefix;
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();

describe.runIf(kernelTestsEnabled("lifecycle.test.ts"))("lab lifecycle", () => {
  afterAll(async () => {
    await netl(["down", lab]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("run keeps the lab up, ls lists it, a second run is refused, down removes only what it owns", async () => {
    const run = await netl(["run", "--explain", "--prefix", prefix, "--lab", lab, "examples/two-hosts.netl"]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    // --explain shows each command, in a form a person can paste.
    expect(run.stdout).toContain(`$ ip netns add ${prefix}-A`);
    expect(run.stdout).toContain(`$ ip -n ${prefix}-B addr add 10.0.0.2/24 dev eth0`);
    expect(run.stdout).toContain("+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24");
    expect(run.stdout).toMatch(/A -> 10\.0\.0\.2: ok \([\d.]+ ms\)/);
    expect(mine()).toEqual([`${prefix}-A`, `${prefix}-B`]);
    expect(existsSync(`/run/netl/${lab}.json`)).toBe(true);

    const ls = await netl(["ls"]);
    expect(ls.stdout).toContain(`${lab}: up (its netl has ended`);
    expect(ls.stdout).toMatch(new RegExp(` {2}A +ns +${prefix}-A +up +eth0 10\\.0\\.0\\.1/24\n`));

    const again = await netl(["run", "--prefix", prefix, "--lab", lab, "examples/two-hosts.netl"]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`lab '${lab}' is already up`);
    expect(again.stderr).toContain(`netl down ${lab}`);

    // A namespace with a lab-like name made by hand is not the lab's: down leaves it alone.
    execFileSync("ip", ["netns", "add", `${prefix}-Z`]);
    const down = await netl(["down", lab]);
    expect(down.exitCode).toBe(0);
    expect(down.stdout).toBe(`removed lab '${lab}' (2 namespaces)`);
    expect(mine()).toEqual([`${prefix}-Z`]);
    expect(existsSync(`/run/netl/${lab}.json`)).toBe(false);
    execFileSync("ip", ["netns", "del", `${prefix}-Z`]);
  });

  it("down of an unknown lab says so", async () => {
    const r = await netl(["down", `${prefix}-none`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`no lab '${prefix}-none'`);
  });

  it("down whose reader is gone before it says anything still removes the lab, exit 0", async () => {
    const run = await netl(["run", "--prefix", prefix, "--lab", lab, "examples/two-hosts.netl"]);
    expect(run.exitCode, run.stderr).toBe(0);
    // The pipe's reading end is closed long before node has started: its one line meets EPIPE.
    const child = spawn(NETL_BIN, ["down", lab], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(mine()).toEqual([]);
    expect(existsSync(`/run/netl/${lab}.json`)).toBe(false);
  });
});
