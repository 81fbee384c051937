// The `serve` statement in the REPL (piped, on the real kernel): it starts the page once, says where
// it is when asked again, and `serve off` closes it; the page answers while it is open.
import { describe, expect, it } from "vitest";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const run = kernelTestsEnabled("test/serve/statement.test.ts");
const PREFIX = testPrefix("srv");

describe.runIf(run)("the serve statement", () => {
  it("starts the page, says where it is, and closes it", async () => {
    const r = await netl(["--prefix", PREFIX, "--lab", PREFIX], {
      input: "ns A\nserve\nserve\nexec A true\nserve off\nserve off\n",
    });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    const started = lines.find((l) => l.startsWith("the live page of lab"));
    expect(started).toMatch(
      new RegExp(
        `^the live page of lab '${PREFIX}' is at http://127\\.0\\.0\\.1:\\d+/ \\(read-only; serve off closes it\\)$`,
      ),
    );
    const url = /http:\S+/.exec(started ?? "")?.[0];
    expect(lines).toContain(`the live page is at ${url}`);
    expect(lines).toContain("the live page is closed");
    expect(lines).toContain("no live page is served");
  });

  it("says why it cannot listen, and builds nothing", async () => {
    const r = await netl(["--prefix", PREFIX, "--lab", PREFIX, "--listen", "192.0.2.1"], { input: "ns A\n" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("cannot serve the page on 192.0.2.1:0: no such address here");
  });
});
