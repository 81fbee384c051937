// A person at a real terminal (tmux, a private socket): type statements, complete with Tab, Ctrl-C a
// long exec, Ctrl-D; check the screen and the kernel. Every wait is bounded.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-tmux-");

const prefix = testPrefix("tmux");
const socket = `${prefix}-${process.pid}`;
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));

const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", "t");
const keys = (...k: string[]) => tmux("send-keys", "-t", "t", ...k);
/** Typed text, sent literally (no key names). */
const typeText = (text: string) => tmux("send-keys", "-t", "t", "-l", text);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `check` holds of what it read; tmux and the kernel tell no one when they change. */
async function until<T>(read: () => T, check: (value: T) => boolean, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; the screen:\n${screen()}`);
    await sleep(50);
  }
}
const waitFor = (check: (s: string) => boolean, what: string, ms?: number) => until(screen, check, what, ms);
const waitText = (text: string, ms?: number) => waitFor((s) => s.includes(text), JSON.stringify(text), ms);
/** The screen's last non-blank line. */
const lastLine = (s: string) =>
  s
    .split("\n")
    .filter((l) => l.trim() !== "")
    .pop() ?? "";

// In CI tmux is installed (.ci/run), so a missing one fails there; elsewhere it is a notice and a skip.
const enabled = kernelTestsEnabled("repl/tmux.test.ts") && (hasTmux || process.env.CI === "true");
if (!hasTmux && process.env.CI !== "true") process.stderr.write("NOTICE repl/tmux.test.ts: skipped (no tmux)\n");

describe.runIf(enabled)("the REPL at a real terminal", () => {
  const history = join(tempDir(), "history");

  afterAll(async () => {
    try {
      tmux("kill-server");
    } catch {}
    await netl(["down", prefix]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("builds, completes, interrupts an exec, and leaves with Ctrl-D", async () => {
    const command = `NO_COLOR=1 NETL_HISTORY=${history} node ${NETL} --prefix ${prefix} --lab ${prefix}; echo "EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", "t", "-x", "150", "-y", "50", command);
    const prompt = `netl:${prefix}> `;
    // capture-pane drops trailing blanks: a bare prompt shows without its space.
    await waitText(prompt.trimEnd());

    typeText("ns A B");
    keys("Enter");
    await waitText("+ ns B");
    typeText("link A <-> B 10.0.0.0/24");
    keys("Enter");
    await waitText("+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24");

    // Tab completes a keyword, a node name, and an interface.
    typeText("pi");
    keys("Tab");
    await waitFor((s) => lastLine(s) === `${prompt}ping`, "ping completed");
    typeText(" A B");
    keys("Enter");
    await waitFor((s) => /A -> 10\.0\.0\.2: ok \([\d.]+ ms\)/.test(s), "ping ok");
    typeText("addr A:e");
    keys("Tab");
    await waitFor((s) => lastLine(s) === `${prompt}addr A:eth0`, "A:eth0 completed");
    typeText(" 10.0.5.1/24");
    keys("Enter");
    await waitText("+ addr A:eth0 10.0.5.1/24");
    expect(execFileSync("ip", ["-n", `${prefix}-A`, "-br", "addr", "show", "eth0"], { encoding: "utf8" })).toContain(
      "10.0.5.1/24",
    );

    // Ctrl-C during a long exec stops only the command: the prompt is back within seconds, the lab intact.
    typeText("exec A sleep 30");
    keys("Enter");
    const pidsInA = () => execFileSync("ip", ["netns", "pids", `${prefix}-A`], { encoding: "utf8" }).trim();
    await until(pidsInA, (pids) => pids !== "", "the exec running in A");
    keys("C-c");
    await waitText("interrupted: only the command was stopped", 5000);
    await waitFor((s) => lastLine(s) === prompt.trimEnd(), "the prompt back", 5000);
    // Stopped, not finished: the sleep had 29 s to go, and nothing runs in A any more.
    expect(pidsInA()).toBe("");
    expect(mine().sort()).toEqual([`${prefix}-A`, `${prefix}-B`]);

    // Ctrl-D leaves: the screen says what went, and it is gone.
    keys("C-d");
    const end = await waitText("EXIT=", 10000);
    expect(end).toContain(`removed lab '${prefix}': ${prefix}-A, ${prefix}-B`);
    expect(end).toContain("EXIT=0");
    expect(mine()).toEqual([]);
    expect(readFileSync(history, "utf8").split("\n").slice(0, 2)).toEqual([
      "exec A sleep 30",
      "addr A:eth0 10.0.5.1/24",
    ]);
  });
});
