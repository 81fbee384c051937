// `netl tutorial`: lessons (lessons/*.netl) walk a learner through namespaces to routers, switches and
// bad links, each on a live lab (src/tutorial/lesson.ts); which are done is kept in ~/.netl/tutorial.json
// (HOME only when it is the user's own, runtime/own-home.ts; read and written as runtime/safe-write.ts does).
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { EXIT, needRoot } from "../driver/exit.js";
import { STILL_REMOVING, STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { ownHome } from "../runtime/own-home.js";
import { ensureFolder, readSafely, writeSafely } from "../runtime/safe-write.js";
import { type ServeFlags, wantsPage } from "../serve/at.js";
import { runLesson, T } from "../tutorial/lesson.js";
import { languageOf, readLessons } from "../tutorial/lessons.js";
import { interruption, signalExit } from "./signals.js";

/** The lessons ship beside the CLI: dist/netl.js → lessons/. */
const LESSONS = join(dirname(fileURLToPath(import.meta.url)), "..", "lessons");

/** Where the progress is kept (undefined: nowhere), and why HOME was passed over, if it was. */
function progressPlace(): { file?: string; note?: string } {
  const home = ownHome();
  const note = home.note ? { note: home.note } : {};
  return home.dir === undefined ? note : { file: join(home.dir, ".netl", "tutorial.json"), ...note };
}

function readDone(file: string | undefined): number[] {
  const text = file === undefined ? undefined : readSafely(file, 1 << 16);
  try {
    const done = (JSON.parse(text ?? "{}") as { done?: unknown }).done;
    return Array.isArray(done) ? done.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

/** Record lesson `n` as done; a place that cannot be written is said once, and the lessons go on. */
export function progressKeeper(file: string | undefined, io: Io): (n: number) => void {
  let said = false;
  return (n) => {
    if (file === undefined || said) return;
    const done = [...new Set([...readDone(file), n])].sort((a, b) => a - b);
    const refused =
      ensureFolder(dirname(file), 0o700) ?? writeSafely(file, `${JSON.stringify({ done })}\n`, { mode: 0o644 });
    if (refused === undefined) return;
    said = true;
    io.err(`progress is not kept: ${refused.message}`);
  };
}

export async function tutorialCommand(
  number: string | undefined,
  options: { list?: boolean; lang?: string } & ServeFlags,
  io: Io,
): Promise<number> {
  const lessons = readLessons(LESSONS);
  const lang = languageOf(options.lang, process.env);
  const place = progressPlace();
  const finished = new Set(readDone(place.file));
  if (options.list) {
    for (const l of lessons)
      io.out(`${finished.has(l.number) ? "✓" : " "} ${String(l.number).padStart(2)}  ${l.words[lang].title}`);
    return EXIT.ok;
  }
  if (!needRoot("tutorial", io)) return EXIT.usage;
  if (place.note) io.err(place.note);
  const markDone = progressKeeper(place.file, io);
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
  const input = createInterface({ input: process.stdin, terminal: false });
  const lines = input[Symbol.asyncIterator]();
  // A signal (Ctrl-C, a kill, the terminal gone) stops the entry in flight and ends the lesson: its
  // lab goes, and netl exits 128 + the signal's number.
  const interrupt = interruption(io, { busy: STILL_ROLLING_BACK, removing: STILL_REMOVING });
  interrupt.signal.addEventListener("abort", () => input.close());
  try {
    for (const lesson of lessons.filter((l) => l.number >= first.number)) {
      const ended =
        (await runLesson(lesson, lessons.length, lines, lang, io, markDone, interrupt.signal, page)) === "ended";
      const stopped = interrupt.received();
      if (stopped) return signalExit(stopped);
      if (ended) return EXIT.failed;
    }
  } finally {
    interrupt.dispose();
    await page?.close();
  }
  io.out(io.c.green(T(lang, "\nEvery lesson done.", "\n所有课程都完成了。")));
  return EXIT.ok;
}
