// A build that meets a kernel resource limit fails with the kernel's reason and is rolled back whole.
// The limit is provoked safely: netl runs in a user namespace of the test's own (with a mount namespace,
// so its /run/netns mounts are private), where `user.max_net_namespaces` caps how many network
// namespaces may exist; the machine's own limit is never touched. The kernel then refuses a namespace
// with ENOSPC partway through the build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-limit-"));
const prefix = testPrefix("lim");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  // Had the build got through, its names would be left in /run/netns as plain files (their mounts were
  // in the test's mount namespace, gone with it): this test's own, by its prefix, never a mount point.
  for (const f of readdirSync("/run/netns").filter((name) => name.startsWith(`${prefix}-`))) {
    const path = join("/run/netns", f);
    if (spawnSync("mountpoint", ["-q", path]).status !== 0) rmSync(path, { force: true });
  }
});
const n = 24;
const file = join(dir, "limit.netl");
// Namespaces alone: in a user namespace of its own netl can change only namespaces it made (a veth made
// from the machine's namespace would be refused with EPERM there, and that is not the limit tested).
writeFileSync(file, `ns ${Array.from({ length: n }, (_, i) => `h${i}`).join(" ")}\n`);

/** Whether this kernel lets the test make a user namespace and set its own limit there. */
function userNamespaces(): boolean {
  const r = spawnSync("unshare", [
    "--user",
    "--map-root-user",
    "sh",
    "-c",
    "echo 5 > /proc/sys/user/max_net_namespaces",
  ]);
  return r.status === 0;
}

describe.runIf(kernelTestsEnabled("resource-limit.test.ts") && userNamespaces())("a kernel resource limit", () => {
  it("fails the build with the kernel's reason, and nothing stays", () => {
    const runDir = join(dir, "run");
    // 12 network namespaces may exist in the test's user namespace: the build needs 24.
    const script = `echo 12 > /proc/sys/user/max_net_namespaces && exec node ${NETL} run --explain --prefix ${prefix} --lab ${prefix} ${file}`;
    const r = spawnSync(
      "unshare",
      ["--user", "--map-root-user", "--mount", "--propagation", "private", "sh", "-c", script],
      {
        encoding: "utf8",
        env: { ...process.env, NETL_RUN_DIR: runDir, NO_COLOR: "1" },
      },
    );
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(1);
    // The 13th namespace is refused, with the kernel's reason, and the 12 made are taken back.
    expect(out).toContain(`the kernel refused: ip netns add ${prefix}-h12`);
    expect(out).toMatch(/kernel said: .*"[^"]+-h12": No space left on device/);
    expect(out).toContain("nothing was changed (12 steps rolled back)");
    expect(out.match(/^\$ ip netns del /gm)?.length ?? 0, out).toBe(12);
    expect(readdirSync("/run/netns").filter((f) => f.startsWith(`${prefix}-`))).toEqual([]);
    expect(netnsList().filter((x) => x.startsWith(`${prefix}-`))).toEqual([]);
    // Nor any record of the lab.
    const records = existsSync(runDir) ? readdirSync(runDir, { recursive: true }).map(String) : [];
    expect(records.filter((f) => f.includes(prefix))).toEqual([]);
  });
});
