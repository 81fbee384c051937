// `netl run` puts a script's consecutive changes into the kernel as one; when the kernel (or a check
// before it) refuses that group, it is rolled back whole and re-run statement by statement, so the
// error names the statement at fault and the ones before it stand.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("rg");
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}`))
    .sort();

describe.runIf(kernelTestsEnabled("run-groups.test.ts"))("a script's changes in groups", () => {
  afterAll(async () => {
    await netl(["down", `${prefix}1`]);
    await netl(["down", `${prefix}2`]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("a group refused by a check runs again one by one: the statements before the bad one stand", async () => {
    execFileSync("ip", ["netns", "add", `${prefix}1-C`]);
    const script = ["ns A B", "link A <-> B 10.0.0.0/24", "ns C", "ns D"].join("\n");
    const r = await netl(["run", "--prefix", `${prefix}1`, "--lab", `${prefix}1`, "-"], { input: script });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `-:3:1: error: namespace '${prefix}1-C' already exists on this machine and is not this lab's`,
    );
    expect(mine().filter((n) => n.startsWith(`${prefix}1-`))).toEqual([`${prefix}1-A`, `${prefix}1-B`, `${prefix}1-C`]);
    await netl(["down", `${prefix}1`]);
    execFileSync("ip", ["netns", "del", `${prefix}1-C`]);
  });

  it("a group the kernel refuses halfway is rolled back whole, then run one by one up to the bad statement", async () => {
    const script = [
      "ns A B",
      "link A <-> B 10.0.0.0/24 fd10::/64",
      "exec A ip -6 route add default dev lo",
      "ns C",
      "route A default via B   # the v6 default is refused",
      "ns D",
    ].join("\n");
    const r = await netl(["run", "--prefix", `${prefix}2`, "--lab", `${prefix}2`, "-"], { input: script });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `-:5:1: error: the kernel refused: ip -n ${prefix}2-A route add default via fd10::2 dev eth0`,
    );
    expect(r.stdout).toContain("+ ns C");
    expect(mine().filter((n) => n.startsWith(`${prefix}2-`))).toEqual([`${prefix}2-A`, `${prefix}2-B`, `${prefix}2-C`]);
  });
});
