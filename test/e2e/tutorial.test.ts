// `netl tutorial` as a learner runs it: `exit`, the end of input (Ctrl-D) and the last lesson end it at
// once with status 0 and nothing of the lab left; Ctrl-C stops only the command running; two learners
// side by side with --prefix and --lab; progress kept per user; the lesson list in both languages.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { lessonVars } from "../../src/cli/tutorial.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const home = mkdtempSync(join(tmpdir(), "netl-tutorial-"));
const env = { HOME: home, LANG: "C" };
afterAll(() => rmSync(home, { recursive: true, force: true }));
const prefix = testPrefix("tut");
const other = testPrefix("tu2");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`) || n.startsWith(`${other}-`));
const progress = () => JSON.parse(readFileSync(join(home, ".netl", "tutorial.json"), "utf8")) as { done: number[] };

describe("netl tutorial, no root needed", () => {
  it("--list shows the lessons, in Chinese when asked", async () => {
    const r = await netl(["tutorial", "--list", "--lang", "zh"], { env });
    expect(r.stdout.split("\n")[0]).toBe("   1  网络命名空间：一套属于自己的网络栈");
    expect(r.stdout.split("\n")).toHaveLength(14);
    const zh = await netl(["tutorial", "--list"], { env: { ...env, LANG: "zh_CN.UTF-8" } });
    expect(zh.stdout).toContain("13  看得见的数据包：第一次 ping 之前的 ARP");
  });

  it("says what is wrong with its arguments in Chinese when it speaks Chinese, and only then", async () => {
    for (const args of [
      ["--prefix", "my name"],
      ["--lab", "../x"],
      ["--lng", "zh"],
    ]) {
      const zh = await netl(["tutorial", "--lang", "zh", ...args], { env });
      expect(zh.exitCode, args.join(" ")).toBe(2);
      expect(zh.stderr, args.join(" ")).toMatch(/^错误：/);
      expect(zh.stderr, args.join(" ")).not.toMatch(/[a-z]{3,} [a-z]{3,} [a-z]{3,}/);
      const locale = await netl(["tutorial", ...args], { env: { ...env, LANG: "zh_CN.UTF-8" } });
      expect(locale.stderr).toBe(zh.stderr);
      const en = await netl(["tutorial", ...args], { env });
      expect(en.stderr, args.join(" ")).toMatch(/^error: /);
    }
    const run = await netl(["run", "--prefix", "my name", "x.netl"], { env: { ...env, LANG: "zh_CN.UTF-8" } });
    expect(run.stderr).toMatch(/^error: option '--prefix <P>' argument 'my name' is invalid/);
  });

  it("refuses a language it does not speak", async () => {
    const r = await netl(["tutorial", "--list", "--lang", "fr"], { env });
    expect(r.stderr).toContain("--lang takes en or zh, not 'fr'");
    expect(r.exitCode).toBe(2);
  });
});

describe.runIf(kernelTestsEnabled("tutorial.test.ts"))("netl tutorial, as a learner runs it", () => {
  afterAll(() => expect(mine()).toEqual([]));

  it("`exit` ends it at once, status 0, the lesson's lab removed", async () => {
    const started = Date.now();
    const r = await netl(["tutorial", "4", "--prefix", prefix], { input: "ns A B\nexit\nns C\n", env });
    expect(r.stdout).toContain("+ ns B");
    expect(r.stdout).not.toContain("+ ns C");
    expect(r.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(mine()).toEqual([]);
  });

  it("the end of input (Ctrl-D) ends it the same way", async () => {
    const r = await netl(["tutorial", "4", "--prefix", prefix], { input: "ns A B\n", env });
    expect(r.stdout).toContain("still missing: a link between A and B on 10.0.0.0/24");
    expect(r.exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  it("finishing the last lesson ends it with status 0, the lesson marked done", async () => {
    const vars = lessonVars(prefix);
    const answer = `router ns_A\nns ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_A <-> host ${vars.host14}\nroute ns_B default via ns_A\nping ns_A ns_B\nping ns_B ns_A\nping ns_A host\nping host ns_A\n`;
    const r = await netl(["tutorial", "14", "--prefix", prefix], { input: answer, env });
    expect(r.stdout).toContain("✓ Done: The seed's full example, done right");
    expect(r.stdout).toContain("Every lesson done.");
    expect(r.exitCode).toBe(0);
    expect(progress().done).toContain(14);
    expect(mine()).toEqual([]);
  });

  it("a wrong answer gets what is still missing, the error and the hint, in Chinese too", async () => {
    const r = await netl(["tutorial", "4", "--prefix", prefix], { input: "ns A B\nlink A <-> C\n", env });
    expect(r.stderr).toContain("unknown node 'C'");
    expect(r.stdout).toContain("still missing: a link between A and B on 10.0.0.0/24");
    expect(r.stdout).toContain("hint: ns A B; link A <-> B 10.0.0.0/24; ping A B");
    // A command that failed, a ping unanswered, are mistakes too; a command that worked is not.
    const slip = await netl(["tutorial", "3", "--prefix", prefix], {
      input: "ns A\nexec A ip route\nping A 10.9.9.9\nexec A ping -c1 -W1 10.9.9.9\n",
      env,
    });
    expect(slip.stdout.split("hint: ns A, then: exec A ping -c1 127.0.0.1")).toHaveLength(3);
    const zh = await netl(["tutorial", "1", "--lang", "zh", "--prefix", prefix], { input: "ns A\n", env });
    expect(zh.stdout).toContain("第 1 课，共 14 课：网络命名空间：一套属于自己的网络栈");
    expect(zh.stdout).toContain("任务：创建两个命名空间 A 和 B，列出它们，然后删除 B。");
    expect(zh.stdout).toContain("还差：在 A 和 B 都建好之后，用 show 列出实验环境");
    expect(mine()).toEqual([]);
  });

  it("Ctrl-C while a command runs stops only that command: the lesson goes on", async () => {
    const child = execa(NETL_BIN, ["tutorial", "2", "--prefix", prefix], {
      env: { NO_COLOR: "1", ...env },
      reject: false,
    });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.stdin?.write("ns A\nexec A sleep 60\n");
    // The sleep runs inside A once A's namespace has a process in it.
    const inA = () => execFileSync("ip", ["netns", "pids", `${prefix}-A`], { encoding: "utf8" }).trim();
    for (let i = 0; i < 200 && !netnsList().includes(`${prefix}-A`); i++) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 200 && inA() === ""; i++) await new Promise((r) => setTimeout(r, 50));
    expect(inA()).not.toBe("");
    child.kill("SIGINT");
    for (let i = 0; i < 200 && !out.includes("interrupted"); i++) await new Promise((r) => setTimeout(r, 50));
    child.stdin?.end("exec A ip addr\n");
    const r = await child;
    expect(out).toContain("interrupted: only the command was stopped; the lab is as it was");
    expect(out).toContain("✓ Done: Running a command inside a namespace");
    expect(r.exitCode).toBe(0);
    expect(mine()).toEqual([]);
  });

  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)
    it(`${signal} stops the entry in flight, removes the lesson's lab, exit ${code}`, async () => {
      const child = execa(NETL_BIN, ["tutorial", "4", "--prefix", prefix], {
        reject: false,
        env: { NO_COLOR: "1", ...env },
      });
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stdin?.write("ns A B\nexec A sleep 30\n");
      const inA = () => execFileSync("ip", ["netns", "pids", `${prefix}-A`], { encoding: "utf8" }).trim();
      for (let i = 0; i < 200 && !netnsList().includes(`${prefix}-A`); i++) await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 200 && inA() === ""; i++) await new Promise((r) => setTimeout(r, 50));
      child.kill(signal);
      const r = await child;
      expect(r.exitCode, `${out}\n${r.stderr}`).toBe(code);
      expect(mine()).toEqual([]);
    });

  it("two learners side by side, each with a prefix and a lab of their own, both pass", async () => {
    const answer = (p: string) => `ns A\nlink A <-> host ${lessonVars(p).host6}\nping host A\n`;
    const [a, b] = await Promise.all([
      netl(["tutorial", "6", "--prefix", prefix], { input: answer(prefix), env }),
      netl(["--prefix", other, "--lab", "other-learner", "tutorial", "6"], { input: answer(other), env }),
    ]);
    expect(a.stdout, a.stderr).toContain("✓ Done: A cable to the machine itself");
    expect(b.stdout, b.stderr).toContain("✓ Done: A cable to the machine itself");
    expect(b.stdout).toContain(`ip netns add ${other}-A`);
    expect(mine()).toEqual([]);
  });

  it("two learners side by side with --lab alone: its name prefixes each one's namespaces", async () => {
    const answer = (lab: string) => `ns A\nlink A <-> host ${lessonVars(lab).host6}\nping host A\n`;
    const [a, b] = await Promise.all([
      netl(["tutorial", "6", "--lab", `${prefix}-a`], { input: answer(`${prefix}-a`), env }),
      netl(["tutorial", "6", "--lab", `${prefix}-b`], { input: answer(`${prefix}-b`), env }),
    ]);
    expect(a.stdout, a.stderr).toContain("✓ Done: A cable to the machine itself");
    expect(b.stdout, b.stderr).toContain("✓ Done: A cable to the machine itself");
    expect(b.stdout).toContain(`ip netns add ${prefix}-b-A`);
    expect(mine()).toEqual([]);
  });

  it("a lab already up is refused, with the options that give a learner one of their own", async () => {
    const child = execa(NETL_BIN, ["tutorial", "1", "--prefix", prefix], {
      env: { NO_COLOR: "1", ...env },
      reject: false,
    });
    child.stdin?.write("ns A\n");
    for (let i = 0; i < 200 && !netnsList().includes(`${prefix}-A`); i++) await new Promise((r) => setTimeout(r, 50));
    const r = await netl(["tutorial", "1", "--prefix", prefix], { input: "ns A\n", env });
    child.stdin?.end("exit\n");
    await child;
    expect(r.stderr).toContain(`the tutorial's lab '${prefix}-tutorial' is up already`);
    expect(r.stdout).not.toContain("Lesson 1 of 14");
    expect(r.stderr).toContain("netl tutorial --prefix P --lab L");
    expect(r.exitCode).toBe(1);
    expect(mine()).toEqual([]);
  });
});
