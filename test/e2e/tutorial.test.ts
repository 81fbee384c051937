// The tutorial, by a scripted learner: every lesson passes with a correct answer and shows the plain
// commands; a wrong answer gets what is still missing and the hint; progress is kept in ~/.netl;
// English and Chinese share the checks; --list needs no root.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { readLessons } from "../../src/tutorial/lessons.js";
import { kernelTestsEnabled, netnsList } from "../support/kernel.js";
import { NETL_BIN, netl } from "../support/netl.js";

const home = mkdtempSync(join(tmpdir(), "netl-tutorial-"));
const env = { HOME: home, NETL_RUN_DIR: join(home, "run"), LANG: "C" };
afterAll(() => rmSync(home, { recursive: true, force: true }));
const lessons = readLessons("lessons");
const leftovers = () => netnsList().filter((n) => n.startsWith("tut-"));

describe("netl tutorial", () => {
  it("has a lesson for every part of the seed tutorial and after, in English and in Chinese", () => {
    expect(lessons.map((l) => l.name)).toEqual([
      "namespaces",
      "exec",
      "loopback",
      "veth",
      "move",
      "host",
      "two-and-host",
      "router",
      "route-auto",
      "switch",
      "bad-links",
      "undo",
    ]);
    for (const l of lessons)
      for (const lang of ["en", "zh"] as const)
        for (const key of ["title", "about", "task", "hint"] as const)
          expect(l.words[lang][key], `${l.name} ${lang} ${key}`).not.toBe("");
  });

  it("--list shows the lessons (Chinese when asked), no root needed", async () => {
    const r = await netl(["tutorial", "--list", "--lang", "zh"], { env });
    expect(r.stdout.split("\n")[0]).toBe("   1  网络命名空间：属于你自己的网络栈");
  });
});

describe.runIf(kernelTestsEnabled("tutorial.test.ts"))("a scripted learner", () => {
  it("passes every lesson with the hint's answer, and sees the plain commands each time", async () => {
    const answers = lessons.map((l) =>
      l.words.en.hint
        .replace(/ {2}\(.*$/, "")
        .replace(/, then: /g, "; ")
        .replace(/^ns A; /, "ns A; "),
    );
    const input = `${answers.map((a) => a.replace(/^ns A, then: /, "ns A; ")).join("\n")}\n`;
    const r = await netl(["tutorial", "1"], { input, env });
    expect(r.stdout).toContain("Every lesson done.");
    expect(r.stdout.match(/✓ Done: /g)).toHaveLength(lessons.length);
    expect(r.stdout).toContain("The same with plain commands (as root):\n  ip netns add tut-A");
    expect(JSON.parse(readFileSync(join(home, ".netl", "tutorial.json"), "utf8")).done).toHaveLength(lessons.length);
    expect(r.exitCode).toBe(0);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  for (const lesson of lessons)
    it(`lesson ${lesson.number} (${lesson.name}): a wrong answer gets what is still missing and the lesson's hint`, async () => {
      const r = await netl(["tutorial", String(lesson.number)], { input: "link Z <-> Y\n", env });
      expect(r.stderr).toContain("unknown node 'Z'");
      expect(r.stdout).toMatch(/still missing: \S/);
      expect(r.stdout).toContain(`hint: ${lesson.words.en.hint}`);
      expect(r.exitCode).toBe(1);
    });

  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)
    it(`${signal} stops the entry in flight, removes the lesson's lab, exit ${code}`, async () => {
      const child = execa(NETL_BIN, ["tutorial", "4"], { reject: false, env: { NO_COLOR: "1", ...env } });
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      const seen = (text: string) =>
        new Promise<void>((resolve) => {
          const check = () => (out.includes(text) ? resolve() : setTimeout(check, 50));
          check();
        });
      child.stdin?.write("ns A B\n");
      await seen("still missing");
      child.stdin?.write("exec A sleep 30\n");
      await new Promise((r) => setTimeout(r, 700));
      child.kill(signal);
      const r = await child;
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(code);
      expect(leftovers()).toEqual([]);
      expect(existsSync(join(home, "run", "tutorial-4.json"))).toBe(false);
    });

  it("a wrong answer gets what is still missing and the hint (in Chinese too)", async () => {
    const r = await netl(["tutorial", "4"], { input: "ns A B\nlink A <-> C\n", env });
    expect(r.stdout).toContain("still missing: a link between A and B");
    expect(r.stdout).toContain("hint: ns A B; link A <-> B 10.0.0.0/24; ping A B");
    expect(r.exitCode).toBe(1);
    const zh = await netl(["tutorial", "1", "--lang", "zh"], { input: "ns A\n", env });
    expect(zh.stdout).toContain("还差: 用 show 列出实验环境");
    expect(leftovers()).toEqual([]);
  });
});
