// The built CLI's REPL with piped input against the real kernel (root): the example, -i,
// and a plain user's REPL, rootless.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { isRoot, kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-repl-");

const prefix = testPrefix("repl");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));

describe.runIf(kernelTestsEnabled("repl/kernel.test.ts"))("the REPL on the real kernel", () => {
  afterAll(async () => {
    for (const lab of [prefix, `${prefix}-i`]) await netl(["down", lab]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("piped: ping ok, undo, ping fails for B, redo, ping ok; no namespace left", async () => {
    const input = "ns A B\nlink A <-> B 10.0.0.0/24\nping A B\nundo\nping A B\nredo\nping A B\n";
    const r = await netl(["--prefix", prefix, "--lab", prefix], { input });
    expect(r.stderr).toBe("");
    const pings = r.stdout.split("\n").filter((l) => l.startsWith("A -> "));
    expect(pings).toHaveLength(3);
    expect(pings[0]).toMatch(/^A -> 10\.0\.0\.2: ok \([\d.]+ ms\)$/);
    expect(pings[1]).toBe("A -> B: failed (B has no address)");
    expect(pings[2]).toMatch(/^A -> 10\.0\.0\.2: ok \([\d.]+ ms\)$/);
    expect(r.stdout).toContain(`removed lab '${prefix}': ${prefix}-A, ${prefix}-B`);
    expect(r.stdout).not.toContain("netl:");
    expect(r.exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("piped: a failed statement makes the exit status 1, and the lab still goes", async () => {
    const r = await netl(["--prefix", prefix, "--lab", prefix], { input: "ns A\nlink A <-> B\nexpect ping A A\n" });
    expect(r.stderr).toContain("<repl>:2:12: error: unknown node 'B'");
    expect(r.exitCode).toBe(1);
    expect(mine()).toEqual([]);
  });

  it("-i FILE runs the file, then the piped entries, in a lab named after the file", async () => {
    const dir = tempDir();
    const file = join(dir, `${prefix}-i.netl`);
    writeFileSync(file, "ns A B\nlink A <-> B 10.0.0.0/24\n");
    const r = await netl(["-i", file, "--prefix", prefix], { input: "expect ping B A\n" });
    // With --prefix P and no --lab, the lab is P-FILE: a lab of its own.
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24");
    expect(r.stdout).toMatch(/✓ expect ping B A {2}\(B -> 10\.0\.0\.1: ok/);
    expect(r.stdout).toContain(`removed lab '${prefix}-${prefix}-i': ${prefix}-A, ${prefix}-B`);
    expect(r.exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("--explain prints each ip command; explain off stops it", async () => {
    const r = await netl(["--prefix", prefix, "--lab", prefix, "--explain"], { input: "ns A\nexplain off\nns B\n" });
    expect(r.stdout).toContain(`$ ip netns add ${prefix}-A\n`);
    expect(r.stdout).not.toContain(`$ ip netns add ${prefix}-B`);
    expect(r.exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("--keep leaves the lab up for netl down", async () => {
    const r = await netl(["--prefix", prefix, "--lab", prefix, "--keep"], { input: "ns A\n" });
    expect(r.stdout).toContain(`lab '${prefix}' is up (1 node); remove it with: netl down ${prefix}`);
    expect(mine()).toEqual([`${prefix}-A`]);
    expect((await netl(["down", prefix])).exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });
});

describe.runIf(isRoot)("the REPL as a plain user", () => {
  it("runs rootless: the lab is built in its own sandbox and gone with it", async () => {
    const r = await execa("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "node", NETL], {
      reject: false,
      input: "ns A\nexec A id -u\n",
      env: { NO_COLOR: "1" },
    });
    expect(r.stderr).toBe("");
    // Root of its sandbox: uid 0 there, nobody outside.
    expect(r.stdout.split("\n")).toEqual(["+ ns A", "0", "removed lab 'netl': A"]);
    expect(r.exitCode).toBe(0);
  });
});
