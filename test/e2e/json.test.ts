// `--json` on netl test, run and ls, against the real kernel: every line of standard output is one JSON
// document with the fields docs/JSON.md names, and the exit codes are those of the text output.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-json-");

const prefix = testPrefix("json");
const dir = tempDir();
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));

type Line = { kind: string; [key: string]: unknown };
/** Standard output as JSON Lines: each line must parse on its own. */
const lines = (stdout: string): Line[] =>
  stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Line);

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.runIf(kernelTestsEnabled("json.test.ts"))("--json", () => {
  afterAll(async () => {
    await netl(["down", `${prefix}-up`]);
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("test: one object per statement, then a result with every expect and the totals; exit 1 for a failed expect", async () => {
    const file = script(
      "lab.netl",
      [
        "ns A B C",
        "link A <-> B 10.0.0.0/24",
        "ping A B",
        "expect ping A B",
        "expect ping A C   # C has no address: fails",
        "show",
        "show A",
        "pingall",
        "exec A echo hi # in the command",
      ].join("\n"),
    );
    const r = await netl(["test", "--json", "--prefix", prefix, file]);
    expect(r.exitCode).toBe(1);
    const out = lines(r.stdout);
    expect(out.map((l) => l.kind)).toEqual([
      "change",
      "change",
      "ping",
      "expect",
      "expect",
      "show",
      "show",
      "pingall",
      "exec",
      "result",
      "summary",
    ]);
    const [ns, , ping, pass, failed, show, showA, pingall, exec, result, summary] = out;
    expect(ns).toEqual({
      kind: "change",
      file,
      line: 1,
      statement: "ns A B C",
      summary: ["+ ns A", "+ ns B", "+ ns C"],
    });
    expect(ping).toMatchObject({ kind: "ping", line: 3, ok: true, from: "A", to: "B", address: "10.0.0.2" });
    expect(ping?.rttMs).toBeTypeOf("number");
    expect(pass).toMatchObject({ line: 4, statement: "expect ping A B", passed: true });
    expect(failed).toMatchObject({ line: 5, statement: "expect ping A C", passed: false });
    expect(failed?.text).toBe("A -> C: failed (C has no address)");
    const labJson = show?.lab as { nodes: { name: string; interfaces: { name: string; addresses: string[] }[] }[] };
    expect(labJson.nodes.map((n) => n.name)).toEqual(["A", "B", "C"]);
    expect(labJson.nodes[0]?.interfaces.find((i) => i.name === "eth0")?.addresses).toEqual(["10.0.0.1/24"]);
    expect(show?.links).toBeUndefined();
    expect((show as Line).lab).toMatchObject({ links: [{ id: 1, a: "A:eth0", b: "B:eth0" }] });
    expect(showA).toMatchObject({ node: "A", model: { name: "A", kind: "ns" } });
    expect(showA?.kernel).toContain("10.0.0.1/24");
    // C has no address: every ping to it or from it is lost.
    expect(pingall).toMatchObject({ kind: "pingall", lost: 4, total: 6, dropRate: 67 });
    expect(((pingall as Line).rows as { from: string }[]).map((row) => row.from)).toEqual(["A", "B", "C"]);
    expect(exec).toMatchObject({ exitCode: 0, output: "hi\n" });
    expect(result).toEqual({
      kind: "result",
      file,
      // With --prefix P and no --lab, the lab is P-FILE: a lab of its own.
      lab: `${prefix}-lab`,
      passed: 1,
      failed: 1,
      expects: [
        { line: 4, statement: "expect ping A B", passed: true, text: expect.stringMatching(/^A -> 10\.0\.0\.2: ok/) },
        { line: 5, statement: "expect ping A C", passed: false, text: "A -> C: failed (C has no address)" },
      ],
      stopped: false,
      interrupted: false,
      up: false,
      teardownFailures: [],
      exitCode: 1,
    });
    expect(summary).toEqual({ kind: "summary", files: 1, passed: 1, failed: 1, exitCode: 1 });
    expect(mine()).toEqual([]);
  });

  it("test with several files: an error record where a file does not parse, exit 2, and the summary of all", async () => {
    const good = script("good.netl", "ns A B\nlink A <-> B 10.0.1.0/24\nexpect ping B A\n");
    const bad = script("bad.netl", "ns A\nlink A <-> B 10.0.0.0/24\n");
    const r = await netl(["test", "--json", "--prefix", prefix, good, bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown node 'B'");
    const out = lines(r.stdout);
    expect(out.filter((l) => l.kind === "result").map((l) => [l.file, l.passed, l.exitCode])).toEqual([
      [good, 1, 0],
      [bad, 0, 2],
    ]);
    expect(out.find((l) => l.kind === "error")).toEqual({
      kind: "error",
      file: bad,
      line: 2,
      column: 12,
      phase: "check",
      code: "unknown-node",
      message: "unknown node 'B'",
      hint: "create it first: ns B",
      failed: null,
    });
    expect(out.at(-1)).toEqual({ kind: "summary", files: 2, passed: 1, failed: 0, exitCode: 2 });
  });

  it("run leaves the lab up (result.up), ls --json lists it with its namespaces, a refused statement is an error record", async () => {
    const lab = `${prefix}-up`;
    const file = script("up.netl", "ns A B\nlink A <-> B 10.0.2.0/24\n");
    const r = await netl(["run", "--json", "--explain", "--prefix", prefix, "--lab", lab, file]);
    expect(r.exitCode).toBe(0);
    const out = lines(r.stdout);
    expect(out.find((l) => l.kind === "command")?.argv).toEqual(["ip", "netns", "add", `${prefix}-A`]);
    expect(out.at(-1)).toMatchObject({ kind: "result", lab, up: true, exitCode: 0, stopped: false });

    execFileSync("ip", ["netns", "del", `${prefix}-B`]);
    const ls = await netl(["ls", "--json"]);
    expect(ls.exitCode).toBe(0);
    const labs = JSON.parse(ls.stdout) as { lab: string }[];
    expect(labs.find((l) => l.lab === lab)).toEqual({
      lab,
      prefix,
      pid: expect.any(Number),
      alive: false,
      updated: expect.any(String),
      namespaces: [`${prefix}-A`, `${prefix}-B`],
      present: [`${prefix}-A`],
      missing: [`${prefix}-B`],
      notTheLabs: [],
      hostInterfaces: [],
      moved: [],
      state: "partial",
      nodes: [
        expect.objectContaining({ name: "A", kind: "ns", namespace: `${prefix}-A`, state: "up" }),
        expect.objectContaining({ name: "B", kind: "ns", namespace: `${prefix}-B`, state: "gone" }),
      ],
      links: [expect.objectContaining({ a: expect.objectContaining({ node: "A", interface: "eth0" }) })],
    });
    expect((await netl(["down", lab])).exitCode).toBe(0);

    // A namespace of that name exists and is not the lab's: refused when the statement runs.
    execFileSync("ip", ["netns", "add", `${prefix}-Z`]);
    const refused = await netl(["run", "--json", "--down", "--prefix", prefix, script("z.netl", "ns A\nns Z\n")]);
    execFileSync("ip", ["netns", "del", `${prefix}-Z`]);
    expect(refused.exitCode).toBe(1);
    const rl = lines(refused.stdout);
    expect(rl.map((l) => l.kind)).toEqual(["change", "error", "result"]);
    expect(rl[1]).toMatchObject({ kind: "error", line: 2, column: expect.any(Number), code: expect.any(String) });
    expect(rl[2]).toMatchObject({ stopped: true, up: false, exitCode: 1 });
    expect(mine()).toEqual([]);
  });
});
