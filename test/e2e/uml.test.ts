// The User-Mode Linux harness (scripts/uml/run.sh, test/support/uml.ts): one boot runs a script in a full
// kernel that has what this machine's lacks — tc netem here — and brings back its stdout, stderr and exit
// status. Missing UML fails this file with the install line (CI installs it); it is never skipped.
import { release } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { testPrefix } from "../support/kernel.js";
import { runInUml, type UmlRun } from "../support/uml.js";

const p = testPrefix("uml");
// Namespaces and links live in the guest's kernel only; the prefix keeps the names the tests' own.
const script = `
set -e
echo "kernel $(uname -r)"
ip netns add ${p}-a
ip netns add ${p}-b
ip link add eth0 netns ${p}-a type veth peer name eth0 netns ${p}-b
ip -n ${p}-a addr add 10.213.90.1/24 dev eth0
ip -n ${p}-b addr add 10.213.90.2/24 dev eth0
for n in a b; do ip -n ${p}-$n link set lo up; ip -n ${p}-$n link set eth0 up; done
tc -n ${p}-a qdisc add dev eth0 root netem delay 50ms
echo "qdisc $(tc -n ${p}-a qdisc show dev eth0)"
ip netns exec ${p}-a ping -c 3 -i 0.2 -W 2 10.213.90.2
echo "to stderr" >&2
exit 42
`;

describe("User-Mode Linux harness", () => {
  let r: UmlRun;
  beforeAll(async () => {
    r = await runInUml(script, { timeoutMs: 120_000 });
  }, 150_000);

  it("runs every line of the script and surfaces its non-zero exit status", () => {
    // 42 is the script's last line: any earlier failure (set -e) would end it with another status.
    expect(r.exitCode, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(42);
  });

  it("runs a kernel other than this machine's", () => {
    const guest = /^kernel (\S+)$/m.exec(r.stdout)?.[1];
    expect(guest).toBeDefined();
    expect(guest).not.toBe(release());
  });

  it("accepts a netem qdisc", () => {
    expect(r.stdout).toMatch(/^qdisc qdisc netem \S+: root .*delay 50ms/m);
  });

  it("delays pings by netem's 50 ms", () => {
    expect(r.stdout).toMatch(/3 packets transmitted, 3 received/);
    const rtt = /^rtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)\//m.exec(r.stdout);
    expect(rtt, r.stdout).not.toBeNull();
    const [min, avg] = [Number(rtt?.[1]), Number(rtt?.[2])];
    expect(min).toBeGreaterThanOrEqual(50);
    expect(avg).toBeLessThan(1000);
  });

  it("keeps the command's stderr apart from its stdout, and the guest console out of both", () => {
    expect(r.stderr).toBe("to stderr\n");
    expect(r.stdout).not.toMatch(/to stderr|Linux version|reboot: System halted/);
  });
});

// A host whose XSAVE area is larger than UML 6.1 knows (AMX) refuses its FP register writes, and the
// guest's init dies at once; run.sh then boots with those writes refused (scripts/uml/no-xstate.pl)
// and the guest's C library kept to SSE. Forced here, so every host proves that boot works.
describe("User-Mode Linux with XSTATE refused", () => {
  let r: UmlRun;
  beforeAll(async () => {
    const check = [
      "set -e",
      `node -e 'const a = Buffer.alloc(1 << 20, 7); console.log("node", a.equals(Buffer.alloc(1 << 20, 7)), [1.5, 2].map((x) => x * 2).join())'`,
      `python3 -c 'import hashlib; print("python", hashlib.sha256(b"netl").hexdigest()[:8])'`,
      `ip netns add ${p}-x`,
      `tc -n ${p}-x qdisc add dev lo root netem delay 1ms && echo netem ok`,
      'echo "tunables $GLIBC_TUNABLES"',
    ].join("\n");
    r = await runInUml(check, { timeoutMs: 120_000, noXstate: true });
  }, 150_000);

  it("boots and runs node, python and netem in the guest", () => {
    expect(r.exitCode, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^node true 3,4$/m);
    expect(r.stdout).toMatch(/^python 6cda0333$/m);
    expect(r.stdout).toMatch(/^netem ok$/m);
    expect(r.stdout).toMatch(/^tunables glibc\.cpu\.hwcaps=-AVX,/m);
  });
});
