// `netl export --format sh`: the script's text for a small lab (no root), and on the real kernel every
// example's script builds a lab whose expects hold and takes it down again; `up` refuses an existing
// lab without touching it, and a command failing halfway leaves nothing the script made.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import pc from "picocolors";
import { afterAll, describe, expect, it } from "vitest";
import { exportSh } from "../../src/cli/export.js";
import type { Io } from "../../src/cli/io.js";
import { labNameFor } from "../../src/driver/source.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietIo = (errors: string[] = []): Io => ({
  out: () => {},
  err: (t) => errors.push(t),
  c: pc.createColors(false),
});

/** The lines of `name() { … }` in a script, braces included. */
function fn(script: string, name: string): string[] {
  const lines = script.split("\n");
  const start = lines.indexOf(`${name}() {`);
  return lines.slice(start, lines.indexOf("}", start) + 1);
}

describe("netl export --format sh: the script", () => {
  it("a two-host lab: the names it makes, up's commands under their statements, down, check", () => {
    const file = join(dir, "two.netl");
    writeFileSync(file, "ns A B\nlink A <-> B 10.0.0.0/24\nping A B\nexpect ping A B\nexpect no ping B 10.0.0.9\n");
    const script = exportSh(file, { prefix: "p" }, quietIo()) ?? "";
    const lines = script.split("\n");
    expect(lines.slice(0, 13)).toEqual([
      "#!/usr/bin/env bash",
      `# two: the lab ${file} builds, as plain commands (netl export --format sh).`,
      "#   bash two.sh [up]   build it and leave it up (refused if one of its namespaces exists)",
      "#   bash two.sh down   remove what up made and still is: namespaces, interfaces, what runs there",
      "#   bash two.sh check  the expects written after its last change (exit 1 if one fails)",
      "# Run as root. If a command of `up` fails, it removes what it had made and exits non-zero.",
      "set -eEuo pipefail",
      "",
      "LAB=two",
      "# What `up` made, each with its identity: all `down` ever removes.",
      "STATE=/run/netl-export/p-two.state",
      "# Every namespace `up` makes, in order.",
      "NAMESPACES=(p-A p-B)",
    ]);
    expect(fn(script, "up")).toEqual([
      "up() {",
      "  local ns",
      `  for ns in "\${NAMESPACES[@]}"; do`,
      '    if has_ns "$ns"; then',
      '      echo "$LAB: namespace $ns exists: is the lab up already? (bash $0 down removes it)" >&2',
      "      exit 1",
      "    fi",
      "  done",
      '  mkdir -p -- "$(dirname -- "$STATE")"',
      '  : >"$STATE"',
      '  trap \'rollback "$LINENO" "$BASH_COMMAND"\' ERR',
      "",
      "  # ns A B",
      "  ip netns add p-A",
      "  made ns p-A",
      "  ip -n p-A link set lo up",
      "  ip netns exec p-A sysctl -qw net.ipv6.conf.default.accept_dad=0",
      "  ip netns add p-B",
      "  made ns p-B",
      "  ip -n p-B link set lo up",
      "  ip netns exec p-B sysctl -qw net.ipv6.conf.default.accept_dad=0",
      "",
      "  # link A <-> B 10.0.0.0/24",
      "  ip link add eth0 netns p-A type veth peer name eth0 netns p-B",
      "  ip -n p-A link set eth0 up",
      "  ip -n p-B link set eth0 up",
      "  ip -n p-A addr add 10.0.0.1/24 dev eth0",
      "  ip -n p-B addr add 10.0.0.2/24 dev eth0",
      "",
      "  trap - ERR",
      `  echo "$LAB is up: \${NAMESPACES[*]} (bash $0 down removes it)"`,
      "}",
    ]);
    // What the state file lists and still is what up made (export-sh-own.ts; on the kernel: export-own.test.ts).
    const down = fn(script, "down");
    expect(down.slice(0, 5)).toEqual([
      "down() {",
      '  if [ ! -f "$STATE" ]; then',
      '    echo "$LAB: nothing to remove: no $STATE (bash $0 up writes there what it makes)"',
      "    return 0",
      "  fi",
    ]);
    expect(down.slice(-10)).toEqual([
      `  for ns in "\${ours[@]}"; do`,
      `    if [[ " \${keep[*]} " == *" $ns "* ]]; then continue; fi`,
      '    end_processes "$ns"',
      '    ip netns del "$ns"',
      "  done",
      `  if [ \${#keep[@]} -gt 0 ]; then return 1; fi`,
      '  rm -f -- "$STATE"',
      '  rmdir -- "$(dirname -- "$STATE")" 2>/dev/null || true',
      '  echo "$LAB is down"',
      "}",
    ]);
    expect(fn(script, "check")).toEqual([
      "check() {",
      "  expect_ok 'expect ping A B' ip netns exec p-A ping -n -q -c 1 -W 1 10.0.0.2",
      "  expect_fails 'expect no ping B 10.0.0.9' ip netns exec p-B ping -n -q -c 1 -W 1 10.0.0.9",
      '  echo "$LAB: $PASSED passed, $FAILED failed"',
      '  [ "$FAILED" -eq 0 ]',
      "}",
    ]);
    expect(lines.slice(-4)).toEqual(["  exit 1", "fi", `"\${1:-up}"`, ""]);
  });

  it("quotes every word from the script for bash: bash reads a spawned command back as written", () => {
    const file = join(dir, "quotes.netl");
    writeFileSync(file, 'ns A\nspawn A echo "it\'s $(id -u); `id`" > /dev/null\n');
    const script = exportSh(file, {}, quietIo()) ?? "";
    expect(script).toContain(
      "  ip netns exec A setsid sh -c 'echo \"it'\\''s $(id -u); `id`\" > /dev/null' </dev/null >>\"$LOGS\"/A.log 2>&1 &\n",
    );
    expect(script).toContain("LOGS=/run/netl-export/quotes.logs");
    // bash reads the quoted word back as the command the netl script wrote.
    const quoted = /setsid sh -c ('.*') <\/dev\/null/.exec(script)?.[1] ?? "";
    expect(execFileSync("bash", ["-c", `printf %s ${quoted}`], { encoding: "utf8" })).toBe(
      'echo "it\'s $(id -u); `id`" > /dev/null',
    );
  });

  it("undo in the source: its inverse commands, and expects written before the last change are not checked", () => {
    const file = join(dir, "undo.netl");
    writeFileSync(file, "ns A B\nexpect no ping A B\nlink A <-> B 10.0.0.0/24\nundo\nexpect no ping B A\n");
    const script = exportSh(file, {}, quietIo()) ?? "";
    expect(script).toContain(
      [
        "  # undo   (link A <-> B 10.0.0.0/24)",
        "  ip -n B addr del 10.0.0.2/24 dev eth0",
        "  ip -n A addr del 10.0.0.1/24 dev eth0",
        "  ip -n B link set eth0 down",
        "  ip -n A link set eth0 down",
        "  ip -n A link del eth0",
        "",
      ].join("\n"),
    );
    expect(fn(script, "check").slice(1, 2)).toEqual(["  expect_fails 'expect no ping B A' false   # A has no address"]);
  });

  it("--format takes sh or containerlab only; a script with an error exports nothing", async () => {
    const bad = await netl(["export", "--format", "xml", "examples/two-hosts.netl"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("argument 'xml' is invalid. Allowed choices are sh, containerlab.");
    const none = await netl(["export", "examples/two-hosts.netl"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("required option '--format <F>' not specified");
    const file = join(dir, "broken.netl");
    writeFileSync(file, "ns A\nlink A <-> B 10.0.0.0/24\n");
    const broken = await netl(["export", "--format", "sh", file]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stdout).toBe("");
  });
});

// bad-links needs netem, which this kind of machine's kernel lacks (examples.test.ts skips it too).
const NEEDS_NETEM = new Set(["bad-links.netl"]);
const examples = readdirSync("examples").filter((f) => f.endsWith(".netl") && !NEEDS_NETEM.has(f));

const bash = (script: string, what: string) => execa("bash", [script, what], { reject: false });
const ours = (prefix: string) => netnsList().filter((n) => n.startsWith(`${prefix}-`));
/** The machine's interfaces named like this lab's host ends. */
const hostEnds = (stem: string): string[] =>
  (JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" })) as { ifname: string }[])
    .map((l) => l.ifname)
    .filter((n) => n.startsWith(`${stem}h`));
const pidsIn = (ns: string): number[] =>
  execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
/** Alive and not a zombie (this machine's pid 1 reaps exited orphans late). */
const running = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

/** A /24 of the benchmarking range (RFC 2544) for links to the machine, apart from other runs'. */
const NET = `198.18.${(process.pid % 250) + 1}`;

/** Live processes whose command line holds `marker` (a zombie's is empty). */
const withMarker = (marker: string): string[] =>
  readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, "utf8").includes(marker);
      } catch {
        return false;
      }
    });

async function exported(file: string, prefix: string): Promise<string> {
  const out = join(dir, `${prefix}.sh`);
  const r = await netl(["export", "--format", "sh", "--prefix", prefix, "-o", out, file]);
  expect(r.exitCode).toBe(0);
  return out;
}

describe.runIf(kernelTestsEnabled("export.test.ts"))("netl export --format sh, run with bash as root", () => {
  const prefixes: string[] = [];
  const prefix = (name: string) => {
    const p = testPrefix(name);
    prefixes.push(p);
    return p;
  };
  // After a failed test: what runs in this file's namespaces ends (by pid) before they go.
  afterAll(() => {
    for (const p of prefixes)
      for (const ns of ours(p)) {
        for (const pid of pidsIn(ns))
          try {
            process.kill(pid, "SIGKILL");
          } catch {} // gone meanwhile
        execFileSync("ip", ["netns", "del", ns]);
      }
  });

  for (const [i, file] of examples.entries()) {
    it(`${file}: up builds a lab where its expects hold, down leaves nothing`, async () => {
      const p = prefix(`x${i}`);
      const script = await exported(`examples/${file}`, p);
      const up = await bash(script, "up");
      expect(up.stderr).toBe("");
      expect(up.exitCode).toBe(0);
      const check = await bash(script, "check");
      expect(check.stdout).toMatch(/: [1-9]\d* passed, 0 failed$/);
      expect(check.exitCode).toBe(0);
      const source = readFileSync(`examples/${file}`, "utf8");
      for (const line of check.stdout.split("\n").filter((l) => l.startsWith("ok")))
        expect(source).toContain(line.slice("ok      ".length));
      const processes = ours(p).flatMap(pidsIn);
      if (file === "service-and-firewall.netl") expect(processes.length).toBeGreaterThan(0);

      const down = await bash(script, "down");
      expect(down.exitCode).toBe(0);
      expect(ours(p)).toEqual([]);
      expect(hostEnds(hostStem(labNameFor(file), p))).toEqual([]);
      expect(processes.filter(running)).toEqual([]);
      // down again: nothing left to remove is not an error
      expect((await bash(script, "down")).exitCode).toBe(0);
    });
  }

  it("up on a lab that is up refuses and touches nothing", async () => {
    const p = prefix("xt");
    const script = await exported("examples/routed.netl", p);
    expect((await bash(script, "up")).exitCode).toBe(0);
    const again = await bash(script, "up");
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain(`namespace ${p}-A exists: is the lab up already?`);
    expect((await bash(script, "check")).exitCode).toBe(0);
    expect((await bash(script, "down")).exitCode).toBe(0);
    expect(ours(p)).toEqual([]);
  });

  it("up refuses when a namespace it would make second exists, and leaves that one alone", async () => {
    const p = prefix("xr");
    const script = await exported("examples/two-hosts.netl", p);
    execFileSync("ip", ["netns", "add", `${p}-B`]);
    try {
      const up = await bash(script, "up");
      expect(up.exitCode).toBe(1);
      expect(up.stderr).toContain(`namespace ${p}-B exists`);
      expect(ours(p)).toEqual([`${p}-B`]);
    } finally {
      execFileSync("ip", ["netns", "del", `${p}-B`]);
    }
  });

  it("up refuses a link to host whose subnet the machine routes already", async () => {
    const p = prefix("xo");
    const file = join(dir, "overlap.netl");
    writeFileSync(file, `ns A\nlink A <-> host ${NET}.0/30\n`);
    const script = await exported(file, p);
    // The machine's route, on a veth pair of this test's own.
    execFileSync("ip", ["link", "add", `${p}-o`, "type", "veth", "peer", "name", `${p}-q`]);
    try {
      execFileSync("ip", ["addr", "add", `${NET}.129/24`, "dev", `${p}-o`]);
      execFileSync("ip", ["link", "set", `${p}-o`, "up"]);
      execFileSync("ip", ["link", "set", `${p}-q`, "up"]);
      const up = await bash(script, "up");
      expect(up.stderr).toContain(`the machine routes ${NET}.0/30 already`);
      expect(up.exitCode).toBe(1);
      expect(ours(p)).toEqual([]);
    } finally {
      execFileSync("ip", ["link", "del", `${p}-o`]);
    }
  });

  it("a spawn taken back in the script (undo) ends its whole process group during up", async () => {
    const p = prefix("xu");
    const file = join(dir, "spawn-undo.netl");
    const marker = `4343.${process.pid}`;
    writeFileSync(file, `ns A\nspawn A sleep ${marker}; sleep ${marker}\nundo\nspawn A sleep 600\n`);
    const script = await exported(file, p);
    expect((await bash(script, "up")).exitCode).toBe(0);
    try {
      expect(withMarker(marker)).toEqual([]);
      expect(pidsIn(`${p}-A`).length).toBeGreaterThan(0);
    } finally {
      expect((await bash(script, "down")).exitCode).toBe(0);
    }
    expect(ours(p)).toEqual([]);
  });

  it("a command failing halfway: everything up had made is removed, processes too, and it exits 1", async () => {
    const p = prefix("xf");
    const file = join(dir, "halfway.netl");
    const marker = `4242.${process.pid}`;
    // The move names an interface the machine does not have: `ip link set … netns` fails after the rest is up.
    writeFileSync(
      file,
      `ns A B\nlink A <-> B 10.0.0.0/24\nlink A <-> host ${NET}.0/30\nspawn B sleep ${marker}\nmove ${p}-no -> A\n`,
    );
    const script = await exported(file, p);
    const up = await bash(script, "up");
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toContain(`failed (exit 1): ip link set ${p}-no netns ${p}-A`);
    expect(up.stderr).toContain("removing what up had made");
    expect(ours(p)).toEqual([]);
    expect(hostEnds(hostStem("halfway", p))).toEqual([]);
    expect(withMarker(marker)).toEqual([]);
    expect(existsSync(`/run/netl-export/${p}-halfway.logs`)).toBe(false);
  });
});
