// `netl tutorial`: lessons (lessons/*.netl) walk a learner through namespaces to routers, switches,
// bad links and captured packets, each on a live lab of its own (src/tutorial/lesson.ts), in English or
// Chinese. `--prefix P --lab L` puts a learner beside another. Which lessons are done is kept in
// ~/.netl/tutorial.json (HOME only when it is the user's own, runtime/own-home.ts; under sudo the
// invoking user's, runtime/sudo-user.ts; read and written as runtime/safe-write.ts does).
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT, needRoot } from "../driver/exit.js";
import { STILL_REMOVING, STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { ownHome } from "../runtime/own-home.js";
import { ensureFolder, readSafely, type WriteOptions, writeSafely } from "../runtime/safe-write.js";
import { type Lookup, passwdEntry, sudoInvoker } from "../runtime/sudo-user.js";
import { type ServeFlags, wantsPage } from "../serve/at.js";
import { learnerInput } from "../tutorial/input.js";
import { runLesson } from "../tutorial/lesson.js";
import { readLessons } from "../tutorial/lessons.js";
import { type Lang, languageOf, say } from "../words/catalogue.js";
import { reword } from "../words/phrases.js";
import { TUTORIAL } from "../words/tutorial.js";
import { interruption, signalExit } from "./signals.js";

/** The lessons ship beside the CLI: dist/netl.js → lessons/. */
const LESSONS = join(dirname(fileURLToPath(import.meta.url)), "..", "lessons");

export interface TutorialOptions extends ServeFlags {
  readonly list?: boolean;
  readonly lang?: string;
  readonly prefix?: string;
  readonly lab?: string;
}

const DEFAULT_PREFIX = "tut";

/**
 * What lessons name on the machine itself, each learner's own (by prefix), so that two side by side
 * never share it: the interface lesson 5 moves and the prefixes of the links to the machine.
 */
export function lessonVars(prefix: string): Record<string, string> {
  if (prefix === DEFAULT_PREFIX)
    return {
      if0: "netltut0",
      if1: "netltut1",
      host6: "10.213.199.0/30",
      host7: "10.213.198.0/30",
      host14: "10.213.197.0/30",
    };
  const hash = createHash("sha256").update(prefix).digest();
  const tag = hash.toString("hex").slice(0, 6);
  const net = `10.213.${100 + ((hash[3] ?? 0) % 90)}`;
  return { if0: `nlt${tag}0`, if1: `nlt${tag}1`, host6: `${net}.0/30`, host7: `${net}.4/30`, host14: `${net}.8/30` };
}

/**
 * The names' prefix: --prefix, else one of the lab's own when --lab alone is given (a second learner's
 * lab shares no namespace, interface or host prefix with the first), else the default.
 */
export function tutorialPrefix(options: { readonly prefix?: string; readonly lab?: string }): string {
  if (options.prefix !== undefined) return options.prefix;
  if (options.lab === undefined) return DEFAULT_PREFIX;
  if (/^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(options.lab)) return options.lab;
  return `${options.lab.slice(0, 9)}-${createHash("sha256").update(options.lab).digest("hex").slice(0, 6)}`;
}

export interface ProgressPlace {
  /** Undefined: kept nowhere. */
  readonly file?: string;
  /** Why HOME was passed over, if it was. */
  readonly note?: string;
  /** Under sudo: written as the user's own, in folders that user or root owns. */
  readonly write?: WriteOptions;
}

/**
 * Where the progress is kept: under sudo, the invoking user's (their home from the password database,
 * the file theirs); else this user's, in the home of their own (runtime/own-home.ts).
 */
export function progressPlace(
  env: NodeJS.ProcessEnv = process.env,
  realUid = process.getuid?.() ?? -1,
  lookup: Lookup = passwdEntry,
): ProgressPlace {
  const user = sudoInvoker(env, realUid, lookup);
  if (user !== undefined)
    return {
      file: join(user.home, ".netl", "tutorial.json"),
      write: { trusted: new Set([0, user.uid]), owner: { uid: user.uid, gid: user.gid } },
    };
  const home = ownHome(env);
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
export function progressKeeper(
  file: string | undefined,
  io: Io,
  lang: Lang = "en",
  write: WriteOptions = {},
): (n: number) => void {
  let said = false;
  return (n) => {
    if (file === undefined || said) return;
    const done = [...new Set([...readDone(file), n])].sort((a, b) => a - b);
    const refused =
      ensureFolder(dirname(file), 0o700, write) ??
      writeSafely(file, `${JSON.stringify({ done })}\n`, { ...write, mode: 0o644 });
    if (refused === undefined) return;
    said = true;
    io.err(io.c.yellow(say(lang, TUTORIAL.progressNotKept({ why: reword(refused.message, lang) }))));
  };
}

/** Ctrl-C as a signal (piped input, or the terminal lent to a command): the learner's, for the entry in flight. */
function processSignal(listener: () => void): () => void {
  process.on("SIGINT", listener);
  return () => process.off("SIGINT", listener);
}

export async function tutorialCommand(number: string | undefined, options: TutorialOptions, io0: Io): Promise<number> {
  if (options.lang !== undefined && options.lang !== "en" && options.lang !== "zh") {
    io0.err(say(languageOf(undefined, process.env), TUTORIAL.badLang({ lang: options.lang })));
    return EXIT.usage;
  }
  const lang = languageOf(options.lang, process.env);
  const io: Io = { ...io0, lang };
  const prefix = tutorialPrefix(options);
  const lab = options.lab ?? (options.prefix ? `${options.prefix}-tutorial` : "tutorial");
  const lessons = readLessons(LESSONS, lessonVars(prefix));
  const place = progressPlace();
  const finished = new Set(readDone(place.file));
  if (options.list) {
    for (const l of lessons)
      io.out(`${finished.has(l.number) ? "✓" : " "} ${String(l.number).padStart(2)}  ${l.words[lang].title}`);
    return EXIT.ok;
  }
  if (!needRoot("tutorial", io)) return EXIT.usage;
  if (place.note) io.err(reword(place.note, lang));
  const markDone = progressKeeper(place.file, io, lang, place.write);
  const first =
    number === undefined
      ? (lessons.find((l) => !finished.has(l.number)) ?? lessons[0])
      : lessons.find((l) => l.number === Number(number));
  if (first === undefined) {
    io.err(say(lang, TUTORIAL.noLesson({ n: number ?? "" })));
    return EXIT.usage;
  }
  // --serve: one page for the whole tutorial, following each lesson's lab.
  const page = wantsPage(options) ? await (await import("../serve/start.js")).startPage(options, io) : undefined;
  if (wantsPage(options) && page === undefined) return EXIT.usage;
  // Ctrl-C is the learner's (the entry in flight only). A kill, the terminal gone or the output gone
  // stop the entry in flight (a command on the terminal too) and end the lesson: its lab goes, and netl
  // exits 128 + the signal's number.
  const words = { busy: reword(STILL_ROLLING_BACK, lang), removing: reword(STILL_REMOVING, lang) };
  const interrupt = interruption(io, words, ["SIGTERM", "SIGHUP"]);
  const learner = learnerInput({
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    onSignal: processSignal,
    leave: interrupt.signal,
  });
  interrupt.signal.addEventListener("abort", () => learner.close());
  try {
    for (const lesson of lessons.filter((l) => l.number >= first.number)) {
      const end = await runLesson(lesson, {
        total: lessons.length,
        learner,
        io,
        lab,
        prefix,
        onPassed: markDone,
        stop: interrupt.signal,
        ...(page ? { page } : {}),
      });
      const stopped = interrupt.received();
      if (stopped) return signalExit(stopped);
      if (end === "unavailable") return EXIT.failed;
      if (end === "left") return learner.interrupted() ? signalExit("SIGINT") : EXIT.ok;
    }
    io.out(io.c.green(`\n${say(lang, TUTORIAL.allDone())}`));
    return EXIT.ok;
  } finally {
    learner.close();
    interrupt.dispose();
    await page?.close();
  }
}
