// A namespace maker that ends without reporting a line (SIGKILLed; runtime/netns-batch.ts): what its journal
// says it made and its name still holds counts as done, so the change's rollback takes it back; a name
// that holds the very file the maker gave it (killed before its mount) has that empty file removed, and
// any other file there is left. No root: the maker is a stand-in that writes the journal and the files a
// killed one leaves, a namespace standing in as a file whose identity the journal gives.
import { existsSync, lstatSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Step } from "../../src/interpreter/ops/step.js";
import type { ExecResult, Executor } from "../../src/runtime/executor.js";
import { runNetnsAdds } from "../../src/runtime/netns-batch.js";
import type { PlannedLine } from "../../src/runtime/stages.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-maker-killed-");

const add = (name: string, op: number): PlannedLine => ({
  step: { line: ["netns", "add", name], command: ["ip", "netns", "add", name], tool: "netns" } as unknown as Step,
  ops: [op],
});

/** What a killed maker leaves at a name: its namespace, the empty file it gave the name, or another file. */
type Left = "namespace" | "its file" | "another file" | "nothing";

/**
 * An executor whose maker journals each name of `left` as it does (before the name holds anything), leaves
 * at it what `left` says, and dies by SIGKILL, saying nothing.
 */
function killedMaker(netnsDir: string, journal: string, left: Record<string, Left>): Executor {
  return {
    netns: (_force, path) => ["perl", "-e", "maker", path],
    run: async (): Promise<ExecResult> => {
      const lines: string[] = [];
      for (const [name, what] of Object.entries(left)) {
        const at = join(netnsDir, name);
        // The name's file as the maker makes it: here, one made aside and known by its inode.
        const aside = join(netnsDir, `.${name}`);
        writeFileSync(aside, "");
        const file = lstatSync(aside);
        if (what === "namespace") writeFileSync(at, "a namespace\n");
        if (what === "its file") writeFileSync(at, "");
        if (what === "another file") writeFileSync(at, "");
        const ns = what === "namespace" ? lstatSync(at) : { dev: 4, ino: 4026532000, ctimeMs: 17 };
        const born = Math.round(ns.ctimeMs * 1000);
        lines.push(
          `${name} ${ns.dev} ${ns.ino} ${born} ${file.dev} ${what === "its file" ? lstatSync(at).ino : file.ino}`,
        );
      }
      writeFileSync(journal, `${lines.join("\n")}\n`);
      return { exitCode: 137, stdout: "", stderr: "" };
    },
  } as Executor;
}

describe("a namespace maker killed halfway", () => {
  it("counts what it made as done, and removes the empty file of a name it had not bound", async () => {
    const dir = temp();
    const netnsDir = join(dir, "netns");
    mkdirSync(netnsDir);
    const journal = { path: join(dir, "l.made"), netnsDir };
    const lines = [add("p-a", 0), add("p-b", 1), add("p-c", 2), add("p-d", 3)];
    const exec = killedMaker(netnsDir, journal.path, { "p-a": "namespace", "p-b": "its file", "p-c": "nothing" });
    const r = await runNetnsAdds(exec, lines, false, journal);
    expect(r.done).toEqual([0]);
    expect(r.failures).toHaveLength(1);
    expect(existsSync(join(netnsDir, "p-a"))).toBe(true);
    expect(existsSync(join(netnsDir, "p-b"))).toBe(false);
  });

  it("leaves an empty file at a name that is not the one the maker gave it", async () => {
    const dir = temp();
    const netnsDir = join(dir, "netns");
    mkdirSync(netnsDir);
    const journal = { path: join(dir, "l.made"), netnsDir };
    const exec = killedMaker(netnsDir, journal.path, { "p-a": "another file", "p-b": "its file" });
    const r = await runNetnsAdds(exec, [add("p-a", 0), add("p-b", 1)], false, journal);
    expect(r.done).toEqual([]);
    expect(existsSync(join(netnsDir, "p-a"))).toBe(true);
    expect(existsSync(join(netnsDir, "p-b"))).toBe(false);
  });
});
