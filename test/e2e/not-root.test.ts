// A plain user's netl runs rootless (test/e2e/rootless.test.ts); where the kernel or the machine
// forbids that, it says it needs root, why, and what to do, in two lines, and exits 2. The kernel
// forbids it for real here: limits set in a user namespace of the test's own (test/support/userns.ts).
import { execFileSync } from "node:child_process";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { isRoot } from "../support/kernel.js";
import { NETL } from "../support/netl.js";
import { withUserLimits } from "../support/userns.js";

const NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

describe.runIf(isRoot)("not root, where rootless is impossible", () => {
  it("no user namespaces allowed (user.max_user_namespaces = 0): needs root, why, what to do; exit 2", async () => {
    const r = await withUserLimits({ max_user_namespaces: 0 }, [
      ...NOBODY,
      process.execPath,
      NETL,
      "run",
      "examples/two-hosts.netl",
    ]);
    expect(r.stderr.split("\n")).toEqual([
      "netl run needs root: it creates network namespaces, and it cannot run rootless here: user namespaces are switched off (user.max_user_namespaces = 0).",
      "Allow them: sudo sysctl -w user.max_user_namespaces=10000 (a file in /etc/sysctl.d/ keeps it), or run it as root (sudo netl run …).",
    ]);
    expect(r.stdout).toBe("");
    expect(r.exitCode).toBe(2);
  });

  it("the same limit, root with --rootless: refused too, and told to leave --rootless out", async () => {
    const r = await withUserLimits({ max_user_namespaces: 0 }, [process.execPath, NETL, "--rootless"], {});
    expect(r.stderr).toMatch(/^netl --rootless: the rootless sandbox cannot be made: user namespaces are switched off/);
    expect(r.stderr).toContain("or run it without --rootless.");
    expect(r.exitCode).toBe(2);
  });

  it("unshare fails for another reason (no mount namespace left): its own words, then netl's two lines", async () => {
    const r = await withUserLimits({ max_mnt_namespaces: 0 }, [
      ...NOBODY,
      process.execPath,
      NETL,
      "test",
      "examples/two-hosts.netl",
    ]);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(/^unshare: .*No space left on device/);
    expect(lines.slice(1)).toEqual([
      "netl test needs root: it creates network namespaces, and it cannot run rootless here: the sandbox could not be set up (the error above says why).",
      "Something forbids user namespaces here (a container's seccomp profile, a security module, a limit in /proc/sys/user); run it as root (sudo netl test …).",
    ]);
    expect(r.stdout).toBe("");
    expect(r.exitCode).toBe(2);
  });

  it("without util-linux's unshare and setpriv on PATH: install util-linux, or sudo", async () => {
    const setpriv = execFileSync("sh", ["-c", "command -v setpriv"], { encoding: "utf8" }).trim();
    const r = await execa(setpriv, [...NOBODY.slice(1), process.execPath, NETL, "tutorial"], {
      reject: false,
      env: { NO_COLOR: "1", PATH: "/nonexistent" },
      extendEnv: false,
    });
    expect(r.stderr.split("\n")).toEqual([
      "netl tutorial needs root: it creates network namespaces, and it cannot run rootless here: unshare and setpriv (util-linux) are not on PATH.",
      "Install util-linux (sudo apt install util-linux), or run it as root (sudo netl tutorial …).",
    ]);
    expect(r.exitCode).toBe(2);
  });
});

describe.runIf(isRoot)("a plain user's down, ls and clean", () => {
  const asNobody = (...args: string[]) =>
    execa(NOBODY[0] ?? "", [...NOBODY.slice(1), process.execPath, NETL, ...args], {
      reject: false,
      env: { NO_COLOR: "1" },
    });

  it("down: a rootless lab is gone with its netl; exit 1, not 'needs root'", async () => {
    const r = await asNobody("down", "no-such-lab-rootless");
    expect(r.stderr).toBe(
      "no lab 'no-such-lab-rootless' to take down: a rootless lab (netl as a plain user, or --rootless) lives only inside the netl that built it, and is gone when that netl ends",
    );
    expect(r.exitCode).toBe(1);
  });

  it("ls: rootless labs are not listed, and it says so", async () => {
    const r = await asNobody("ls");
    expect(r.stdout).toContain("labs of rootless netls are not listed: each lives only inside the netl that built it");
    expect(r.exitCode).toBe(0);
  });

  it("clean: rootless labs need no cleaning", async () => {
    const r = await asNobody("clean");
    expect(r.stdout).toContain("rootless labs need no cleaning: each is gone with the netl that built it");
    expect([0, 2]).toContain(r.exitCode);
  });
});
