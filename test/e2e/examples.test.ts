// Every example passes `netl test` in the real kernel, and leaves nothing behind.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

// bad-links needs netem, which this kind of machine's kernel lacks: it runs in a full kernel (netem.test.ts).
const NEEDS_NETEM = new Set(["bad-links.netl"]);
const examples = readdirSync("examples").filter((f) => f.endsWith(".netl") && !NEEDS_NETEM.has(f));

describe.runIf(kernelTestsEnabled("examples.test.ts"))("examples under netl test", () => {
  it("has examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  for (const [i, file] of examples.entries()) {
    it(`${file} passes every expect and is torn down`, async () => {
      const prefix = testPrefix(`ex${i}`);
      const r = await netl(["test", "--prefix", prefix, `examples/${file}`]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(new RegExp(`examples/${file}: [1-9]\\d* passed, 0 failed`));
      expect(r.exitCode).toBe(0);
      expect(netnsList().filter((n) => n.startsWith(`${prefix}-`))).toEqual([]);
    });
  }
});
