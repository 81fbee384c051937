// Every lesson's answers in Chinese, on the real kernel: each line the tutorial prints has Chinese in it,
// but for commands (the plain commands, a change's `+`/`-`/`~` line, an error's source line and caret),
// what a learner typed, and what a program run with exec printed (an answer with exec is left out).
import { describe, expect, it } from "vitest";
import { lessonVars } from "../../src/cli/tutorial.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { ANSWERS, filled } from "../tutorial/answers.js";
import { attempt, lessonsFor } from "../tutorial/scripted.js";

const prefix = testPrefix("tuz");
const vars = lessonVars(prefix);
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const HAN = /\p{Script=Han}/u;

/** A line that may have no Chinese: a command, a change's line, a caret, show's row, a line the learner typed. */
const mayBeAscii = (line: string, typed: readonly string[]): boolean => {
  const t = line.trim();
  return (
    t === "" ||
    /^[+\-~] /.test(t) ||
    /^\^+$/.test(t) ||
    // A row of show's table: a node, its kind, its interfaces and addresses.
    /^\s{2}\S+\s+(ns|router|switch)\s/.test(line) ||
    /^(ip|tc|ping|sleep|undo|redo) /.test(t) ||
    /^(ip|tc) -n /.test(t) ||
    typed.includes(t)
  );
};

/** The lines of what was printed that are English (no Chinese, and none of the above). */
const englishLines = (printed: readonly string[], typed: readonly string[]): string[] =>
  printed.flatMap((t) => t.split("\n")).filter((l) => !HAN.test(l) && !mayBeAscii(l, typed));

describe("the rule for a line in Chinese", () => {
  it("finds an English line, and passes commands and what was typed", () => {
    const typed = ["ns A B", "show"];
    expect(
      englishLines(
        [
          "+ ns A",
          "  ^^^",
          "ip netns add P-A",
          "  A  ns      eth0 10.0.0.1/24",
          "ns A B",
          "还差：A",
          "still missing: A",
          "nothing more to undo",
        ],
        typed,
      ),
    ).toEqual(["still missing: A", "nothing more to undo"]);
  });
});

describe.runIf(kernelTestsEnabled("tutorial-answers-zh.test.ts"))("every lesson's answers, in Chinese", () => {
  for (const lesson of lessonsFor(prefix)) {
    const answers = ANSWERS[lesson.number];
    if (answers === undefined) continue;
    const all = [answers.right, ...(answers.alsoRight ?? []), ...answers.wrong].filter((a) => !/\bexec\b/.test(a));
    if (all.length === 0) continue;
    it(`lesson ${lesson.number}: no English line in ${all.length} answers`, async () => {
      for (const answer of all) {
        const text = filled(answer, vars);
        const typed = text.split("\n");
        const a = await attempt(lesson, text, prefix, "zh");
        expect(englishLines([...a.out, ...a.err], typed), text).toEqual([]);
      }
      expect(mine()).toEqual([]);
    });
  }
});
