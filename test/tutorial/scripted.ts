// A learner who types a given answer, in this process, against the real kernel: each lesson on a lab
// of its own (its own prefix), what it printed, and how it ended. Used by the tests of every lesson's
// right and wrong answers and of the plain commands each prints.
import pc from "picocolors";
import { lessonVars } from "../../src/cli/tutorial.js";
import type { Io } from "../../src/present/io.js";
import type { Learner } from "../../src/tutorial/input.js";
import { type LessonEnd, runLesson } from "../../src/tutorial/lesson.js";
import { type Lesson, readLessons } from "../../src/tutorial/lessons.js";
import type { Lang } from "../../src/words/catalogue.js";

export interface Attempt {
  readonly end: LessonEnd;
  readonly out: string[];
  readonly err: string[];
}

/** A learner typing `lines`, then leaving (Ctrl-D). */
function typing(lines: readonly string[]): Learner {
  const left = [...lines];
  return {
    next: async () => left.shift(),
    running: (work) => work(new AbortController().signal),
    terminal: undefined,
    interrupted: () => false,
    onIdle: undefined,
    close: () => {},
  };
}

export const lessonsFor = (prefix: string): Lesson[] => readLessons("lessons", lessonVars(prefix));

export async function attempt(lesson: Lesson, answer: string, prefix: string, lang: Lang = "en"): Promise<Attempt> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), c: pc.createColors(false), lang };
  const end = await runLesson(lesson, {
    total: 14,
    learner: typing(answer.split("\n")),
    io,
    lab: `${prefix}-tutorial`,
    prefix,
    onPassed: () => {},
  });
  return { end, out, err };
}

/** The plain commands a passed lesson printed: the ones that build its lab, and the line that removes it. */
export function plainOf(a: Attempt): { build: string[]; remove: string } {
  const at = a.out.findIndex((l) => l.startsWith("The same lab with plain commands"));
  const build: string[] = [];
  for (const line of a.out.slice(at + 1)) {
    if (!line.startsWith("  ")) break;
    build.push(line.slice(2));
  }
  const remove = a.out.find((l) => l.startsWith("and to remove it: "))?.slice("and to remove it: ".length) ?? "";
  return { build, remove };
}
