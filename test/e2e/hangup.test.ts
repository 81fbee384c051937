// Closing the terminal under `netl tutorial` and the REPL (a pty whose master is closed: the kernel
// hangs it up and sends SIGHUP): the lab is removed, no Node assertion is printed (its ResetStdio
// would put back the modes of a terminal that is gone), a command lent the terminal is ended, and
// netl exits 129 (128 + SIGHUP).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL } from "../support/netl.js";

const HELPER = join(import.meta.dirname, "../support/pty-hangup.py");
const hasPython = (() => {
  try {
    execFileSync("python3", ["-c", "import pty"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const prefix = testPrefix("thup");
const home = mkdtempSync(join(tmpdir(), "netl-hangup-"));
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));

interface Closed {
  readonly code: number | null;
  readonly signal: number | null;
  readonly output: string;
  readonly stderr: string;
  /** From the terminal closed to netl ended. */
  readonly seconds: number;
}

/**
 * netl's `args` on a terminal of its own (its session leader), `ns A B` typed at the prompt, then (when
 * `running`) a command that runs long, then the terminal closed.
 */
function closeUnder(args: readonly string[], prompt: string, running?: string): Closed {
  const err = join(home, "stderr");
  const line = `exec node ${NETL} ${args.join(" ")} 2>${err}`;
  const steps = [[prompt, "ns A B"], ...(running ? [[prompt, running]] : [])];
  const out = execFileSync("python3", [HELPER, running ? "" : "+ ns B", JSON.stringify(steps), "sh", "-c", line], {
    encoding: "utf8",
    cwd: home,
    env: { ...process.env, HOME: home, NO_COLOR: "1" },
    timeout: 60_000,
  });
  const r = JSON.parse(out) as Omit<Closed, "stderr"> & { error?: string };
  if (r.error !== undefined) throw new Error(`${r.error}\n${r.output}`);
  return { ...r, stderr: readFileSync(err, "utf8") };
}

describe.runIf(kernelTestsEnabled("hangup.test.ts") && hasPython)("the terminal closed under netl", () => {
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    expect(mine()).toEqual([]);
  });

  const FRONTS = [
    ["netl tutorial", ["tutorial", "1", "--prefix", prefix], `netl:${prefix}-tutorial>`],
    ["the REPL", ["--prefix", prefix, "--lab", `${prefix}-repl`], `netl:${prefix}-repl>`],
  ] as const;
  for (const [what, args, prompt] of FRONTS)
    for (const running of [undefined, "exec A sleep 30"])
      it(`${what}${running ? `, during ${running}` : ""}: the lab removed, no assertion, exit 129`, () => {
        const closed = closeUnder(args, prompt, running);
        expect(closed.output).toContain("+ ns B");
        // The command on the terminal is ended, not waited for.
        expect(closed.seconds).toBeLessThan(10);
        expect(`${closed.output}${closed.stderr}`).not.toMatch(/Assertion|ResetStdio|node::/);
        // Nor netl's own failure: the terminal it gives back raw mode to is gone (setRawMode EIO).
        expect(closed.stderr).not.toMatch(/internal error|\n\s+at /);
        // 128 + SIGHUP's number, as for every signal that stops netl.
        expect([closed.code, closed.signal]).toEqual([129, null]);
        expect(mine()).toEqual([]);
      }, 90_000);
});
