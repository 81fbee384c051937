// The driver answers what needs no kernel itself and folds a block into one undo step; the Session it
// drives is only ever handed transitions (on a recording fake kernel).
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { historyLines } from "../../src/interpreter/timeline.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-driver-");

function open() {
  const dir = tempDir();
  const paths = { runDir: join(dir, "run"), netnsDir: join(dir, "netns"), sysNetDir: join(dir, "net") };
  for (const p of Object.values(paths)) mkdirSync(p);
  const executor = new RecordingExecutor();
  const commands: string[] = [];
  const opened = Driver.open({ lab: "d", executor, ...paths, onCommand: (argv) => commands.push(argv.join(" ")) });
  if (!opened.ok) throw new Error(opened.error.message);
  const driver = opened.value;
  const run = async (text: string) => {
    const [stmt] = parse(text).program.statements;
    if (stmt === undefined) throw new Error(`cannot parse: ${text}`);
    const r = await driver.execute(stmt, text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    return r.value;
  };
  return { driver, executor, commands, run, dir };
}

describe("the driver", () => {
  it("answers help, history, explain and save without one kernel command", async () => {
    const { executor, run, dir } = open();
    const file = join(dir, "saved.netl");
    // help is worded when printed, in the reader's language.
    expect(await run("help")).toEqual({ kind: "help" });
    for (const text of ["history", "explain on", "explain off"]) expect((await run(text)).kind).toBe("text");
    expect(await run(`save "${file}"`)).toEqual({ kind: "text", text: `saved 0 nodes and 0 links to ${file}` });
    expect(executor.calls).toEqual([]);
    expect(readFileSync(file, "utf8")).not.toBe("");
  });

  it("hands kernel commands on only while explain is on", async () => {
    const { commands, run } = open();
    await run("ns A");
    expect(commands).toEqual([]);
    await run("explain on");
    await run("ns B");
    expect(commands.some((c) => c.includes("netns add B"))).toBe(true);
    const seen = commands.length;
    await run("explain off");
    await run("ns C");
    expect(commands.length).toBe(seen);
  });

  it("folds a for block into one undo step, and one undo takes all of it back", async () => {
    const { driver, run } = open();
    await run("ns A");
    const outcome = await run("for i in 1..3 { ns h{i} }");
    expect(outcome.kind === "load" && outcome.steps.map((s) => s.text)).toEqual(["ns h1", "ns h2", "ns h3"]);
    expect(historyLines(driver.timeline)).toEqual(["  1  ns A", "  2  for i in 1..3 { ns h{i} }"]);
    await run("undo");
    expect([...driver.world.nodes.keys()]).toEqual(["A"]);
  });

  it("takes a block back whole when a statement in it is refused", async () => {
    const { driver, executor, run } = open();
    const [stmt] = parse("for i in 1..3 { ns h{i}; ns h1 }").program.statements;
    if (stmt === undefined) throw new Error("cannot parse");
    const r = await driver.execute(stmt, "");
    expect(r.ok).toBe(false);
    expect(driver.world.nodes.size).toBe(0);
    expect(executor.done.filter((l) => l.includes("netns del h1"))).toHaveLength(1);
    await run("ns h1");
    expect([...driver.world.nodes.keys()]).toEqual(["h1"]);
  });
});
