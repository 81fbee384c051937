// `netl tutorial`: lessons (lessons/*.netl) walk a learner through namespaces to routers, switches,
// bad links and captured packets, each on a live lab of its own (src/tutorial/lesson.ts), in English or
// Chinese. `--prefix P --lab L` puts a learner beside another; which lessons are done is kept per user
// (runtime/progress-file.ts).
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT, needRoot } from "../driver/exit.js";
import type { Io } from "../present/io.js";
import { progressPlace, readProgress, writeProgress } from "../runtime/progress-file.js";
import { learnerInput } from "../tutorial/input.js";
import { runLesson } from "../tutorial/lesson.js";
import { readLessons } from "../tutorial/lessons.js";
import { languageOf, say } from "../words/catalogue.js";
import { TUTORIAL } from "../words/tutorial.js";

/** The lessons ship beside the CLI: dist/netl.js → lessons/. */
const LESSONS = join(dirname(fileURLToPath(import.meta.url)), "..", "lessons");

export interface TutorialOptions {
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

/** Ctrl-C as a signal (piped input, or the terminal lent to a command). */
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
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const lab = options.lab ?? (options.prefix ? `${options.prefix}-tutorial` : "tutorial");
  const lessons = readLessons(LESSONS, lessonVars(prefix));
  const place = progressPlace(process.env);
  const finished = new Set(readProgress(place.file));
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
    io.err(say(lang, TUTORIAL.noLesson({ n: number ?? "" })));
    return EXIT.usage;
  }
  const learner = learnerInput({
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    onSignal: processSignal,
  });
  // The terminal closing or a polite kill: leave as with Ctrl-D, removing the lesson's lab.
  let hungUp = false;
  const hangup = () => {
    hungUp = true;
    learner.close();
  };
  process.on("SIGHUP", hangup);
  process.on("SIGTERM", hangup);
  let said = false;
  const onPassed = (n: number) => {
    finished.add(n);
    const refused = writeProgress(
      place,
      [...finished].sort((a, b) => a - b),
    );
    if (refused !== undefined && !said) io.err(io.c.yellow(say(lang, TUTORIAL.progressNotKept({ why: refused }))));
    said ||= refused !== undefined;
  };
  try {
    for (const lesson of lessons.filter((l) => l.number >= first.number)) {
      const end = await runLesson(lesson, { total: lessons.length, learner, io, lab, prefix, onPassed });
      if (end === "unavailable") return EXIT.failed;
      if (end === "left") return hungUp || learner.interrupted() ? EXIT.interrupted : EXIT.ok;
    }
    io.out(io.c.green(`\n${say(lang, TUTORIAL.allDone())}`));
    return EXIT.ok;
  } finally {
    learner.close();
    process.off("SIGHUP", hangup);
    process.off("SIGTERM", hangup);
  }
}
