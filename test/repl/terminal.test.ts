// The REPL at a (fake) terminal: prompt, Ctrl-C in its three meanings, Ctrl-D, history file,
// more lines for an open string. Input is raw keys, as a terminal in raw mode sends them.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExecResult, Executor, RunOptions } from "../../src/runtime/executor.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { Gate, GatedExecutor, startRepl, tempDir } from "./harness.js";

const PROMPT = "netl:lab> ";
const CTRL_C = "\x03";
const CTRL_D = "\x04";
const UP = "\x1b[A";

/** `exec` runs until aborted; everything else is accepted at once. */
class HangingExec implements Executor {
  readonly inner = new RecordingExecutor();
  /** Reached once an exec runs (it never passes: it ends only when aborted). */
  readonly exec = new Gate();
  aborted = 0;

  run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    if (!argv.includes("sh")) return this.inner.run(argv, options);
    void this.exec.pass();
    return new Promise((resolve) => {
      options.signal?.addEventListener("abort", () => {
        this.aborted++;
        resolve({ exitCode: 130, stdout: "", stderr: "" });
      });
    });
  }
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("at a terminal", () => {
  it("shows the prompt with the lab name and what each statement did", async () => {
    const h = startRepl({ terminal: true });
    await h.waitFor(PROMPT);
    h.send("ns A B\r");
    await h.waitFor("+ ns B");
    await h.waitFor(PROMPT, { from: h.screen().indexOf("+ ns B") });
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
    expect(h.screen()).toContain("removed lab 'lab': A, B");
  });

  it("a failed statement does not change the exit status of an interactive session", async () => {
    const h = startRepl({ terminal: true });
    h.send("ping A B\r");
    await h.waitFor("<repl>:1:6: error: unknown node 'A'");
    h.send("exit\r");
    expect(await h.exit).toBe(0);
  });

  it("Ctrl-C on an empty line warns and stays; on a typed line clears it", async () => {
    const h = startRepl({ terminal: true });
    await h.waitFor(PROMPT);
    h.send(CTRL_C);
    await h.waitFor("(press Ctrl-D or type exit to leave; the lab is removed)");
    h.send("ns X");
    h.send(CTRL_C);
    h.send("ns A\r");
    await h.waitFor("+ ns A");
    expect(h.screen()).not.toContain("+ ns X");
    expect(h.screen()).not.toContain("ns Xns A");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
    expect(h.screen()).toContain("removed lab 'lab': A\n");
  });

  it("Ctrl-C during a change rolls it back and returns to the prompt", async () => {
    const executor = new GatedExecutor();
    const h = startRepl({ terminal: true, executor });
    h.send("ns A B\r");
    await executor.gate.reached;
    const from = h.screen().length;
    await h.press(CTRL_C);
    // The batch in flight finishes (a change stops between its stages), then all of it is rolled back.
    executor.gate.open();
    await h.waitFor("<repl>:1:1: error: interrupted", { from });
    await h.waitFor(PROMPT, { from });
    expect(h.driver.world.nodes.size).toBe(0);
    // What got in was taken out again.
    expect(executor.inner.done.some((l) => l.includes("netns del A"))).toBe(true);
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
    expect(h.screen()).toContain("lab 'lab' was empty; nothing to remove");
  });

  it("Ctrl-C during exec stops only the command; the lab stays", async () => {
    const executor = new HangingExec();
    const h = startRepl({ terminal: true, executor });
    h.send("ns A\r");
    await h.waitFor("+ ns A");
    h.send("exec A sleep 30\r");
    await executor.exec.reached;
    h.send(CTRL_C);
    await h.waitFor("interrupted: only the command was stopped; the lab is as it was");
    expect(executor.aborted).toBe(1);
    expect([...h.driver.world.nodes.keys()]).toEqual(["A"]);
    h.send("ns B\r");
    await h.waitFor("+ ns B");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
  });

  it("a SIGINT from outside while a statement runs aborts it too", async () => {
    const executor = new HangingExec();
    const h = startRepl({ terminal: true, executor });
    h.send("ns A; exec A sleep 30\r");
    await executor.exec.reached;
    h.sigint();
    await h.waitFor("exec A: exit status 130");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
  });

  for (const [signal, code] of [
    ["SIGHUP", 129],
    ["SIGTERM", 143],
    ["SIGPIPE", 141],
  ] as const)
    it(`${signal} aborts the statement in flight, still removes the lab, and exits ${code} (128 + its number)`, async () => {
      const executor = new HangingExec();
      const h = startRepl({ terminal: true, executor });
      h.send("ns A; exec A sleep 30\r");
      await executor.exec.reached;
      h.hangup(signal);
      expect(await h.exit).toBe(code);
      expect(executor.aborted).toBe(1);
      expect(h.screen()).toContain("removed lab 'lab': A");
    });

  it("asks for more lines while a string is open, with an aligned continuation prompt", async () => {
    const h = startRepl({ terminal: true });
    h.send('save "a\r');
    await h.waitFor("      ... ");
    h.send(CTRL_C);
    h.send("ns A\r");
    await h.waitFor("+ ns A");
    expect(h.screen()).not.toContain("unclosed string");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
  });

  it("keeps the history in the NETL_HISTORY file, and reads it back next time", async () => {
    const file = join(tempDir(), "history");
    writeFileSync(file, "show\n");
    const h = startRepl({ terminal: true, historyFile: file });
    await h.waitFor(PROMPT);
    // node:repl holds the input while it loads the file: the up arrow is read once the history is in.
    h.send(UP);
    await h.waitFor(`${PROMPT}show`);
    h.send("\r");
    await h.waitFor("the lab is empty");
    h.send("ns A\r");
    await h.waitFor("+ ns A");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
    await until(() => readFileSync(file, "utf8").startsWith("ns A\n"));
    expect(readFileSync(file, "utf8")).toBe("ns A\nshow\n");
  });

  it("Tab completes from the REPL's completer", async () => {
    const h = startRepl({ terminal: true });
    h.send("ns Alpha\r");
    await h.waitFor("+ ns Alpha");
    const from = h.screen().length;
    h.send("show Al\t");
    await h.waitFor("show Alpha", { from });
    h.send("\r");
    h.send(CTRL_D);
    expect(await h.exit).toBe(0);
  });
});
