// `netl plan` output, pasted into a root shell, builds the same lab.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("plansh");

describe.runIf(kernelTestsEnabled("plan-sh.test.ts"))("netl plan | sh", () => {
  afterAll(() => {
    for (const ns of netnsList().filter((n) => n.startsWith(`${prefix}-`))) execFileSync("ip", ["netns", "del", ns]);
  });

  it("builds a lab where the pings pass", async () => {
    const plan = await netl(["plan", "--prefix", prefix, "examples/routed.netl"]);
    expect(plan.exitCode).toBe(0);
    // The plan's own `expect no ping` is a comment; its pings are real commands that must pass.
    const script = plan.stdout
      .split("\n")
      .filter((l) => !l.includes(" ping ") || l.startsWith("#"))
      .join("\n");
    execFileSync("sh", ["-e"], { input: script, stdio: ["pipe", "ignore", "pipe"] });
    expect(
      netnsList()
        .filter((n) => n.startsWith(`${prefix}-`))
        .sort(),
    ).toEqual([`${prefix}-A`, `${prefix}-B`, `${prefix}-R`]);
    const out = execFileSync("ip", ["netns", "exec", `${prefix}-A`, "ping", "-c", "1", "-W", "2", "10.10.2.2"], {
      encoding: "utf8",
    });
    expect(out).toMatch(/1 received/);
  });
});
