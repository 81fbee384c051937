// One lesson of `netl tutorial` on a live lab of its own: the task, the checks after every entry
// (what is still missing, and the hint after a mistake), and once it passes, the plain commands that
// build the same lab. The learner leaves with `exit` or Ctrl-D; Ctrl-C stops only the entry in flight.
import { isIncomplete, parse } from "../../grammar/index.js";
import type { Driver } from "../driver/driver.js";
import { runEntry } from "../driver/entry.js";
import { openLab, printCapture } from "../driver/setup.js";
import { step } from "../interpreter/step.js";
import type { Io } from "../present/io.js";
import { makeInterfaces, removeInterfaces } from "../runtime/lesson-machine.js";
import { onPath } from "../runtime/on-path.js";
import type { LivePage } from "../serve/page.js";
import { type Message, say } from "../words/catalogue.js";
import { TUTORIAL } from "../words/tutorial.js";
import { counted, unmet } from "./checks.js";
import type { Learner } from "./input.js";
import type { Lesson } from "./lessons.js";
import { plainCommands } from "./plain.js";
import { newRecord, type Record, slipped } from "./record.js";

export interface LessonPlace {
  readonly total: number;
  readonly learner: Learner;
  /** Words in the learner's language (io.lang). */
  readonly io: Io;
  readonly lab: string;
  readonly prefix: string;
  /** Told the lesson's number once it has passed, before its lab goes. */
  readonly onPassed: (n: number) => void;
  /** Aborted by a signal (a kill, the terminal gone): the entry in flight stops, and the lesson ends. */
  readonly stop?: AbortSignal;
  /** The live page (`--serve`): it follows each lesson's lab in turn. */
  readonly page?: LivePage;
}

/** How a lesson ended: passed, left by the learner (exit, Ctrl-D), or it could not start. */
export type LessonEnd = "passed" | "left" | "unavailable";

const LEAVE = /^\s*(exit|quit)\s*;?\s*$/;
/**
 * A capture's lines come as tcpdump writes them, behind the entry that made the packets: while one runs,
 * the checks wait until none came for this long (after the entry) or it ended.
 */
const QUIET_MS = 400;
const QUIET_AT_MOST_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HINT = /^\s*hint\s*;?\s*$/;

