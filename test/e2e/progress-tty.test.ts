// On a terminal, a change over 50 namespaces shows a progress bar (namespaces, links, routes); piped, nothing extra.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-progress-"));
const file = join(dir, "chain.netl");
const n = 60;
writeFileSync(
  file,
  [
    ...Array.from({ length: n }, (_, i) => `ns n${i}`),
    ...Array.from({ length: n - 1 }, (_, i) => `link n${i} <-> n${i + 1} 10.77.${i}.0/24`),
    ...Array.from({ length: n - 1 }, (_, i) => `route n${i} default via n${i + 1}`),
  ].join("\n"),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(kernelTestsEnabled("progress-tty.test.ts"))("progress of a long change", () => {
  it("a bar on a terminal (script(1) gives netl one), none when piped", async () => {
    const prefix = testPrefix("pbar");
    // `script -qec CMD /dev/null` runs CMD on a pseudo-terminal and copies what it shows.
    const shown = execFileSync("script", ["-qec", `node ${NETL} run --down --prefix ${prefix} ${file}`, "/dev/null"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    const frames = shown.split("\r").filter((f) => f.startsWith("building ["));
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[0]).toMatch(/^building \[-+\] ns 0\/60, links 0\/59, routes 0\/59 *$/);
    expect(frames[frames.length - 1]).toMatch(/ ns 60\/60, links 59\/59, routes 59\/59/);
    // The bar's line is wiped before netl says the lab is up.
    expect(shown).toMatch(/\r +\r/);
    const piped = await netl(["run", "--down", "--prefix", prefix, file]);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).not.toContain("building [");
    expect(netnsList().filter((x) => x.startsWith(`${prefix}-`))).toEqual([]);
  });
});
