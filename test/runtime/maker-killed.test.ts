// A namespace maker that ends without reporting a line (SIGKILLed; runtime/netns-batch.ts): what its journal
// says it made counts as done, so the change's rollback takes it back; a name it had begun ("NAME -", its
// file made and not yet bound) is that empty file, removed, and only while it is one. No root: the
// maker is a stand-in that writes the journal and the files a killed one leaves.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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

/** An executor whose maker leaves `journal` and `files` (in `netnsDir`) and dies by SIGKILL, saying nothing. */
function killedMaker(netnsDir: string, journal: string, files: Record<string, string>): Executor {
  return {
    netns: (_force, path) => ["perl", "-e", "maker", path],
    run: async (): Promise<ExecResult> => {
      writeFileSync(journal, files.journal ?? "");
      for (const [name, content] of Object.entries(files))
        if (name !== "journal") writeFileSync(join(netnsDir, name), content);
      return { exitCode: 137, stdout: "", stderr: "" };
    },
  } as Executor;
}

describe("a namespace maker killed halfway", () => {
  it("counts what it made as done, and removes the empty file of a name it had begun", async () => {
    const dir = temp();
    const netnsDir = join(dir, "netns");
    mkdirSync(netnsDir);
    const journal = { path: join(dir, "l.made"), netnsDir };
    const lines = [add("p-a", 0), add("p-b", 1), add("p-c", 2)];
    const exec = killedMaker(netnsDir, journal.path, { journal: "p-a -\np-a 4 100 17\np-b -\n", "p-b": "" });
    const r = await runNetnsAdds(exec, lines, false, journal);
    expect(r.done).toEqual([0]);
    expect(r.failures).toHaveLength(1);
    expect(existsSync(join(netnsDir, "p-b"))).toBe(false);
  });

  it("leaves a begun name's file that is not empty: it is not what the maker left", async () => {
    const dir = temp();
    const netnsDir = join(dir, "netns");
    mkdirSync(netnsDir);
    const journal = { path: join(dir, "l.made"), netnsDir };
    const exec = killedMaker(netnsDir, journal.path, { journal: "p-b -\n", "p-b": "someone's\n" });
    const r = await runNetnsAdds(exec, [add("p-a", 0), add("p-b", 1)], false, journal);
    expect(r.done).toEqual([]);
    expect(existsSync(join(netnsDir, "p-b"))).toBe(true);
  });
});
