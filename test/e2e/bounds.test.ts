// Untrusted input is bounded (issue 18 #9), through the built CLI: a NUL in a script is refused with
// its position by check and by run (nothing built, even with --down, never an internal error);
// `load` of a device, a FIFO or a folder is refused at once; and `netl plan` writes `spawn` as a
// command in the background, so the pasted plan goes on past it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("bounds");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-bounds-"));
const env = { NETL_RUN_DIR: join(dir, "run") };

function script(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bounded input (no root)", () => {
  it("check refuses a NUL with its position, exit 2", async () => {
    const file = script("nul.netl", "ns A\nexec A echo a\u0000b\n");
    const r = await netl(["check", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:2:14: error: control character U+0000 (NUL) in netl source`);
    expect(r.stderr).not.toContain("\u0000");
    expect(r.stderr).not.toContain("internal error");
  });

  it("load of a device, a FIFO or a folder is refused at once, exit 2", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    for (const [path, why] of [
      ["/dev/zero", "it is a device, not a regular file"],
      [fifo, "it is a FIFO, not a regular file"],
      [dir, "it is a folder"],
    ]) {
      const file = script("load.netl", `ns A\nload "${path}"\n`);
      const t = performance.now();
      const r = await netl(["check", file]);
      expect(performance.now() - t).toBeLessThan(10_000);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${file}:2:6: error: cannot load ${path}: ${why}`);
      expect(r.stderr).toContain("hint: load takes a regular file of netl text, at most 4 MiB");
    }
  });
});

describe.runIf(kernelTestsEnabled("bounds.test.ts"))("bounded input (real kernel)", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("run --down refuses a NUL before anything is built: exit 2, nothing left", async () => {
    const file = script("nul-run.netl", "ns A B\nexec A echo a\u0000b\n");
    const r = await netl(["run", "--down", "--prefix", prefix, "--lab", prefix, file], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:2:14: error: control character U+0000 (NUL) in netl source`);
    expect(mine()).toEqual([]);
  });

  it("plan writes spawn in the background: the pasted plan does not wait for it", async () => {
    const p = `${prefix}-p`;
    const file = script("spawn.netl", "ns A\nspawn A sleep 300\nexec A true\n");
    const plan = await netl(["plan", "--prefix", p, file]);
    expect(plan.stdout).toContain(`ip netns exec ${p}-A setsid sh -c 'sleep 300' </dev/null >>/dev/null 2>&1 &`);
    const t = performance.now();
    const pasted = await execa("sh", ["-e"], { input: plan.stdout, reject: false, timeout: 20_000 });
    expect(pasted.exitCode).toBe(0);
    expect(performance.now() - t).toBeLessThan(20_000);
    // The spawned sleep runs in the namespace; ended before it goes.
    const pids = execFileSync("ip", ["netns", "pids", `${p}-A`], { encoding: "utf8" })
      .split("\n")
      .filter((x) => x);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(Number(pid), "SIGKILL");
    execFileSync("ip", ["netns", "del", `${p}-A`]);
    expect(mine()).toEqual([]);
  });
});
