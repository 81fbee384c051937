// Link conditions measured in a kernel that has netem: one User-Mode Linux boot (scripts/uml/run.sh)
// runs netl on several scripts, and the timings it prints are checked here with tolerances that cannot
// pass by accident (a missing delay, a missing loss or an unlimited rate all fail them).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPrefix } from "../support/kernel.js";
import { runInUml } from "../support/uml.js";

const p = testPrefix("nm");
// The guest sees the machine's files but has its own /tmp: scripts go where both can read them.
const dir = mkdtempSync("/var/tmp/netl-netem-");
const scripts: Record<string, string> = {
  delay: `ns A B
link A <-> B 10.0.0.0/24 delay 50ms
ping A B count 5
set A <-> B delay 5ms
ping A B count 5
undo
ping A B count 5
`,
  loss: `ns A B
link A <-> B 10.0.0.0/24 loss 100%
expect no ping A B
set A <-> B clear
expect ping A B
`,
  down: `ns A B
link A <-> B 10.0.0.0/24
set A <-> B down
expect no ping A B
why A B
set A <-> B up
expect ping A B
`,
  // netem's own rate (with a delay, the queue is netem's), and tbf for a rate alone.
  rate: `ns A B
link A <-> B 10.0.0.0/24 rate 2mbit delay 1ms
exec B node scripts/tools/tcptime.mjs serve 5001 >/dev/null 2>&1 &
exec A node scripts/tools/tcptime.mjs send 10.0.0.2 5001 1000000
set A <-> B delay 0ms
exec B node scripts/tools/tcptime.mjs serve 5002 >/dev/null 2>&1 &
exec A node scripts/tools/tcptime.mjs send 10.0.0.2 5002 1000000
`,
};
// The REPL reads the same statements from a pipe: slow a link, watch ping slow down, undo it.
const repl =
  "ns A B\\nlink A <-> B 10.0.0.0/24\\nping A B count 3\\nset A <-> B delay 40ms\\nping A B count 3\\nundo\\nping A B count 3\\n";

const section = (name: string, command: string) => `echo "=== ${name}"; ${command}; echo "=== exit $?"`;
const guest = [
  "export NO_COLOR=1",
  section("example", `node dist/netl.js test --prefix ${p}-ex examples/bad-links.netl 2>&1`),
  ...Object.keys(scripts).map((name) =>
    section(name, `node dist/netl.js run --down --prefix ${p}-${name} ${join(dir, `${name}.netl`)} 2>&1`),
  ),
  section("repl", `printf '${repl}' | node dist/netl.js --prefix ${p}-repl 2>&1`),
  section("leftovers", "ip netns list"),
].join("\n");

/** Each section's output and exit status. */
function sections(stdout: string): Map<string, { out: string; exit: number }> {
  const out = new Map<string, { out: string; exit: number }>();
  for (const m of stdout.matchAll(/^=== (\w+)\n([\s\S]*?)^=== exit (\d+)$/gm))
    out.set(m[1] as string, { out: m[2] as string, exit: Number(m[3]) });
  return out;
}

const rtts = (out: string): number[] =>
  [...out.matchAll(/: ok \(\d+\/\d+ replies, ([\d.]+) ms\)/g)].map((m) => Number(m[1]));
const seconds = (out: string): number[] =>
  [...out.matchAll(/sent 1000000 bytes in ([\d.]+) s/g)].map((m) => Number(m[1]));

describe("link conditions in a kernel with netem (User-Mode Linux)", () => {
  let got: Map<string, { out: string; exit: number }>;
  const of = (name: string) => got.get(name) ?? { out: `no section ${name}`, exit: -1 };

  beforeAll(async () => {
    for (const [name, text] of Object.entries(scripts)) writeFileSync(join(dir, `${name}.netl`), text);
    const r = await runInUml(guest, { timeoutMs: 240_000 });
    got = sections(r.stdout);
    if (got.size === 0)
      throw new Error(`the guest printed no sections (exit ${r.exitCode}):\n${r.stdout}\n${r.stderr}`);
  }, 260_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("examples/bad-links.netl passes netl test", () => {
    expect(of("example").out).toMatch(/examples\/bad-links\.netl: 8 passed, 0 failed/);
    expect(of("example").exit).toBe(0);
  });

  it("delay 50ms: RTT 100-150 ms; set delay 5ms: under 30 ms; undo: 100 ms or more again", () => {
    const [slow, fast, back] = rtts(of("delay").out);
    expect(of("delay").exit).toBe(0);
    expect(slow).toBeGreaterThanOrEqual(100);
    expect(slow).toBeLessThan(150);
    expect(fast).toBeLessThan(30);
    expect(back).toBeGreaterThanOrEqual(100);
    expect(back).toBeLessThan(150);
  });

  it("loss 100%: ping fails; clear: it passes", () => {
    expect(of("loss").out).toContain("✓ expect no ping A B");
    expect(of("loss").out).toContain("✓ expect ping A B");
    expect(of("loss").exit).toBe(0);
  });

  it("set down: ping fails and why says the link is down; up: it passes", () => {
    const { out, exit } = of("down");
    expect(out).toContain("✓ expect no ping A B");
    expect(out).toMatch(/A:eth0 is down\nfix: bring it up: set A:eth0 up/);
    expect(out).toMatch(/✓ expect ping A B/);
    expect(exit).toBe(0);
  });

  it("rate 2mbit: a 1 MB TCP transfer takes 4 s ± 25%, through netem's rate and through tbf", () => {
    const times = seconds(of("rate").out);
    expect(times, of("rate").out).toHaveLength(2);
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(3);
      expect(t).toBeLessThanOrEqual(5);
    }
    expect(of("rate").out).toContain("~ A:eth0 <-> B:eth0: rate 2mbit (was delay 1ms rate 2mbit)");
  });

  it("the REPL slows a link, ping gets slower, undo makes it fast again", () => {
    const { out, exit } = of("repl");
    const [before, slowed, after] = rtts(out);
    expect(exit).toBe(0);
    expect(before).toBeLessThan(20);
    expect(slowed).toBeGreaterThanOrEqual(80);
    expect(after).toBeLessThan(20);
    expect(out).toContain("undo set A <-> B delay 40ms");
  });

  it("leaves no namespace behind in the guest", () => {
    expect(of("leftovers").out.trim()).toBe("");
  });
});
