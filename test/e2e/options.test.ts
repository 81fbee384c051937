// Options mean the same wherever they are written (`netl --prefix P plan f` = `netl plan --prefix P f`),
// and one written where it means nothing is an error (exit 2), never ignored; `netl help CMD` is
// `netl CMD --help`; a mistyped command gets "did you mean"; `--prefix P` alone gives a lab of its own,
// so one file runs twice side by side; colour is decided per stream. From the built bin, as users run it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-options-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const file = join(dir, "pair.netl");
writeFileSync(file, "ns A B\nlink A <-> B 10.0.0.0/24\nexpect ping A B\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The program's own options (before a command), each with a value when it takes one. */
const PROGRAM_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  "--rootless": [],
  "--prefix": ["p"],
  "--lab": ["l"],
  "--explain": [],
  "-i": [file],
  "--keep": [],
};

/** Every command, the words it needs, and which of the program's options it takes. */
const COMMANDS: Readonly<Record<string, { args: readonly string[]; takes: readonly string[] }>> = {
  run: { args: [file], takes: ["--rootless", "--prefix", "--lab", "--explain"] },
  test: { args: [file], takes: ["--rootless", "--prefix", "--lab", "--explain"] },
  tutorial: { args: ["--list"], takes: ["--rootless", "--prefix", "--lab"] },
  check: { args: [file], takes: [] },
  plan: { args: [file], takes: ["--prefix"] },
  graph: { args: [file], takes: [] },
  export: { args: ["--format", "sh", file], takes: ["--prefix"] },
  ls: { args: [], takes: ["--rootless"] },
  show: { args: ["nolab"], takes: [] },
  attach: { args: ["nolab"], takes: ["--explain"] },
  exec: { args: ["nolab", "A", "--", "true"], takes: [] },
  shell: { args: ["nolab", "A"], takes: [] },
  down: { args: ["nolab"], takes: ["--rootless"] },
  clean: { args: [], takes: ["--rootless"] },
};

