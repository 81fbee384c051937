// Every lesson, on the real kernel: its right answer passes (and prints the plain commands that build
// the same lab, which pasted into sh build it), and each wrong answer leaves it unpassed, saying what
// is still missing. Nothing of any lab is left.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lessonVars } from "../../src/cli/tutorial.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { ANSWERS, filled } from "../tutorial/answers.js";
import { attempt, lessonsFor, plainOf } from "../tutorial/scripted.js";

const prefix = testPrefix("tua");
const vars = lessonVars(prefix);
const lessons = lessonsFor(prefix);
const dir = mkdtempSync(join(tmpdir(), "netl-plain-"));
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
/**
 * What a root shell does with the lines pasted into it: sh reading them, stopping at the first that
 * fails. Its output goes to a file: what it leaves in the background (a capture) holds no pipe open.
 */
function sh(script: string): string {
  const log = join(dir, "sh.log");
  const fd = openSync(log, "w");
  try {
    execFileSync("sh", ["-e"], { input: script, stdio: ["pipe", fd, fd], timeout: 60_000 });
  } catch (e) {
    throw new Error(`${String(e)}\n${readFileSync(log, "utf8")}`);
  } finally {
    closeSync(fd);
  }
  return readFileSync(log, "utf8");
}

describe.runIf(kernelTestsEnabled("tutorial-answers.test.ts"))("every lesson's answers, on the real kernel", () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    expect(mine()).toEqual([]);
  });

  it("has answers for every lesson: one right and at least three wrong", () => {
    expect(lessons.map((l) => l.number)).toEqual(Object.keys(ANSWERS).map(Number));
    for (const a of Object.values(ANSWERS)) expect(a.wrong.length).toBeGreaterThanOrEqual(3);
  });

  for (const lesson of lessons) {
    const answers = ANSWERS[lesson.number];
    if (answers === undefined) continue;
    describe(`lesson ${lesson.number} (${lesson.name})`, () => {
      it("passes with the right answer; its plain commands, pasted into sh, build the same lab", async () => {
        const a = await attempt(lesson, filled(answers.right, vars), prefix);
        expect(a.err, a.out.join("\n")).toEqual([]);
        expect(a.end, a.out.join("\n")).toBe("passed");
        expect(mine()).toEqual([]);
        const { build, remove } = plainOf(a);
        expect(build.length).toBeGreaterThan(0);
        // The lesson's machine interface is made again, as the lesson did, for its move.
        const setup = lesson.setup.map((c) => c.replace(" || ", " 2>/dev/null || ")).join("\n");
        try {
          sh(`${setup}\n${build.join("\n")}`);
          const made = mine();
          expect(made.length).toBeGreaterThan(0);
          for (const line of build.filter((l) => l.startsWith("ip netns add ")))
            expect(made).toContain(line.split(" ")[3]);
          // Every address is where the commands put it: `ip [-n NS] addr add CIDR dev IF`.
          for (const line of build.filter((l) => / addr add /.test(l))) {
            const m = /^ip (-n \S+ )?addr add (\S+) dev (\S+)$/.exec(line);
            expect(m, line).not.toBeNull();
            const [, n = "", cidr = "", dev = ""] = m ?? [];
            expect(sh(`ip ${n}-br addr show dev ${dev}`)).toContain(cidr.split("/")[0]);
          }
        } finally {
          sh(`${remove}\n${lesson.cleanup.map((i) => `ip link del ${i} 2>/dev/null || true`).join("\n")}`);
        }
        expect(mine()).toEqual([]);
      });

      for (const right of answers.alsoRight ?? [])
        it(`passes with another right answer: ${right.replace(/\n/g, "; ")}`, async () => {
          const a = await attempt(lesson, filled(right, vars), prefix);
          expect(a.end, a.out.join("\n")).toBe("passed");
        });

      for (const wrong of answers.wrong)
        it(`does not pass: ${wrong.replace(/\n/g, "; ")}`, async () => {
          const a = await attempt(lesson, filled(wrong, vars), prefix);
          expect(a.end, a.out.join("\n")).toBe("left");
          expect(a.out.join("\n")).toMatch(/still missing: \S/);
          expect(mine()).toEqual([]);
        });
    });
  }
});
