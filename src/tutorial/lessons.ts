// Lessons are data files (lessons/NN-name.netl): `# key.lang: text` lines (repeated keys add lines),
// `# setup:` / `# cleanup:` for what the lesson makes on the machine, and `check …` lines that the
// tutorial runs against the learner's live lab. The words differ per language; the checks are shared.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Lang = "en" | "zh";

export interface Lesson {
  readonly number: number;
  readonly name: string;
  readonly words: Readonly<Record<Lang, { title: string; about: string; task: string; hint: string }>>;
  /** Commands the tutorial runs on the machine before the lesson (an interface to move). */
  readonly setup: readonly string[];
  /** Interfaces the tutorial made and removes after the lesson. */
  readonly cleanup: readonly string[];
  /** `node A`, `link A B`, `ping A B`, … (checks.ts). */
  readonly checks: readonly string[][];
}

export function parseLesson(file: string, text: string): Lesson {
  const words = { en: { title: "", about: "", task: "", hint: "" }, zh: { title: "", about: "", task: "", hint: "" } };
  const setup: string[] = [];
  const cleanup: string[] = [];
  const checks: string[][] = [];
  for (const line of text.split("\n")) {
    const meta = /^# (title|about|task|hint)\.(en|zh): ?(.*)$/.exec(line);
    if (meta) {
      const [, key, lang, value] = meta as unknown as [string, "title" | "about" | "task" | "hint", Lang, string];
      words[lang][key] = words[lang][key] ? `${words[lang][key]}\n${value}` : value;
    } else if (line.startsWith("# setup: ")) setup.push(line.slice("# setup: ".length));
    else if (line.startsWith("# cleanup: ")) cleanup.push(...line.slice("# cleanup: ".length).split(/\s+/));
    else if (line.startsWith("check ")) checks.push(line.slice("check ".length).trim().split(/\s+/));
  }
  const name = file.replace(/^\d+-|\.netl$/g, "");
  return { number: Number.parseInt(file, 10), name, words, setup, cleanup, checks };
}

/** Every lesson in `dir`, in order. */
export function readLessons(dir: string): Lesson[] {
  return readdirSync(dir)
    .filter((f) => /^\d+-.*\.netl$/.test(f))
    .sort()
    .map((f) => parseLesson(f, readFileSync(join(dir, f), "utf8")));
}

/** `--lang`, else LANG / LC_ALL starting with zh, else English. */
export function languageOf(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (option === "zh" || option === "en") return option;
  return /^zh/i.test(env.LC_ALL ?? env.LANG ?? "") ? "zh" : "en";
}
