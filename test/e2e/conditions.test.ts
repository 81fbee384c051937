// Link conditions on this machine's own kernel, which has tbf but no netem: a rate alone is measured,
// undo puts back exactly the qdisc and MTU that were there, and a statement that needs netem is refused
// with what is missing and how to get it. (Measured netem tests run in a full kernel: netem.test.ts.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-conditions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = (name: string, text: string): string => {
  const path = join(dir, `${name}.netl`);
  writeFileSync(path, text);
  return path;
};

const json = (argv: string[]): unknown =>
  JSON.parse(execFileSync(argv[0] as string, argv.slice(1), { encoding: "utf8" }));
// Without the handle: the kernel numbers each new qdisc, as it numbers a re-created interface (ifindex).
const qdisc = (ns: string) =>
  (json(["tc", "-n", ns, "-j", "qdisc", "show", "dev", "eth0"]) as Record<string, unknown>[]).map(
    ({ handle: _, ...rest }) => rest,
  );
const link = (ns: string) =>
  (json(["ip", "-n", ns, "-j", "link", "show", "dev", "eth0"]) as { mtu: number; operstate: string }[])[0];

describe.runIf(kernelTestsEnabled("conditions.test.ts"))("link conditions on this machine's kernel", () => {
  const { open, ok, run, closeAll } = liveSessions();
  afterEach(closeAll);

  it("set and undo put back exactly the qdisc and MTU that were there (tc -j, ip -j)", async () => {
    const lab = testPrefix("cundo");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24 rate 5mbit mtu 1400");
    const before = { qdisc: qdisc(`${lab}-A`), link: link(`${lab}-A`) };
    expect(JSON.stringify(before.qdisc)).toContain('"kind":"tbf"');
    expect(before.link?.mtu).toBe(1400);
    // `show A` is the kernel's view: its queue is in it.
    const shown = await ok(s, "show A");
    expect(shown.kind === "show" && shown.kernel).toMatch(/qdisc tbf \w+: dev eth0 root .*rate 5Mbit/);
    for (const change of ["set A <-> B rate 1mbit mtu 9000", "set A <-> B clear", "set A -> B down"]) {
      await ok(s, change);
      expect({ qdisc: qdisc(`${lab}-A`), link: link(`${lab}-A`) }).not.toEqual(before);
      await ok(s, "undo");
      expect({ qdisc: qdisc(`${lab}-A`), link: link(`${lab}-A`) }).toEqual(before);
    }
  });

  it("a statement that needs netem is refused before it changes anything, saying what is missing", async () => {
    const lab = testPrefix("cnetem");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24");
    const before = qdisc(`${lab}-A`);
    const r = await run(s, "set A <-> B delay 50ms loss 1%");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: "no-netem",
      message: "this kernel has no netem (CONFIG_NET_SCH_NETEM); delay and loss need it",
      span: { col: 13, endCol: 23 },
    });
    expect(r.error.hint).toContain("modprobe sch_netem");
    expect(qdisc(`${lab}-A`)).toEqual(before);
    // A rate alone needs no netem.
    await ok(s, "set A <-> B rate 1mbit");
  });

  it("netl run of a script that needs netem: refused before anything is built, exit 2", async () => {
    const prefix = testPrefix("cscr");
    const file = script("needs-netem", "ns A B\nlink A <-> B 10.0.0.0/24 rate 1mbit\nset A <-> B delay 50ms\n");
    const r = await netl(["run", "--prefix", prefix, file]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${file}:3:13: error: this kernel has no netem (CONFIG_NET_SCH_NETEM); delay needs it`);
    expect(r.stderr).toContain("  set A <-> B delay 50ms\n              ^^^^^^^^^^");
    expect(netnsList().filter((n) => n.startsWith(`${prefix}-`))).toEqual([]);
  });

  it("rate 2mbit: a 1 MB TCP transfer takes 4 s ± 25% (tbf)", async () => {
    const prefix = testPrefix("crate");
    const file = script(
      "rate",
      `ns A B
link A <-> B 10.0.0.0/24 rate 2mbit
exec B node scripts/tools/tcptime.mjs serve 5001 >/dev/null 2>&1 &
exec A node scripts/tools/tcptime.mjs send 10.0.0.2 5001 1000000
`,
    );
    const r = await netl(["run", "--down", "--prefix", prefix, file]);
    expect(r.stderr).toBe("");
    const seconds = Number(/sent 1000000 bytes in ([\d.]+) s/.exec(r.stdout)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThanOrEqual(5);
    expect(netnsList().filter((n) => n.startsWith(`${prefix}-`))).toEqual([]);
  }, 30_000);

  it("--explain prints the tc commands, netl plan too (pasteable)", async () => {
    const file = script("explain", "ns A B\nlink A <-> B 10.0.0.0/24 rate 2mbit\nset A -> B rate 1mbit\n");
    const plan = await netl(["plan", "--prefix", "p", file]);
    expect(plan.stdout).toContain("tc -n p-A qdisc replace dev eth0 root tbf rate 2mbit burst 6056 latency 100ms");
    expect(plan.stdout).toContain("tc -n p-A qdisc replace dev eth0 root tbf rate 1mbit burst 6056 latency 100ms");
    const prefix = testPrefix("cexp");
    const run1 = await netl(["run", "--explain", "--down", "--prefix", prefix, file]);
    expect(run1.stdout).toContain(`$ tc -n ${prefix}-B qdisc replace dev eth0 root tbf rate 2mbit`);
    expect(run1.exitCode).toBe(0);
  });
});
