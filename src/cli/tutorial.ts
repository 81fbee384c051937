// `netl tutorial`: lessons (lessons/*.netl) walk a learner through namespaces to routers, switches and
// bad links, each on a live lab (src/tutorial/lesson.ts); which are done is kept in ~/.netl/tutorial.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { EXIT, needRoot } from "../driver/exit.js";
import type { Io } from "../present/io.js";
import { type ServeFlags, wantsPage } from "../serve/at.js";
import { runLesson, T } from "../tutorial/lesson.js";
import { languageOf, readLessons } from "../tutorial/lessons.js";

/** The lessons ship beside the CLI: dist/netl.js → lessons/. */
const LESSONS = join(dirname(fileURLToPath(import.meta.url)), "..", "lessons");

const progressFile = () => join(process.env.HOME ?? homedir(), ".netl", "tutorial.json");

function readDone(): number[] {
  try {
    return (JSON.parse(readFileSync(progressFile(), "utf8")) as { done?: number[] }).done ?? [];
  } catch {
    return [];
  }
}

function markDone(n: number): void {
  const done = [...new Set([...readDone(), n])].sort((a, b) => a - b);
  mkdirSync(dirname(progressFile()), { recursive: true });
  writeFileSync(progressFile(), `${JSON.stringify({ done })}\n`);
}

export async function tutorialCommand(
  number: string | undefined,
  options: { list?: boolean; lang?: string } & ServeFlags,
  io: Io,
): Promise<number> {
  const lessons = readLessons(LESSONS);
  const lang = languageOf(options.lang, process.env);
  const finished = new Set(readDone());
  if (options.list) {
    for (const l of lessons)
      io.out(`${finished.has(l.number) ? "✓" : " "} ${String(l.number).padStart(2)}  ${l.words[lang].title}`);
    return EXIT.ok;
  }
  if (!needRoot("tutorial", io)) return EXIT.usage;
  const first =
    number === undefined
      ? (lessons.find((l) => !finished.has(l.number)) ?? lessons[0])
      : lessons.find((l) => l.number === Number(number));
  if (first === undefined) {
    io.err(`no lesson ${number}: netl tutorial --list shows them`);
    return EXIT.usage;
  }
  // --serve: one page for the whole tutorial, following each lesson's lab.
  const page = wantsPage(options) ? await (await import("../serve/start.js")).startPage(options, io) : undefined;
  if (wantsPage(options) && page === undefined) return EXIT.usage;
  try {
    const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
    for (const lesson of lessons.filter((l) => l.number >= first.number)) {
      if ((await runLesson(lesson, lessons.length, lines, lang, io, markDone, page)) === "ended") return EXIT.failed;
    }
    io.out(io.c.green(T(lang, "\nEvery lesson done.", "\n所有课程都完成了。")));
    return EXIT.ok;
  } finally {
    await page?.close();
  }
}