export async function runLesson(lesson: Lesson, place: LessonPlace): Promise<LessonEnd> {
  const { io, learner } = place;
  const lang = io.lang ?? "en";
  const w = lesson.words[lang];
  const out = (m: Message) => say(lang, m);
  const introduce = () => {
    io.out(io.c.bold(`\n${out(TUTORIAL.heading({ n: lesson.number, total: place.total, title: w.title }))}`));
    io.out(w.about);
    io.out(io.c.bold(out(TUTORIAL.task({ task: w.task }))));
    io.out(io.c.dim(out(TUTORIAL.howTo())));
  };
  // A program the lesson needs is said to be missing before anything is made.
  const missing = lesson.needs.find((n) => !onPath(n.program));
  if (missing) {
    introduce();
    io.err(out(TUTORIAL.needs(missing)));
    return "unavailable";
  }
  const made = makeInterfaces(lesson.setup);
  const { record, add, see } = newRecord();
  let lastPacket = 0;
  const quiet = async () => {
    const start = Date.now();
    const busy = () => driver.capturing > 0 || Date.now() - lastPacket < QUIET_MS;
    while (busy() && Date.now() - Math.max(start, lastPacket) < QUIET_MS && Date.now() - start < QUIET_AT_MOST_MS)
      await sleep(50);
  };
  const opened = openLab(
    {
      lab: place.lab,
      prefix: place.prefix,
      explain: false,
      onNote: () => {},
      page: place.page,
      onCapture: (event) => {
        lastPacket = Date.now();
        if (event.kind === "packet") see({ node: event.node, ifname: event.ifname, kind: event.packet.kind });
        printCapture(io)(event);
      },
    },
    io,
  );
  if (!opened.ok) {
    removeInterfaces(lesson.cleanup, made);
    // Up already, or in another learner's hands: either way one of their own is the answer.
    const taken = opened.error.code === "lab-exists" || opened.error.code === "lab-in-use";
    io.err(
      out(
        taken
          ? TUTORIAL.labUp({ lab: place.lab, prefix: place.prefix })
          : TUTORIAL.setupFailed({ what: opened.error.message }),
      ),
    );
    return "unavailable";
  }
  // The lesson is introduced once its lab is there: a lab in another learner's hands is said alone.
  introduce();
  const driver = opened.value;
  driver.terminal = learner.terminal;
  const prompt = `netl:${place.lab}> `;
  let entry = "";
  learner.onIdle = () => {
    // An entry left open (a string not closed) is dropped, as in the REPL, and the prompt is the first again.
    if (entry !== "") {
      entry = "";
      return prompt;
    }
    if (driver.capturing > 0) void driver.stopCaptures();
    else io.out(io.c.dim(out(TUTORIAL.idle())));
    return undefined;
  };
  try {
    for (;;) {
      const line = await learner.next(entry === "" ? prompt : `${" ".repeat(prompt.length - 4)}... `);
      if (line === undefined) return "left";
      if (entry === "" && LEAVE.test(line)) return "left";
      if (entry === "" && HINT.test(line)) {
        io.out(out(TUTORIAL.hint({ hint: w.hint })));
        continue;
      }
      entry += `${line}\n`;
      if (isIncomplete(entry)) continue;
      const text = entry;
      entry = "";
      if (text.trim() === "") continue;
      const from = record.did.length;
      let interrupted = false;
      const r = await learner.running((signal) => {
        signal.addEventListener("abort", () => {
          interrupted = true;
        });
        return runEntry(driver, text, { name: "tutorial", firstLine: 1 }, io, stopped(signal, place.stop), (run) =>
          add({ ...run, after: driver.world }),
        );
      });
      if (place.stop?.aborted) return "left";
      await quiet();
      const still = await firstUnmet(lesson, driver, record);
      if (still === undefined) {
        io.out(io.c.green(out(TUTORIAL.done({ title: w.title }))));
        const asked = new Set(lesson.checks.flatMap((c) => counted(c, driver.world, record)));
        const plain = plainCommands(
          driver.world,
          record,
          (n) => driver.session.nsName(n),
          (d) => asked.has(d),
        );
        io.out(out(TUTORIAL.plain()));
        for (const c of plain.build) io.out(`  ${c}`);
        if (plain.remove.length > 0) io.out(io.c.dim(out(TUTORIAL.plainRemove({ commands: plain.remove.join("; ") }))));
        place.onPassed(lesson.number);
        return "passed";
      }
      io.out(io.c.yellow(out(TUTORIAL.missing({ what: still }))));
      // Ctrl-C is no mistake: the learner stopped a command on purpose.
      const mistaken = r.failures > 0 || record.did.slice(from).some(slipped);
      if (mistaken && !interrupted) io.out(out(TUTORIAL.hint({ hint: w.hint })));
    }
  } finally {
    learner.onIdle = undefined;
    driver.terminal = undefined;
    await driver.close(false);
    removeInterfaces(lesson.cleanup, made);
  }
}

/** Aborted by either: the learner's Ctrl-C or the tutorial's stop. */
const stopped = (signal: AbortSignal, stop: AbortSignal | undefined): AbortSignal =>
  stop ? AbortSignal.any([signal, stop]) : signal;

/** Whether `from` reaches `to` in the live lab now (a ping the learner does not see). */
async function reaches(driver: Driver, from: string, to: string): Promise<boolean> {
  const [stmt] = parse(`ping ${from} ${to}`).program.statements;
  const q = stmt && step(driver.timeline, stmt, "");
  if (!q?.ok || q.value.kind !== "query") return false;
  const r = await driver.ask(q.value.query);
  return r.kind === "ping" && r.ok;
}

async function firstUnmet(lesson: Lesson, driver: Driver, record: Record): Promise<Message | undefined> {
  for (const check of lesson.checks) {
    const missing = await unmet(check, driver.world, record, (a, b) => reaches(driver, a, b));
    if (missing !== undefined) return missing;
  }
  return undefined;
}