describe("options before and after a command", () => {
  it("an option the command does not take is an error before it, exit 2, and nothing runs", async () => {
    const cases = Object.entries(COMMANDS).flatMap(([command, { args, takes }]) =>
      Object.entries(PROGRAM_OPTIONS)
        .filter(([option]) => !takes.includes(option))
        .map(([option, value]) => ({ command, argv: [option, ...value, command, ...args] })),
    );
    expect(cases.length).toBeGreaterThan(50);
    const results = await Promise.all(cases.map((c) => netl(c.argv, { env })));
    cases.forEach((c, i) => {
      const r = results[i];
      const flag = c.argv[0] === "-i" ? "--interactive" : c.argv[0];
      expect({ argv: c.argv, exitCode: r?.exitCode, stdout: r?.stdout }).toEqual({
        argv: c.argv,
        exitCode: 2,
        stdout: "",
      });
      expect(r?.stderr).toContain(`error: ${flag} has no meaning for 'netl ${c.command}'`);
    });
  });

  it("after the command, an option it does not take is an error too, exit 2", async () => {
    const cases = [
      ["check", "--prefix", "p", file],
      ["run", "--keep", file],
      ["plan", "--lab", "l", file],
      ["ls", "--prefix", "p"],
      ["attach", "--prefix", "p", "x"],
    ];
    for (const argv of cases) {
      const r = await netl(argv, { env });
      expect({ argv, exitCode: r.exitCode, stdout: r.stdout }).toEqual({ argv, exitCode: 2, stdout: "" });
      expect(r.stderr).toContain(`error: unknown option '${argv[1]}'`);
    }
  });

  it("the same option either side gives the same result", async () => {
    const pairs: [string[], string[]][] = [
      [
        ["--prefix", "p", "plan", file],
        ["plan", "--prefix", "p", file],
      ],
      [
        ["--prefix", "p", "export", "--format", "sh", file],
        ["export", "--format", "sh", "--prefix", "p", file],
      ],
      [
        ["--rootless", "ls"],
        ["ls", "--rootless"],
      ],
    ];
    for (const [before, after] of pairs) {
      const [a, b] = await Promise.all([netl(before, { env }), netl(after, { env })]);
      expect(a.exitCode, a.stderr).toBe(0);
      expect(a).toEqual(b);
    }
    const plan = await netl(["--prefix", "p", "plan", file]);
    expect(plan.stdout).toContain("ip netns add p-A");
    expect(plan.stdout).not.toContain("ip netns add A\n");
  });

  it("written both sides: the same value is one option, two values are refused", async () => {
    const same = await netl(["--prefix", "p", "plan", "--prefix", "p", file]);
    expect(same.exitCode).toBe(0);
    const two = await netl(["--prefix", "p", "plan", "--prefix", "q", file]);
    expect(two.exitCode).toBe(2);
    expect(two.stderr).toContain("error: --prefix is given twice, as p and as q");
    expect(two.stdout).toBe("");
  });

  it("a value refused by commander is quoted with its control bytes escaped, never raw", async () => {
    const r = await netl(["plan", "--prefix", "a\x1b[31mb\x07", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("argument 'a\\x1b[31mb\\x07' is invalid");
    for (const raw of ["\x1b", "\x07"]) expect(r.stderr).not.toContain(raw);
  });

  it("netl help COMMAND is netl COMMAND --help, for every command", async () => {
    for (const command of Object.keys(COMMANDS)) {
      const [help, flag] = await Promise.all([netl(["help", command]), netl([command, "--help"])]);
      expect(help.exitCode).toBe(0);
      expect(help).toEqual(flag);
      expect(help.stdout).toContain(`Usage: netl ${command}`);
    }
    const top = await netl(["help"]);
    expect(top.stdout).toContain("attach [options] <LAB>");
    expect(top.stdout).toContain("netl --prefix P run FILE = netl run --prefix P FILE");
  });

  it("a mistyped command gets did-you-mean; a script given alone is shown how to run it", async () => {
    const typo = await netl(["runn", file]);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("error: unknown command 'runn'; did you mean 'netl run'?");
    expect((await netl(["atach", "x"])).stderr).toContain("did you mean 'netl attach'?");
    const script = await netl([file]);
    expect(script.exitCode).toBe(2);
    expect(script.stderr).toContain(`to build its lab, netl run ${file} (or netl -i ${file} to stay in the REPL)`);
    const nothing = await netl(["frobnicate"]);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).not.toContain("did you mean");
    expect(nothing.stderr).toContain("the commands: run, test, tutorial, check");
  });

  it("graph -o x.png is refused by its extension and writes nothing", async () => {
    const png = join(dir, "lab.png");
    const r = await netl(["graph", file, "-o", png]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("netl graph: netl cannot write PNG");
    expect(() => readFileSync(png)).toThrow();
    const svg = join(dir, "lab.svg");
    const ok = await netl(["graph", file, "-o", svg]);
    expect(ok.stdout).toBe(`wrote ${svg} (svg, 2 nodes, 1 link)`);
    expect(readFileSync(svg, "utf8")).toMatch(/^<\?xml|^<svg/);
  });

  it("colour per stream: stderr to a file has no ANSI codes while the terminal's stream has them", () => {
    const bad = join(dir, "bad.netl");
    writeFileSync(bad, "ns A\nlink A <-> B\n");
    const errFile = join(dir, "err.txt");
    // script(1) gives netl a terminal; one run sends stderr to a file, the other leaves it on the terminal.
    const screen = execFileSync(
      "script",
      ["-qc", `${NETL_BIN} check ${bad} 2>${errFile}; echo ===; ${NETL_BIN} check ${bad}`, "/dev/null"],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: undefined, TERM: "xterm" } },
    );
    const ESC = String.fromCharCode(27);
    const logged = readFileSync(errFile, "utf8");
    expect(logged).toContain(`${bad}:2:12: error: unknown node 'B'`);
    expect(logged).not.toContain(ESC);
    expect(screen.split("===")[1]).toContain(`${ESC}[31munknown node 'B'`);
  });
});

describe.runIf(kernelTestsEnabled("options.test.ts"))("--prefix alone: a lab of its own", () => {
  const [p, q] = [testPrefix("optp"), testPrefix("optq")];
  const ours = () =>
    netnsList()
      .filter((n) => n.startsWith(`${p}-`) || n.startsWith(`${q}-`))
      .sort();
  afterAll(async () => {
    for (const lab of [`${p}-pair`, `${q}-pair`, "pair"]) await netl(["down", lab], { env });
    for (const ns of ours()) execFileSync("ip", ["netns", "del", ns]);
  });

  it("the same file up twice side by side; the second of the same prefix names --prefix; before or after, alike", async () => {
    const [one, two] = await Promise.all([
      netl(["--prefix", p, "run", file], { env }),
      netl(["run", "--prefix", q, file], { env }),
    ]);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(two.exitCode, two.stderr).toBe(0);
    expect(one.stdout).toContain(`lab '${p}-pair' is up (2 nodes)`);
    expect(two.stdout).toContain(`lab '${q}-pair' is up (2 nodes)`);
    expect(ours()).toEqual([`${p}-A`, `${p}-B`, `${q}-A`, `${q}-B`]);
    const again = await netl(["run", "--prefix", p, file], { env });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`lab '${p}-pair' is already up (2 namespaces)`);
    expect(again.stderr).toContain("hint: run another copy beside it with --prefix P");
    expect(again.stderr).toContain(`netl attach ${p}-pair`);
    // --lab before the command names the lab as after it.
    const test = await netl(["--lab", `${q}-t`, "--prefix", `${q}t`, "test", file], { env });
    expect(test.exitCode, test.stderr).toBe(0);
    expect(test.stdout).toContain(`removed lab '${q}-t' (2 namespaces)`);
    for (const lab of [`${p}-pair`, `${q}-pair`]) expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(ours()).toEqual([]);
  });
});
