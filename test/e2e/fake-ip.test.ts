// Fault injection against the real kernel: a fake `ip` first on PATH refuses the N-th line of
// the change batches (queries and -force rollback batches pass) and otherwise execs the real ip. For every N
// until a run goes through untouched, the lab left in the kernel (`ip -j` state) must equal the
// state after some whole number of statements: never half a statement.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hostStem } from "../../src/interpreter/host-names.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { ANSWER_LOCK_SH } from "../support/lock-answer-sh.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("fakeip");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-fakeip-"));
const env = { NETL_RUN_DIR: join(dir, "run") };
const real = (tool: string) => execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
const STATEMENTS = [
  "ns A B",
  "router R",
  "link A <-> R 10.0.1.0/24 rate 5mbit",
  "link R <-> B 10.0.2.0/24 fd22::/64",
  "route A default via R",
  "route B default via R",
  "set R <-> B rate 1mbit mtu 1400",
  "link R <-> host 10.213.77.0/30",
];
// The machine's own interfaces that are this lab's (its host ends): part of the state compared.
const stem = hostStem(prefix, prefix);
const hostEnds = () =>
  (
    JSON.parse(execFileSync("ip", ["-j", "addr", "show"], { encoding: "utf8" })) as {
      ifname: string;
      flags: string[];
      addr_info: { local: string; prefixlen: number; scope: string }[];
    }[]
  )
    .filter((l) => l.ifname.startsWith(stem))
    .map((l) => ({
      ifname: l.ifname,
      up: l.flags.includes("UP"),
      addrs: l.addr_info.filter((a) => a.scope !== "link").map((a) => `${a.local}/${a.prefixlen}`),
    }));
const state = () => JSON.stringify({ lab: labState(prefix), host: hostEnds() });
// The same shim as `ip`, as `tc` (queues) and as `perl` (the processes that set sysctls and carry many
// namespaces' ip lines, src/runtime/sysctl-batch.ts and rtnl-batch.ts: `perl -e SCRIPT …`, reading
// lines and reporting like ip -batch), counting lines across all three.
for (const tool of ["ip", "tc", "perl"]) {
  const REAL = real(tool);
  const batch = tool === "perl" ? 'case "$1" in -e)' : 'case " $* " in *" -batch "*)';
  writeFileSync(
    join(dir, tool),
    `#!/bin/sh
# Counts change-batch lines across calls; refuses line FAKE_IP_FAIL after running the lines before it.
${ANSWER_LOCK_SH}${batch} case " $* " in *" -force "*) ;; *)
  input=$(mktemp); cat > "$input"
  # The maker's 'netns pool N' is no line of the batch (native/netns.pl): not counted, not passed on.
  sed -i '/^netns pool [0-9]*$/d' "$input"; lines=$(wc -l < "$input")
  # Batches run two at a time: the count is read and written under a lock.
  exec 9>>"$FAKE_IP_COUNT.lock"; flock 9
  seen=$(cat "$FAKE_IP_COUNT" 2>/dev/null || echo 0); echo $((seen + lines)) > "$FAKE_IP_COUNT"
  flock -u 9
  if [ "$FAKE_IP_FAIL" -gt "$seen" ] && [ "$FAKE_IP_FAIL" -le $((seen + lines)) ]; then
    k=$((FAKE_IP_FAIL - seen))
    head -n $((k - 1)) "$input" | ${REAL} "$@"; rc=$?; rm -f "$input"
    [ $rc -ne 0 ] && exit $rc
    echo "RTNETLINK answers: injected" >&2; echo "Command failed -:$k" >&2; exit 1
  fi
  ${REAL} "$@" < "$input"; rc=$?; rm -f "$input"; exit $rc;;
esac;; esac
exec ${REAL} "$@"
`,
  );
  chmodSync(join(dir, tool), 0o755);
}

async function runScript(count: number, extra: Record<string, string> = {}) {
  const file = join(dir, `s${count}.netl`);
  writeFileSync(file, `${STATEMENTS.slice(0, count).join("\n")}\n`);
  return netl(["run", "--prefix", prefix, "--lab", prefix, file], { env: { ...env, ...extra } });
}

describe.runIf(kernelTestsEnabled("fake-ip.test.ts"))("a fake ip first on PATH", () => {
  afterAll(async () => {
    await netl(["down", prefix], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("every refused line leaves the kernel at a statement boundary", async () => {
    const boundaries: string[] = [];
    for (let k = 0; k <= STATEMENTS.length; k++) {
      if (k > 0) expect((await runScript(k)).exitCode).toBe(0);
      boundaries.push(state());
      await netl(["down", prefix], { env });
    }
    let tried = 0;
    for (let n = 1; n <= 200; n++) {
      const count = join(dir, `count${n}`);
      const r = await runScript(STATEMENTS.length, {
        PATH: `${dir}:${process.env.PATH}`,
        FAKE_IP_FAIL: String(n),
        FAKE_IP_COUNT: count,
      });
      tried++;
      const now = state();
      expect(boundaries, `line ${n} refused: ${r.stderr}`).toContain(now);
      if (r.exitCode === 0)
        expect(now, `line ${n} refused, yet the run passed:\n${r.stdout}\n${r.stderr}`).toBe(
          boundaries[STATEMENTS.length],
        );
      await netl(["down", prefix], { env });
      expect(mine()).toEqual([]);
      expect(hostEnds()).toEqual([]);
      const lines = Number(execFileSync("cat", [count], { encoding: "utf8" }));
      if (lines < n) break; // the N-th line never came: every index has been tried
    }
    process.stdout.write(`fake ip: ${tried} indices tried and held\n`);
    // Dozens of whole runs and downs: the time is the machine's, not a limit of netl's.
  }, 600_000);
});
