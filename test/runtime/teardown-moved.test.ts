// Issue 18 #3, the REPL's teardown: a namespace still holding a moved interface that could not go home
// is never deleted (a veth would be destroyed with it, a physical interface sent back bare). On the line
// kernel, with the machine's `eth5` moved into A: the move home is refused, and teardown keeps A (and
// the record of it and of eth5, for `netl down`), says why, and removes the rest. A control lets the
// move through: then A goes.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import type { ExecResult, RunOptions } from "../../src/runtime/executor.js";
import { readRecord } from "../../src/runtime/lab-record.js";
import { LineKernel, MACHINE } from "../support/line-kernel.js";
import { type LineHook, RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-tdm-");

/** The line kernel, and the machine's `eth5` as `ip -j` reads it (for the move's check). */
class Machine extends RecordingExecutor {
  override async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    const text = argv.join(" ");
    const answer = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
    if (text === "ip -j addr show") return answer(JSON.stringify([{ ifname: "eth5", mtu: 1500, flags: [] }]));
    if (text.startsWith("ip -j -")) return answer("[]");
    return super.run(argv, options);
  }
}

function open(refuse: LineHook) {
  const base = tempDir();
  const dirs = { runDir: join(base, "run"), netnsDir: join(base, "netns"), sysNetDir: join(base, "net") };
  for (const d of Object.values(dirs)) mkdirSync(d);
  const kernel = new LineKernel();
  kernel.facts.set(`${MACHINE}/if eth5`, "down");
  const notes: string[] = [];
  const executor = new Machine((ctx) => {
    const refused = refuse(ctx);
    if (refused !== undefined) return refused;
    // `netns add/del` also make and remove the name under netnsDir, as ip does.
    const error = kernel.apply(ctx.ns, ctx.line);
    const [verb, op, name] = ctx.line.split(" ");
    if (error === undefined && verb === "netns" && op === "add") writeFileSync(join(dirs.netnsDir, name as string), "");
    if (error === undefined && verb === "netns" && op === "del") rmSync(join(dirs.netnsDir, name as string));
    return error;
  });
  const d = Driver.open({ lab: "t", prefix: "t", executor, ...dirs, onNote: (l) => notes.push(l) });
  if (!d.ok) throw new Error(d.error.message);
  return { driver: d.value, kernel, runDir: dirs.runDir, notes };
}

async function ok(driver: Driver, text: string) {
  const r = await driver.execute(parse(text).program.statements[0] as Statement, text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
}

describe("teardown with a moved interface that cannot go home", () => {
  it("keeps its namespace and the record of both; says why", async () => {
    const { driver, kernel, runDir } = open(({ line }) =>
      line === "link set eth5 netns 1"
        ? "Error: An interface with the same name exists in the target netns."
        : undefined,
    );
    for (const text of ["ns A B", "move eth5 -> A"]) await ok(driver, text);
    const closed = await driver.close(false);
    expect(closed.removed).toEqual(["t-B"]);
    expect(closed.failures).toEqual([
      "eth5 not given back, so namespace t-A stays: ip -n t-A link set eth5 netns 1 (kernel said: Error: An interface with the same name exists in the target netns.)",
    ]);
    expect(kernel.facts.has("t-A/ns")).toBe(true);
    expect(kernel.facts.has("t-A/if eth5")).toBe(true);
    const record = readRecord(runDir, "t");
    expect(record?.namespaces.map((n) => n.name)).toEqual(["t-A"]);
    expect(record?.moved?.map((m) => [m.ifname, m.netns])).toEqual([["eth5", "t-A"]]);
  });

  it("control: the move goes through, and A goes after it", async () => {
    const { driver, kernel, runDir } = open(() => undefined);
    for (const text of ["ns A B", "move eth5 -> A"]) await ok(driver, text);
    const closed = await driver.close(false);
    expect(closed).toEqual({ removed: ["t-A", "t-B"], failures: [] });
    expect(kernel.facts.has("t-A/ns")).toBe(false);
    expect(kernel.facts.has(`${MACHINE}/if eth5`)).toBe(true);
    expect(readRecord(runDir, "t")).toBeUndefined();
  });
});
