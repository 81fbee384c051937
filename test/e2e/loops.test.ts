// Loops in the kernel: a for builds what its iterations say, is one undo step (in a script and in the
// REPL), and an error in one iteration takes the whole loop back.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-loops-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mine = (prefix: string) => netnsList().filter((n) => n.startsWith(`${prefix}-`));

describe.runIf(kernelTestsEnabled("loops.test.ts"))("loops in the kernel", () => {
  it("a star and a chain built by loops pass their expects; undo takes a whole loop back", async () => {
    const prefix = testPrefix("loop");
    const file = join(dir, "loops.netl");
    writeFileSync(
      file,
      [
        "switch s 10.0.1.0/24",
        "for i in 1..4 {",
        "  ns h{i}",
        "  link h{i} <-> s",
        "}",
        "expect ping h1 h4",
        "for i in 1..3 { router r{i} }",
        "for i in 1..2 { link r{i} <-> r{i+1} 10.77.{i}.0/24 }",
        "route auto",
        "expect ping r1 r3",
        "undo 2",
        "expect no ping r1 r3",
        "",
      ].join("\n"),
    );
    const r = await netl(["test", "--prefix", prefix, file]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("- link r1:eth0 10.77.1.1/24 <-> r2:eth0 10.77.1.2/24");
    expect(r.stdout).toMatch(/loops\.netl: 3 passed, 0 failed/);
    expect(r.exitCode).toBe(0);
    expect(mine(prefix)).toEqual([]);
  });

  it("the REPL reads a loop over several lines; one undo takes it back", async () => {
    const prefix = testPrefix("loopr");
    const r = await netl(["--prefix", prefix], {
      input: "switch s 10.0.1.0/24\nfor i in 1..3 {\n  ns h{i}\n  link h{i} <-> s\n}\nexpect ping h1 h3\nundo\nshow\n",
    });
    expect(r.stdout).toContain("✓ expect ping h1 h3");
    expect(r.stdout).toMatch(/- ns h1\n/);
    expect(r.stdout).toContain("members: none");
    expect(mine(prefix)).toEqual([]);
  });

  it("an iteration the model refuses takes the whole loop back (REPL: statements run as they come)", async () => {
    const prefix = testPrefix("loopf");
    const r = await netl(["--prefix", prefix], {
      input: "ns A m2\nfor i in 1..3 {\n  ns m{i}x\n  ns m{i}\n}\nshow\n",
    });
    expect(r.stderr).toContain("node 'm2' already exists");
    expect(r.stderr).toContain("loop (i = 2):3:6"); // line 3 of the entry typed
    expect(r.stdout).toMatch(/nodes:\n {2}A +ns +-\n {2}m2 +ns +-\n(?! {2}m)/);
    expect(mine(prefix)).toEqual([]);
  });
});
