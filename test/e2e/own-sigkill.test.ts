// Issue 18 #2: the record claims only what exists. `netl run` of `ns n1 … n150` is SIGKILLed early
// (as soon as its record is on disk: the namespaces' batch may not have started) and late (as soon as
// its first namespace exists: mid-batch). A bystander then takes names of the lab: one the lab never
// made (made by hand if it does not exist, with a process in it), and one the lab made but that was
// deleted and made again by someone else (a process in it too). `netl down` removes every namespace the
// lab made — none leaks, though the record never listed them — and touches neither bystander.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("idkill");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}`));
const dir = mkdtempSync(join(tmpdir(), "netl-idkill-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "many.netl");
writeFileSync(script, `ns ${Array.from({ length: 150 }, (_, i) => `n${i + 1}`).join(" ")}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started: number[] = [];

const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

/** A bystander's namespace `ns` (made now, by hand) with a process of its own in it; its pid. */
async function bystander(ns: string): Promise<number> {
  execFileSync("ip", ["netns", "add", ns]);
  const child = spawn("ip", ["netns", "exec", ns, "sleep", "1042"], { detached: true, stdio: "ignore" });
  child.unref();
  const pid = child.pid as number;
  started.push(pid);
  for (let i = 0; i < 200 && !readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("sleep"); i++) await sleep(10);
  return pid;
}

/** Until the namespaces of this test stop changing (the dead netl's maker has finished its batch). */
async function settled(): Promise<string[]> {
  let last = mine().join(" ");
  for (let quiet = 0; quiet < 6; ) {
    await sleep(100);
    const now = mine().join(" ");
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return mine();
}

describe.runIf(kernelTestsEnabled("own-sigkill.test.ts"))("a killed netl's lab, and bystanders with its names", () => {
  afterAll(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const when of ["record", "namespace"] as const)
    it(`SIGKILL once the first ${when} exists: down removes all the lab made, no bystander`, async () => {
      const lab = `${prefix}-${when[0]}`;
      const ns = (n: number) => `${lab}-n${n}`;
      const child = execa("node", [NETL, "run", "--prefix", lab, "--lab", lab, script], {
        env: { ...env, NO_COLOR: "1" },
        reject: false,
      });
      const seen = () =>
        when === "record" ? existsSync(join(runDir, `${lab}.json`)) : netnsList().some((n) => n.startsWith(lab));
      const deadline = Date.now() + 20_000;
      while (!seen() && Date.now() < deadline) await sleep(1);
      child.kill("SIGKILL");
      await child;
      const made = (await settled()).filter((n) => n.startsWith(`${lab}-`));
      // n42 is taken by a bystander: made by hand if the lab had not made it, else deleted and made again.
      if (made.includes(ns(42))) execFileSync("ip", ["netns", "del", ns(42)]);
      const first = await bystander(ns(42));
      // n7 likewise, made again after the lab's was deleted (or made by hand first if the lab never had one).
      if (made.includes(ns(7))) execFileSync("ip", ["netns", "del", ns(7)]);
      const second = await bystander(ns(7));

      const down = await netl(["down", lab], { env });
      expect(down.exitCode, down.stderr).toBe(0);
      // Every namespace it made is gone; the bystanders and their processes are untouched.
      expect(
        mine()
          .filter((n) => n.startsWith(`${lab}-`))
          .sort(),
      ).toEqual([ns(7), ns(42)].sort());
      expect(alive(first)).toBe(true);
      expect(alive(second)).toBe(true);
      // One it made and that someone replaced is named, with what it is now.
      for (const n of [7, 42])
        if (made.includes(ns(n))) expect(down.stderr).toMatch(new RegExp(`left namespace ${ns(n)} alone: it is not`));
      expect(existsSync(join(runDir, `${lab}.json`))).toBe(false);
      expect(existsSync(join(runDir, `${lab}.made`))).toBe(false);
      process.kill(first, "SIGKILL");
      process.kill(second, "SIGKILL");
      for (const n of [7, 42]) execFileSync("ip", ["netns", "del", ns(n)]);
    }, 60_000);
});
