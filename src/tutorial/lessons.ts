// Lessons are data files (lessons/NN-name.netl): `# key.lang: text` lines (repeated keys add lines),
// `# setup:` / `# cleanup:` for what the lesson makes on the machine, `# needs:` for a program it needs,
// and `check …` lines (checks.ts) that the tutorial runs against the learner's live lab. The words
// differ per language; the checks are shared.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../words/catalogue.js";
import { type Check, parseCheck } from "./checks.js";

export interface LessonWords {
  readonly title: string;
  readonly about: string;
  readonly task: string;
  readonly hint: string;
}

export interface Lesson {
  readonly number: number;
  readonly name: string;
  readonly words: Readonly<Record<Lang, LessonWords>>;
  /** Commands the tutorial runs on the machine before the lesson (an interface to move). */
  readonly setup: readonly string[];
  /** Interfaces the tutorial made and removes after the lesson. */
  readonly cleanup: readonly string[];
  /** Programs the lesson needs, each with how to install it: `tcpdump apt-get install tcpdump`. */
  readonly needs: readonly { readonly program: string; readonly install: string }[];
  readonly checks: readonly Check[];
  /** Lines that are not what a lesson holds (a test keeps this empty). */
  readonly problems: readonly string[];
}

type Key = keyof LessonWords;

export function parseLesson(file: string, text: string): Lesson {
  const blank = (): Record<Key, string> => ({ title: "", about: "", task: "", hint: "" });
  const words = { en: blank(), zh: blank() };
  const setup: string[] = [];
  const cleanup: string[] = [];
  const needs: { program: string; install: string }[] = [];
  const checks: Check[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    const meta = /^# (title|about|task|hint)\.(en|zh): ?(.*)$/.exec(line);
    if (meta) {
      const [, key, lang, value] = meta as unknown as [string, Key, Lang, string];
      words[lang][key] = words[lang][key] ? `${words[lang][key]}\n${value}` : value;
    } else if (line.startsWith("# setup: ")) setup.push(line.slice("# setup: ".length));
    else if (line.startsWith("# cleanup: ")) cleanup.push(...line.slice("# cleanup: ".length).split(/\s+/));
    else if (line.startsWith("# needs: ")) {
      const [program = "", ...install] = line.slice("# needs: ".length).split(/\s+/);
      needs.push({ program, install: install.join(" ") });
    } else if (line.startsWith("check ")) {
      const check = parseCheck(line.slice("check ".length).trim().split(/\s+/));
      if (typeof check === "string") problems.push(`${file}:${i + 1}: ${check}`);
      else checks.push(check);
    } else if (line.trim() !== "" && !line.startsWith("#"))
      problems.push(`${file}:${i + 1}: not a lesson line: ${line}`);
  });
  const name = file.replace(/^\d+-|\.netl$/g, "");
  return { number: Number.parseInt(file, 10), name, words, setup, cleanup, needs, checks, problems };
}

/** Every lesson in `dir`, in order; `{name}` in its text is `vars[name]` (the interface a lesson moves). */
export function readLessons(dir: string, vars: Readonly<Record<string, string>> = {}): Lesson[] {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (all, name: string) => vars[name] ?? all);
  return readdirSync(dir)
    .filter((f) => /^\d+-.*\.netl$/.test(f))
    .sort()
    .map((f) => parseLesson(f, fill(readFileSync(join(dir, f), "utf8"))));
}
