// Back into a running lab, from the built bin on the real kernel: `netl ls` and `netl show LAB` after
// `netl run`; `netl exec LAB NODE -- CMD` passes output, input and exit status through; `netl attach`
// works on the lab as its netl left it (what `show` prints is what the kernel has), undoes only what is
// done in it, leaves the lab up unless --down or `reset`, is refused while the lab's netl runs (its pid
// named) and when the lab is no longer whole, and says where the kernel differs from the lab.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRecord } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { assertClear } from "../support/machine-state.js";
import { NETL_BIN, netl } from "../support/netl.js";

const prefix = testPrefix("att");
const lab = `${prefix}-lab`;
const dir = mkdtempSync(join(tmpdir(), "netl-attach-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir, NETL_HISTORY: "" };
const file = join(dir, "lab.netl");
writeFileSync(
  file,
  [
    "ns A B",
    "router R",
    "switch S 10.0.5.0/24",
    "link A <-> R 10.1.0.0/24 fd01::/64",
    "link R <-> B 10.2.0.0/24",
    "link B <-> S",
    "link R <-> S",
    "route auto",
    "set R <-> B rate 10mbit",
    "spawn B sleep 1000",
    "expect ping A B",
  ].join("\n"),
);
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();
const NODES = ["A", "B", "R", "S"].map((n) => `${prefix}-${n}`);

/** `show`'s node lines as { node: { ifname: addresses } }, the kernel's in the same shape. */
function shownAddresses(show: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  const nodes = show.split("links:")[0]?.split("\n").slice(1) ?? [];
  for (const line of nodes) {
    const m = /^ {2}(\S+) +(ns|router) +(.*)$/.exec(line);
    if (!m) continue;
    const ifaces: Record<string, string[]> = {};
    for (const part of (m[3] ?? "").split(", ")) {
      const [ifname = "", ...addrs] = part.split(" ");
      ifaces[ifname] = addrs.filter((a) => a.includes("/")).sort();
    }
    out[m[1] ?? ""] = ifaces;
  }
  return out;
}
function kernelAddresses(node: string): Record<string, string[]> {
  const links = JSON.parse(execFileSync("ip", ["-j", "-n", `${prefix}-${node}`, "addr"], { encoding: "utf8" })) as {
    ifname: string;
    addr_info: { local: string; prefixlen: number; scope: string }[];
  }[];
  return Object.fromEntries(
    links
      .filter((l) => l.ifname !== "lo")
      .map((l) => [
        l.ifname,
        l.addr_info
          .filter((a) => a.scope === "global")
          .map((a) => `${a.local}/${a.prefixlen}`)
          .sort(),
      ]),
  );
}

describe.runIf(kernelTestsEnabled("attach.test.ts"))("back into a running lab", () => {
  afterAll(async () => {
    await netl(["down", lab], { env });
    await netl(["down", `${prefix}-busy`], { env });
    await netl(["down", `${prefix}-host`], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("run, then ls and show from outside; exec passes output, input and exit status through", async () => {
    const run = await netl(["run", "--prefix", prefix, file], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `lab '${lab}' is up (4 nodes); remove it with: netl down ${lab}; work in it with: netl attach ${lab}`,
    );
    expect(mine()).toEqual(NODES);

    const ls = await netl(["ls"], { env });
    expect(ls.stdout.split("\n").slice(0, 6)).toEqual([
      `${lab}: up (its netl has ended: netl attach ${lab} to work in it, netl down ${lab} to remove it), prefix ${prefix}`,
      expect.stringMatching(/^ {2}NODE +KIND +NAMESPACE +STATE +INTERFACES$/),
      expect.stringMatching(new RegExp(`^ {2}A +ns +${prefix}-A +up +eth0 10\\.1\\.0\\.1/24 fd01::1/64$`)),
      expect.stringMatching(new RegExp(`^ {2}B +ns +${prefix}-B +up +eth0 10\\.2\\.0\\.2/24, eth1 10\\.0\\.5\\.1/24$`)),
      expect.stringMatching(/^ {2}R +router +/),
      expect.stringMatching(/^ {2}S +switch +/),
    ]);
    expect(ls.stdout).toContain("    A:eth0 10.1.0.1/24 fd01::1/64 <-> R:eth0 10.1.0.2/24 fd01::2/64");
    const json = JSON.parse((await netl(["ls", "--json"], { env })).stdout) as Record<string, unknown>[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ lab, state: "up", alive: false, missing: [] });

    const show = await netl(["show", lab], { env });
    expect(show.exitCode).toBe(0);
    for (const node of ["A", "B", "R"]) expect(shownAddresses(show.stdout)[node]).toEqual(kernelAddresses(node));
    const showA = await netl(["show", lab, "A"], { env });
    expect(showA.stdout).toMatch(/^lo +UNKNOWN/);
    expect(showA.stdout).toContain("10.1.0.1/24");

    const exec = await netl(["exec", lab, "A", "--", "ip", "-br", "addr", "show", "eth0"], { env });
    expect(exec.exitCode).toBe(0);
    expect(exec.stdout).toMatch(/^eth0@if\d+ +UP +10\.1\.0\.1\/24 fd01::1\/64/);
    // Without --, and with options of the command's own.
    const ping = await netl(["exec", lab, "A", "ping", "-c", "1", "-W", "1", "10.2.0.2"], { env });
    expect(ping.exitCode, ping.stderr).toBe(0);
    const status = await netl(["exec", lab, "B", "--", "sh", "-c", "read x; echo out $x; echo err >&2; exit 5"], {
      env,
      input: "in\n",
    });
    expect(status).toEqual({ exitCode: 5, stdout: "out in", stderr: "err" });
    const none = await netl(["exec", lab, "Q", "--", "true"], { env });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe(`lab '${lab}' has no node 'Q' (its nodes: A, B, R, S)`);
    const typo = await netl(["exec", lab, "AA", "true"], { env });
    expect(typo.stderr).toContain("did you mean 'A'?");
    expect((await netl(["exec", `${lab}x`, "A", "true"], { env })).stderr).toContain(`no lab '${lab}x' is up`);
  });

  it("attach: show is the kernel's, undo takes back only what was done here, the lab stays up", async () => {
    const before = labState(prefix);
    const r = await netl(["attach", lab], {
      env,
      input: ["show", "ping A B", "ns C", "link C <-> R 10.9.0.0/24", "ping C R", "undo 2", "history", ""].join("\n"),
    });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      `attached to lab '${lab}' (4 nodes, 4 links): undo takes back what is done here; exit leaves the lab up`,
    );
    // What attach's `show` prints is what `netl show LAB` prints, and what the kernel has.
    const showText = r.stdout.split("\n").slice(1).join("\n").split("\nA -> ")[0] ?? "";
    expect(showText).toBe((await netl(["show", lab], { env })).stdout);
    const shown = shownAddresses(showText);
    for (const node of ["A", "B", "R"]) expect(shown[node]).toEqual(kernelAddresses(node));
    expect(r.stdout).toMatch(/A -> 10\.2\.0\.2: ok/);
    expect(r.stdout).toContain("+ link C:eth0 10.9.0.1/24 <-> R:eth3 10.9.0.2/24");
    expect(r.stdout).toMatch(/C -> 10\.9\.0\.2: ok/);
    expect(r.stdout).toContain("- ns C");
    // The history starts at attach: what the lab's own netl did is not undone here.
    expect(r.stdout).toContain("  undone (redo brings back):");
    expect(r.stdout).toContain(
      `lab '${lab}' is up (4 nodes); remove it with: netl down ${lab}; work in it again with: netl attach ${lab}`,
    );
    expect(mine()).toEqual(NODES);
    expect(labState(prefix)).toEqual(before);
    expect(readRecord(runDir, lab)?.namespaces.map((n) => n.name)).toEqual(NODES);

    // A change made in one attach is there for the next; `undo` with nothing of this attach to undo says so.
    expect((await netl(["attach", lab], { env, input: "ns D\n" })).exitCode).toBe(0);
    const next = await netl(["attach", lab], { env, input: "undo\nshow D\ndel D\n" });
    expect(next.stdout).toContain("nothing to undo");
    expect(next.stdout).toContain("- ns D");
    expect(mine()).toEqual(NODES);
  });

  it("attach says where the kernel differs from the lab its netl left", async () => {
    await netl(["exec", lab, "A", "--", "ip", "addr", "add", "10.99.0.1/24", "dev", "eth0"], { env });
    const r = await netl(["attach", lab], { env, input: "show\n" });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      [
        "the kernel differs from the lab as its netl left it (1 difference); netl works from the lab as it built it:",
        "  A:eth0 has 10.99.0.1/24 in the kernel, not in the lab",
      ].join("\n"),
    );
    await netl(["exec", lab, "A", "--", "ip", "addr", "del", "10.99.0.1/24", "dev", "eth0"], { env });
    expect((await netl(["attach", lab], { env, input: "" })).stderr).toBe("");
  });

  it("refused while the lab's netl runs, with its pid; attached once it has ended", async () => {
    const busy = `${prefix}-busy`;
    const repl = spawn(NETL_BIN, ["--prefix", `${prefix}b`, "--lab", busy, "--keep"], {
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    repl.stdin.write("ns A\n");
    for (let i = 0; i < 200 && readRecord(runDir, busy)?.namespaces.length !== 1; i++)
      await new Promise((r) => setTimeout(r, 25));
    const owner = readRecord(runDir, busy)?.pid;
    const refused = await netl(["attach", busy], { env });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      `lab '${busy}' is in use by its netl (pid ${owner}): work in it there, or end that netl first`,
    );
    const ls = await netl(["ls"], { env });
    expect(ls.stdout).toContain(`${busy}: running (its netl runs, pid ${owner})`);
    repl.stdin.end();
    await new Promise((r) => repl.once("exit", r));
    const attached = await netl(["attach", "--down", busy], { env, input: "show\n" });
    expect(attached.exitCode, attached.stderr).toBe(0);
    expect(attached.stdout).toContain(`removed lab '${busy}': ${prefix}b-A`);
    expect(readRecord(runDir, busy)).toBeUndefined();
    expect(existsSync(join(runDir, `${busy}.world`))).toBe(false);
  });

  it("a lab with a host end: attach reads the machine's end too, and pings it; down removes it", async () => {
    const hostLab = `${prefix}-host`;
    assertClear("10.213.91.0/30");
    const hfile = join(dir, "host.netl");
    writeFileSync(hfile, "ns H\nlink H <-> host 10.213.91.0/30\n");
    const run = await netl(["run", "--prefix", `${prefix}h`, "--lab", hostLab, hfile], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const end = readRecord(runDir, hostLab)?.hostInterfaces?.[0]?.name ?? "";
    expect(end).toMatch(/^nl[0-9a-f]{6}h0$/);
    expect((await netl(["ls"], { env })).stdout).toContain(`  host ends on the machine: ${end}`);
    const r = await netl(["attach", hostLab], { env, input: "ping host H\nshow\n" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/host -> 10\.213\.91\.1: ok/);
    expect(r.stdout).toContain(`  host  host    ${end} 10.213.91.2/30`);
    // The machine's end changed by hand: attach says so.
    execFileSync("ip", ["link", "set", end, "down"]);
    const changed = await netl(["attach", hostLab], { env, input: "" });
    expect(changed.stderr).toContain(`host:${end} is down in the kernel, up in the lab`);
    const down = await netl(["down", hostLab], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(() => execFileSync("ip", ["link", "show", end], { stdio: "ignore" })).toThrow();
  });

  it("a lab no longer whole is refused, and reset in an attached lab removes it and its record", async () => {
    const made = await netl(["attach", lab], { env, input: "ns E\n" });
    expect(made.exitCode).toBe(0);
    execFileSync("ip", ["netns", "del", `${prefix}-E`]);
    const partial = await netl(["attach", lab], { env });
    expect(partial.exitCode).toBe(1);
    expect(partial.stderr).toBe(
      `lab '${lab}' is not whole: E has no namespace any more; netl down ${lab} removes the rest`,
    );
    expect((await netl(["ls"], { env })).stdout).toContain(`${lab}: partly gone (1 of 5 namespaces missing`);
    // Made again by hand under E's name: not the namespace the lab made, so attach refuses and nothing
    // of netl's ever touches it. Linux often gives it E's very inode number again (the lowest free one
    // once E's is freed): its moment of making tells them apart (test/runtime/own-records.test.ts).
    execFileSync("ip", ["netns", "add", `${prefix}-E`]);
    execFileSync("ip", ["-n", `${prefix}-E`, "link", "set", "lo", "up"]);
    const other = await netl(["attach", lab], { env });
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain(`${prefix}-E is no longer the namespace it made (another has the name now)`);
    execFileSync("ip", ["netns", "del", `${prefix}-E`]);
    // netl down removes the rest; then a whole lab, attached, is removed by reset, record and all.
    expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(mine()).toEqual([]);
    const again = await netl(["run", "--prefix", prefix, "--lab", lab, "-"], { env, input: "ns A B\n" });
    expect(again.exitCode, again.stderr).toBe(0);
    const reset = await netl(["attach", lab], { env, input: "reset\n" });
    expect(reset.exitCode, reset.stderr).toBe(0);
    expect(reset.stdout).toContain("- ns A");
    expect(mine()).toEqual([]);
    expect(readRecord(runDir, lab)).toBeUndefined();
    expect(existsSync(join(runDir, `${lab}.world`))).toBe(false);
    expect((await netl(["attach", lab], { env })).stderr).toContain(`no lab '${lab}' is up`);
  });
});
