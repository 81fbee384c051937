// The REPL without a terminal: statements run in order, each result printed, errors with a caret,
// no prompts; exit 1 after any failure; the lab goes at EOF unless kept. A fake kernel throughout.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { pipe, startRepl } from "./harness.js";

describe("piped input", () => {
  it("runs each statement in order and prints what it did, then removes the lab", async () => {
    const { code, out } = await pipe("ns A B\nlink A <-> B 10.0.0.0/24\nundo\nredo\nhistory\n");
    expect(out).toBe(
      [
        "+ ns A",
        "+ ns B",
        "+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
        "undo link A <-> B 10.0.0.0/24",
        "- link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
        "redo link A <-> B 10.0.0.0/24",
        "+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
        "  1  ns A B",
        "  2  link A <-> B 10.0.0.0/24",
        "removed lab 'lab': A, B",
        "",
      ].join("\n"),
    );
    expect(code).toBe(0);
  });

  it("runs strictly one entry after another even when the input arrives at once", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `ns N${i}`);
    const { code, out } = await pipe(`${lines.join("\n")}\nundo 30\n`);
    expect(code).toBe(0);
    const added = out.split("\n").filter((l) => l.startsWith("+ ns"));
    expect(added).toEqual(lines.map((l) => `+ ${l}`));
    expect(out).toContain("lab 'lab' was empty; nothing to remove");
  });

  it("shows an error with the input's line and a caret, goes on, and exits 1", async () => {
    const h = startRepl();
    h.type("ns A", "link A <-> B 10.0.0.0/24", "ns B");
    h.end();
    expect(await h.exit).toBe(1);
    expect(h.screen()).toBe(
      [
        "+ ns A",
        "<repl>:2:12: error: unknown node 'B'",
        "  link A <-> B 10.0.0.0/24",
        "             ^",
        "  hint: create it first: ns B",
        "+ ns B",
        "removed lab 'lab': A, B",
        "",
      ].join("\n"),
    );
  });

  it("an entry with a mistake anywhere runs nothing: the lab is as before", async () => {
    const h = startRepl();
    h.type("ns A", "ns B; ns A");
    h.end();
    expect(await h.exit).toBe(1);
    expect(h.screen()).toContain("<repl>:2:10: error: node 'A' already exists");
    expect(h.screen()).not.toContain("+ ns B");
    expect(h.screen()).toContain("removed lab 'lab': A\n");
  });

  it("a syntax error is shown with its caret and changes nothing", async () => {
    const executor = new RecordingExecutor();
    const { code, out } = await pipe("link A <->\n", { executor });
    expect(code).toBe(1);
    expect(out).toMatch(/^<repl>:1:\d+: error: .+\n {2}link A <->\n {2}\s*\^+\n/);
    expect(executor.calls).toEqual([]);
  });

  it("a failed expect makes the exit status 1", async () => {
    const { code, out } = await pipe("ns A B\nlink A <-> B 10.0.0.0/24\nexpect ping A B\n");
    expect(out).toContain("✗ expect ping A B");
    expect(code).toBe(1);
  });

  it("`undo` with nothing to undo is a message, not a failure", async () => {
    const { code, out } = await pipe("undo\n");
    expect(out).toContain("nothing to undo");
    expect(code).toBe(0);
  });

  it("`exit` leaves at once: what follows is not run", async () => {
    const { code, out } = await pipe("ns A\nexit\nns B\n");
    expect(code).toBe(0);
    expect(out).toBe("+ ns A\nremoved lab 'lab': A\n");
  });

  it("--keep leaves the lab up and says how to remove it", async () => {
    const h = startRepl({ keep: true });
    h.type("ns A");
    h.end();
    expect(await h.exit).toBe(0);
    expect(h.screen()).toContain(
      "lab 'lab' is up (1 node); remove it with: netl down lab; work in it again with: netl attach lab",
    );
    expect(existsSync(join(h.runDir, "lab.json"))).toBe(true);
  });

  it("an entry still open at the end of input is an error, not silently dropped", async () => {
    const { code, out } = await pipe('ns A\nsave "lab\n');
    expect(out).toContain("<repl>:2:6: error: unclosed string");
    expect(code).toBe(1);
  });

  it("a multi-line entry is one entry: later lines keep their line numbers", async () => {
    const { out } = await pipe('save "a\nb"\nns A\nlink A <-> B\n');
    expect(out).toMatch(/^<repl>:1:6: error: /);
    expect(out).toContain("<repl>:4:12: error: unknown node 'B'");
  });

  it("Ctrl-C (SIGINT) with piped input stops the run, removes the lab and exits 130", async () => {
    const h = startRepl();
    h.type("ns A");
    await h.waitFor("+ ns A");
    h.sigint();
    expect(await h.exit).toBe(130);
    expect(h.screen()).toContain("removed lab 'lab': A");
  });

  it("-i FILE: the file runs first, then the entries", async () => {
    const text = "ns A B\nlink A <-> B 10.0.0.0/24\n";
    const file = { source: { name: "two.netl", text }, program: parse(text).program };
    const h = startRepl({ file });
    h.type("show");
    h.end();
    expect(await h.exit).toBe(0);
    expect(h.screen()).toBe(
      [
        "+ ns A",
        "+ ns B",
        "+ link A:eth0 10.0.0.1/24 <-> B:eth0 10.0.0.2/24",
        "nodes:",
        "  A  ns      eth0 10.0.0.1/24",
        "  B  ns      eth0 10.0.0.2/24",
        "links:",
        "  A:eth0 <-> B:eth0",
        "removed lab 'lab': A, B",
        "",
      ].join("\n"),
    );
  });

  it("-i FILE that fails at a statement: the error names the file, the REPL still starts", async () => {
    const text = "ns A\nns B\n";
    const executor = new RecordingExecutor(({ line }) => (line.includes("netns add B") ? "File exists" : undefined));
    const file = { source: { name: "f.netl", text }, program: parse(text).program };
    const h = startRepl({ file, executor });
    h.type("ns C");
    h.end();
    expect(await h.exit).toBe(1);
    expect(h.screen()).toContain("f.netl:2:1: error: the kernel refused");
    expect(h.screen()).toContain("+ ns C");
  });
});
