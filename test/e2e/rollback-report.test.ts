// A rollback that fails in part, on the real kernel: a fake `ip` first on PATH refuses a chosen
// change line (the statement fails and is rolled back) and chosen rollback lines (-force batches).
// The report names each object left behind in words, with the exact command that removes it, and
// `netl down LAB` as the catch-all: running the commands shown leaves the kernel as it was before
// the statement; `netl down` removes what the lab's record still lists (a namespace included).
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRecord } from "../../src/runtime/lab-record.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";
import { ANSWER_LOCK_SH } from "../support/lock-answer-sh.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("rbrep");
const mine = () =>
  netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();
const dir = mkdtempSync(join(tmpdir(), "netl-rbrep-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const real = (tool: string) => execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();

// Lines matching $REFUSE (change batches: stop there) or $REFUSE_ROLLBACK (-force batches: go on)
// are refused the way ip -batch refuses a line; the others run, one by one, in the real ip. The same
// for perl (`perl -e SCRIPT …`: the sysctl and rtnetlink processes, which report as ip -batch does).
for (const tool of ["ip", "perl"]) {
  const REAL_IP = real(tool);
  const batch = tool === "perl" ? 'case "$1" in -e)' : 'case " $* " in *" -batch "*)';
  writeFileSync(
    join(dir, tool),
    `#!/bin/sh
${ANSWER_LOCK_SH}${batch}
  force=no; case " $* " in *" -force "*) force=yes;; esac
  pattern=$REFUSE; [ $force = yes ] && pattern=$REFUSE_ROLLBACK
  input=$(mktemp); cat > "$input"
  # The maker's 'netns pool N' is no line of the batch (native/netns.pl): not counted, not passed on.
  sed -i '/^netns pool [0-9]*$/d' "$input"
  if [ -z "$pattern" ] || ! grep -qE "$pattern" "$input"; then
    ${REAL_IP} "$@" < "$input"; rc=$?; rm -f "$input"; exit $rc
  fi
  i=0; rc=0
  while IFS= read -r line; do
    i=$((i + 1))
    if printf '%s\\n' "$line" | grep -qE "$pattern"; then
      echo "RTNETLINK answers: injected" >&2; echo "Command failed -:$i" >&2; rc=1
      [ $force = no ] && break
    else
      printf '%s\\n' "$line" | ${REAL_IP} "$@" || rc=1
    fi
  done < "$input"
  rm -f "$input"; exit $rc;;
esac
exec ${REAL_IP} "$@"
`,
  );
  chmodSync(join(dir, tool), 0o755);
}

function script(name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** An IPv6 address added in fd33::/64: an `ip` line, or the rtnetlink process's tab-separated record. */
const ADD_FD33 = "addr( add |\t[^\t]*\t6\t)fd33::";

const run = (file: string, refuse: string, refuseRollback: string) =>
  netl(["run", "--prefix", prefix, "--lab", prefix, file], {
    env: { ...env, PATH: `${dir}:${process.env.PATH}`, REFUSE: refuse, REFUSE_ROLLBACK: refuseRollback },
  });

describe.runIf(kernelTestsEnabled("rollback-report.test.ts"))("a rollback that fails in part", () => {
  afterAll(async () => {
    await netl(["down", prefix], { env });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the veth left behind with the command that removes it; running it restores the kernel", async () => {
    const before = script("before.netl", ["ns A B"]);
    expect((await netl(["run", "--prefix", prefix, "--lab", prefix, before], { env })).exitCode).toBe(0);
    const boundary = labState(prefix);
    expect((await netl(["down", prefix], { env })).exitCode).toBe(0);

    const file = script("veth.netl", ["ns A B", "exec A true", "link A <-> B 10.0.0.0/24 fd33::/64"]);
    const r = await run(file, ADD_FD33, "link del");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${file}:3:1: error: the kernel refused: ip -n ${prefix}-`);
    expect(r.stderr).toContain(
      [
        "  the rollback failed at 1 step:",
        "    left behind: veth A:eth0 <-> B:eth0",
        `      remove it with: ip -n ${prefix}-A link del eth0`,
        "      kernel said: RTNETLINK answers: injected",
      ].join("\n"),
    );
    expect(r.stderr).toContain(
      `or take the whole lab down (its record lists everything it holds): netl down ${prefix}`,
    );
    expect(labState(prefix)).not.toEqual(boundary);
    // Each command shown, as printed, removes what it names.
    const commands = [...r.stderr.matchAll(/^ {6}remove it with: (.+)$/gm)].map((m) => (m[1] as string).split(" "));
    expect(commands).toHaveLength(1);
    for (const [file0, ...args] of commands) execFileSync(file0 as string, args);
    expect(labState(prefix)).toEqual(boundary);
    expect((await netl(["down", prefix], { env })).exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("names a namespace left behind; the lab then holds it (read back), so netl down removes it", async () => {
    // `ns B C` and the link go in as one change; its rollback cannot delete C.
    const file = script("ns.netl", ["ns A", "exec A true", "ns B C", "link B <-> C 10.0.0.0/24 fd33::/64"]);
    const r = await run(file, ADD_FD33, `netns del ${prefix}-C$`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      [
        "  the rollback failed at 1 step:",
        `    left behind: namespace ${prefix}-C`,
        `      remove it with: ip netns del ${prefix}-C`,
        "      kernel said: RTNETLINK answers: injected",
      ].join("\n"),
    );
    expect(r.stderr).toContain(`netl down ${prefix}`);
    // The kernel was read back: C is there, so the lab holds it.
    expect(r.stderr).toContain("netl read the kernel back: the lab is now what it holds, `show` lists it");
    expect(r.stdout).toContain(`lab '${prefix}' is up (2 nodes); remove it with: netl down ${prefix}`);
    expect(mine()).toEqual([`${prefix}-A`, `${prefix}-C`]);
    expect(readRecord(runDir, prefix)?.namespaces.map((n) => n.name)).toEqual([`${prefix}-A`, `${prefix}-C`]);
    const down = await netl(["down", prefix], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("a rollback the kernel refuses leaves the lab saying what the kernel holds: show, undo and teardown agree", async () => {
    // `del A` is refused at its `netns del`; putting the veth back is refused too: A and B stay, unlinked.
    const input = [
      "ns A B",
      "link A <-> B 10.160.0.0/24",
      "del A",
      "show",
      "history",
      "undo",
      "link A <-> B 10.160.1.0/24",
      "show",
      "",
    ].join("\n");
    const p = `${prefix}-x`;
    const r = await netl(["--prefix", p, "--lab", p], {
      input,
      env: {
        ...env,
        PATH: `${dir}:${process.env.PATH}`,
        REFUSE: `netns del ${p}-A$`,
        REFUSE_ROLLBACK: "link add eth0",
      },
    });
    expect(r.stderr).toContain("    not put back: veth A:eth0 <-> B:eth0");
    expect(r.stderr).toContain("netl read the kernel back: the lab is now what it holds");
    const [afterDel, afterLink] = r.stdout.split("+ link A:eth0 10.160.1.1/24 <-> B:eth0 10.160.1.2/24");
    // The model has no link (the kernel has none) and no history to undo into a kernel it no longer fits.
    expect(afterDel).toMatch(/nodes:\n {2}A {2}ns +-\n {2}B {2}ns +-\n/);
    expect(afterDel).not.toContain("links:");
    expect(afterDel).toContain("no changes yet");
    expect(afterDel).toContain("nothing to undo");
    // A link made again goes in: the model and the kernel were in step.
    expect(afterLink).toContain("links:\n  A:eth0 <-> B:eth0");
    expect(r.stdout).toContain(`removed lab '${p}': ${p}-A, ${p}-B`);
    expect(mine()).toEqual([]);
  });
});
