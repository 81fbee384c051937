// Working inside a node at a real terminal (tmux), from the built CLI: `shell A` in the REPL (a prompt
// naming A, commands in A, Ctrl-C the shell's own, exit back to the REPL), `exec` streaming as it prints
// and reading the keyboard, Ctrl-C during `exec` and during netl's own ping, `netl attach` and `netl
// shell LAB NODE` from outside, and the same shell in a rootless REPL. No fixed sleeps: each step waits
// for the screen or the kernel.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { echoesIn } from "../support/icmp.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";
import { hasTmux, Terminal } from "../support/tmux.js";

const prefix = testPrefix("tmuxn");
const lab = `${prefix}-lab`;
const home = mkdtempSync(join(tmpdir(), "netl-tmuxn-"));
const runDir = join(home, "run");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}`));
const pidsIn = (ns: string) => execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).trim();
/** The command names of what runs in a namespace. */
const commandsIn = (ns: string): string[] =>
  pidsIn(ns)
    .split("\n")
    .filter((pid) => pid !== "")
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      } catch {
        return "";
      }
    });
/** A terminal's shell line for netl: no colour, no history, a home without start-up files, bash as $SHELL. */
const netlLine = (args: string, shell = "/bin/bash") =>
  `cd ${home} && HOME=${home} SHELL=${shell} NO_COLOR=1 NETL_HISTORY= NETL_RUN_DIR=${runDir} node ${NETL} ${args}; echo "EXIT=$?"; sleep 600`;

// In CI tmux is installed (.ci/run), so a missing one fails there; elsewhere it is a notice and a skip.
const enabled = kernelTestsEnabled("repl/tmux-node.test.ts") && (hasTmux || process.env.CI === "true");
if (!hasTmux && process.env.CI !== "true") process.stderr.write("NOTICE repl/tmux-node.test.ts: skipped (no tmux)\n");

describe.runIf(enabled)("inside a node, at a real terminal", () => {
  let term: Terminal | undefined;
  let n = 0;
  const terminal = (command: string) => {
    term = new Terminal(`${prefix}-${process.pid}-${n++}`);
    term.start(command);
    return term;
  };
  afterEach(() => term?.kill());
  afterAll(async () => {
    await netl(["down", lab], { env: { NETL_RUN_DIR: runDir } });
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(home, { recursive: true, force: true });
  });

  it("shell A: a prompt naming A, commands in A, Ctrl-C the shell's, exit back to the REPL", async () => {
    const t = terminal(netlLine(`--prefix ${prefix} --lab ${lab} --keep`));
    const prompt = `netl:${lab}> `;
    await t.waitLast(prompt);
    t.type("ns A B; link A <-> B 10.0.0.0/24");
    await t.waitText("+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24");

    t.type("shell A");
    const shellPrompt = await t.until(
      () => t.lastLine(),
      (l) => l.startsWith("(A) "),
      "the shell's prompt naming A",
    );
    t.type("ip -br addr show eth0; echo node=$NETL_NODE lab=$NETL_LAB");
    await t.waitText(`node=A lab=${lab}`);
    expect(t.screen()).toMatch(/eth0@if\d+ +UP +10\.0\.0\.1\/24/);
    // Ctrl-C is the shell's: it stops the shell's command, netl and the shell go on.
    t.type("sleep 30");
    // Once sleep runs, bash has given it the terminal: the Ctrl-C is the sleep's.
    await t.until(
      () => commandsIn(`${prefix}-A`),
      (names) => names.includes("sleep"),
      "sleep running in A",
    );
    t.keys("C-c");
    await t.waitText(shellPrompt.trimEnd(), 5000, 3);
    t.type("exit");
    await t.waitLast(prompt);
    // The REPL reads again, completion included.
    t.type("pi", false);
    t.keys("Tab");
    await t.waitLast(`${prompt}ping`);
    t.type(" A B");
    await t.waitText("A -> 10.0.0.2: ok");
    expect(pidsIn(`${prefix}-A`)).toBe("");
    t.keys("C-d");
    await t.waitText("EXIT=0", 10_000);
    expect(t.screen()).toContain(`lab '${lab}' is up (2 nodes)`);
  });

  it("netl attach: exec streams and reads the keyboard; Ctrl-C stops exec and ping; the lab stays up", async () => {
    const t = terminal(netlLine(`attach ${lab}`));
    const prompt = `netl:${lab}> `;
    await t.waitLast(prompt);
    expect(t.screen()).toContain(`attached to lab '${lab}' (2 nodes, 1 link): undo takes back what is done here`);

    // What it prints comes as it prints, while it still runs.
    t.type("exec A sh -c 'echo first; sleep 30'");
    await t.waitText("\nfirst");
    expect(pidsIn(`${prefix}-A`)).not.toBe("");
    t.keys("C-c");
    await t.waitText("interrupted: only the command was stopped; the lab is as it was");
    await t.waitLast(prompt);
    expect(pidsIn(`${prefix}-A`)).toBe("");

    // A command that reads the terminal gets what is typed.
    t.type("exec B read x; echo got $x");
    await t.until(
      () => pidsIn(`${prefix}-B`),
      (p) => p !== "",
      "read waiting in B",
    );
    t.type("hello");
    await t.waitText("got hello");
    await t.waitLast(prompt);

    // Ctrl-C reaches ping itself, which prints its statistics.
    t.type("exec A ping -i 0.2 10.0.0.2");
    await t.waitText("icmp_seq=2");
    t.keys("C-c");
    await t.waitText("packets transmitted");
    await t.waitLast(prompt);

    // netl's own ping: stopped, with what came back so far.
    t.type("ping A B count 100");
    const answered = echoesIn(`${prefix}-B`);
    await t.until(
      () => echoesIn(`${prefix}-B`),
      (k) => k >= answered + 2,
      "B answering the ping",
    );
    t.keys("C-c");
    const stopped = await t.until(
      () => t.screen(),
      (s) => /A -> 10\.0\.0\.2: ok \(\d+\/\d+ replies, [\d.]+ ms; stopped after \d+ of 100\)/.test(s),
      "ping stopped after some of 100",
    );
    expect(stopped).not.toContain("100/100 replies");
    await t.waitLast(prompt);

    t.keys("C-d");
    await t.waitText("EXIT=0", 10_000);
    expect(t.screen()).toContain(
      `lab '${lab}' is up (2 nodes); remove it with: netl down ${lab}; work in it again with: netl attach ${lab}`,
    );
    expect(mine().sort()).toEqual([`${prefix}-A`, `${prefix}-B`]);
  });

  it("netl shell LAB NODE from outside: sh's prompt names the node, exit status passed through", async () => {
    const t = terminal(netlLine(`shell ${lab} B`, "/bin/sh"));
    await t.waitLast("(B) #");
    t.type("ip -br addr show eth0; exit 3");
    await t.waitText("EXIT=3");
    expect(t.screen()).toMatch(/eth0@if\d+ +UP +10\.0\.0\.2\/24/);
  });

  it("rootless: shell A and back to the REPL, which goes on reading", async () => {
    const t = terminal(netlLine(`--rootless --prefix ${prefix}r`));
    const prompt = `netl:${prefix}r> `;
    await t.waitLast(prompt, 15_000);
    t.type("ns A");
    await t.waitText("+ ns A");
    t.type("shell A");
    await t.until(
      () => t.lastLine(),
      (l) => l.startsWith("(A) "),
      "the shell's prompt naming A",
    );
    t.type("echo in=$NETL_NODE; exit");
    await t.waitText("in=A");
    await t.waitLast(prompt);
    t.type("show");
    await t.waitText("  A  ns");
    t.keys("C-d");
    await t.waitText("EXIT=0", 15_000);
    expect(t.screen()).toContain(`removed lab '${prefix}r'`);
  });
});
