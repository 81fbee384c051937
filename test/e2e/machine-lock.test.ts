// Issue 25 #4: the machine is one resource. Two `netl run` started at once, each linking its node to
// the machine on the same subnet: exactly one gets it, every time (the check and the change are under
// the machine-wide lock); the other is refused with the overlap, changing nothing. Both are taken down.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { assertClear } from "../support/machine-state.js";
import { netl } from "../support/netl.js";

const TRIALS = Number(process.env.LOCK_TRIALS ?? 20);
const SUBNET = "10.231.40.0/30";
const dir = mkdtempSync(join(tmpdir(), "netl-machine-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(kernelTestsEnabled("machine-lock.test.ts"))("the machine-wide lock", () => {
  it(`two netl run at once on one host subnet: exactly one wins, ${TRIALS} times out of ${TRIALS}`, async () => {
    assertClear(SUBNET);
    const file = join(dir, "host.netl");
    writeFileSync(file, `ns A\nlink A <-> host ${SUBNET}\n`);
    const tally = { one: 0, both: 0, none: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const labs = [testPrefix(`ml${trial}a`), testPrefix(`ml${trial}b`)];
      const runs = await Promise.all(labs.map((lab) => netl(["run", "--lab", lab, "--prefix", lab, file])));
      const won = runs.filter((r) => r.exitCode === 0).length;
      if (won === 1) tally.one++;
      else if (won === 2) tally.both++;
      else tally.none++;
      for (const r of runs)
        if (r.exitCode !== 0) expect(r.stderr, r.stderr).toMatch(/10\.231\.40\.0\/30 overlaps the machine's/);
      for (const lab of labs) {
        const down = await netl(["down", lab]);
        expect([0, 1]).toContain(down.exitCode);
      }
      expect(netnsList().filter((n) => labs.some((l) => n.startsWith(l)))).toEqual([]);
    }
    expect(tally).toEqual({ one: TRIALS, both: 0, none: 0 });
    assertClear(SUBNET);
  }, 600_000);
});
