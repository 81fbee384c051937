// A run directory netl cannot use (NETL_RUN_DIR a file, under a file, or in /proc, where Node's
// recursive mkdir never returns): `netl run` says so with exit 2 and its reason, no stack trace, at once.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRoot } from "../support/kernel.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-run-dir-e2e-");

describe.runIf(isRoot)("netl run with a run directory it cannot use", () => {
  it("says so with exit 2, no stack trace, and does not hang on /proc", () => {
    const file = join(temp(), "file");
    writeFileSync(file, "");
    const script = join(temp(), "lab.netl");
    writeFileSync(script, "ns a\n");
    const bin = new URL("../../dist/netl", import.meta.url).pathname;
    for (const dir of [file, join(file, "x"), "/proc/netl-run-dir-test"]) {
      const r = spawnSync(bin, ["run", "--lab", "rundir", script], {
        env: { ...process.env, NETL_RUN_DIR: dir },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(r.status, dir).toBe(2);
      expect(r.stderr).toContain(`cannot use the run directory ${dir}: `);
      expect(r.stderr).not.toContain("internal error");
    }
  });
});
