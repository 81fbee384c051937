// A statement the kernel refuses halfway leaves no trace; a name taken outside netl is never adopted.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("rb");
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}`))
    .sort();
const ipJson = (ns: string, ...args: string[]) =>
  JSON.parse(execFileSync("ip", ["-j", "-n", ns, ...args], { encoding: "utf8" }) || "[]") as unknown[];

describe.runIf(kernelTestsEnabled("rollback.test.ts"))("all or nothing in the kernel", () => {
  afterAll(async () => {
    await netl(["down", `${prefix}1`]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("refuses a namespace that exists outside the lab, creating none of the statement's others", async () => {
    execFileSync("ip", ["netns", "add", `${prefix}0-C`]);
    const r = await netl(["test", "--prefix", `${prefix}0`, "-"], { input: "ns A B C\n" });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `-:1:1: error: namespace '${prefix}0-C' already exists on this machine and is not this lab's`,
    );
    expect(mine()).toEqual([`${prefix}0-C`]);
    execFileSync("ip", ["netns", "del", `${prefix}0-C`]);
  });

  it("rolls back the part of a statement the kernel did before it refused the rest", async () => {
    const script = [
      "ns A B",
      "link A <-> B 10.0.0.0/24 fd10::/64",
      "exec A ip -6 route add default dev lo   # something netl does not know about",
      "route A default via B                   # v4 default goes in, v6 default is refused",
    ].join("\n");
    const r = await netl(["run", "--prefix", `${prefix}1`, "--lab", `${prefix}1`, "-"], { input: script });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `-:4:1: error: the kernel refused: ip -n ${prefix}1-A route add default via fd10::2 dev eth0`,
    );
    expect(r.stderr).toContain("kernel said: RTNETLINK answers: File exists");
    expect(r.stderr).toContain("hint: nothing was changed (1 step rolled back)");
    // The IPv4 default route that did go in was taken out again.
    expect(ipJson(`${prefix}1-A`, "route", "show", "default")).toEqual([]);
    // The statements before it stand: the lab is up as far as the last good statement.
    expect(ipJson(`${prefix}1-A`, "-4", "addr", "show", "eth0")).toHaveLength(1);
  });
});
