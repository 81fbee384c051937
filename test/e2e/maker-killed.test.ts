// The namespace maker SIGKILLed halfway through its batch (runtime/netns-batch.ts): it reports no line, but
// the namespaces it made are in the lab's journal, and the change's rollback takes them back. Before, a
// report that named no line meant "nothing was done": those namespaces stayed, the lab's record did not
// list them, and `netl down` left them behind.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Executor } from "../../src/runtime/executor.js";
import { runNetnsAdds } from "../../src/runtime/netns-batch.js";
import { netnsArgv } from "../../src/runtime/netns-helper.js";
import { readJournal } from "../../src/runtime/netns-journal.js";
import type { PlannedLine } from "../../src/runtime/stages.js";
import { isRoot, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-maker-killed-");
const P = testPrefix("mkil");
const perl = netnsArgv(false, "/nonexistent") !== undefined;
/** Above Linux's largest pid_max: never a running process. */
const DEAD_PID = 4_194_305;
const mine = () => netnsList().filter((n) => n.startsWith(`${P}-`));

afterAll(() => {
  for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
});

describe.runIf(perl && isRoot)("a namespace maker killed halfway", () => {
  it("its namespaces are rolled back: nothing is left, before or after netl down", async () => {
    const dir = temp();
    const real = execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim();
    // The maker (its journal, LAB.made, last on its command line) reads MAKER_LINES lines, makes what
    // they say, and is then killed; every other perl runs as it is.
    writeFileSync(
      join(dir, "perl"),
      `#!/bin/sh\ncase "$*" in *.made)\n  head -n "$MAKER_LINES" | ${real} "$@"\n  kill -9 $$;;\nesac\nexec ${real} "$@"\n`,
    );
    chmodSync(join(dir, "perl"), 0o755);
    const runDir = join(dir, "run");
    const env = { PATH: `${dir}:${process.env.PATH}`, NETL_RUN_DIR: runDir, MAKER_LINES: "4" };
    const script = join(dir, "six.netl");
    writeFileSync(script, "ns a b c d e f\nlink a <-> b 10.0.1.0/24\n");
    const r = await netl(["run", "--prefix", P, "--lab", P, script], { env });
    expect(r.exitCode, r.stderr).not.toBe(0);
    expect(r.stderr).toContain("ns a b c d e f");
    expect(mine()).toEqual([]);
    const down = await netl(["down", P], { env });
    expect(down.exitCode, down.stderr).not.toBe(0); // no such lab: nothing was left up
    expect(mine()).toEqual([]);
    expect(existsSync(runDir) ? readdirSync(runDir) : []).toEqual([]);
  });

  it("killed with netl between a name's file and its mount: netl down removes that empty file", async () => {
    const runDir = join(temp(), "run");
    mkdirSync(runDir);
    const lab = `${P}-lab`;
    const name = `${P}-z`;
    // What the two leave: the record written before the batch, the maker's begun line, the empty file.
    writeFileSync(
      join(runDir, `${lab}.json`),
      `${JSON.stringify({ version: 2, lab, pid: DEAD_PID, updated: new Date().toISOString(), namespaces: [] })}\n`,
    );
    writeFileSync(join(runDir, `${lab}.made`), `${name} -\n`);
    writeFileSync(`/run/netns/${name}`, "");
    const down = await netl(["down", lab], { env: { NETL_RUN_DIR: runDir } });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(existsSync(`/run/netns/${name}`)).toBe(false);
    expect(readdirSync(runDir)).toEqual([]);
  });

  it("killed between a namespace's mount and its line: the namespace is journaled by what is there, and done", async () => {
    const dir = temp();
    const name = `${P}-x`;
    execFileSync("ip", ["netns", "add", name]); // as the maker binds it, before its line
    const journal = { path: join(dir, "l.made"), netnsDir: "/run/netns" };
    const exec = {
      netns: (_force: boolean, path: string) => ["perl", "-e", "maker", path],
      run: async () => {
        writeFileSync(journal.path, `${name} -\n`);
        return { exitCode: 137, stdout: "", stderr: "" };
      },
    } as unknown as Executor;
    const line = {
      step: { line: ["netns", "add", name], command: ["ip", "netns", "add", name], tool: "netns" },
      ops: [0],
    } as unknown as PlannedLine;
    const r = await runNetnsAdds(exec, [line], false, journal);
    expect(r.done).toEqual([0]);
    const ino = lstatSync(`/run/netns/${name}`).ino;
    expect(readJournal(journal.path).map((n) => [n.name, n.ino])).toEqual([[name, ino]]);
    execFileSync("ip", ["netns", "del", name]);
  });
});
