// `netl tutorial`: lessons (lessons/*.netl) walk a learner through namespaces to routers, switches and
// bad links, each on a live lab: the task, a check after every entry that says what is still missing
// (and the hint after a mistake), and once it passes, the plain ip commands that did the same.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Statement } from "../../grammar/ast.js";
import { isIncomplete, parse } from "../../grammar/index.js";
import { step } from "../interpreter/step.js";
import { runEntry } from "../repl/entry.js";
import { ProcessExecutor } from "../runtime/executor.js";
import { DEFAULT_RUN_DIR } from "../runtime/lab-record.js";
import { Session } from "../runtime/session.js";
import { type Done, unmet } from "../tutorial/checks.js";
import { type Lang, type Lesson, languageOf, readLessons } from "../tutorial/lessons.js";
import { type Io, shellLine } from "./io.js";
import { EXIT, needRoot } from "./live.js";

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

const T = (lang: Lang, en: string, zh: string) => (lang === "zh" ? zh : en);

type Lines = AsyncIterator<string>;

/** One lesson on a fresh lab: "passed", or "ended" when the input ended (or the learner left) first. */
async function runLesson(lesson: Lesson, total: number, lines: Lines, lang: Lang, io: Io): Promise<"passed" | "ended"> {
  const w = lesson.words[lang];
  io.out(io.c.bold(`\n${T(lang, "Lesson", "第")} ${lesson.number}/${total}${T(lang, "", " 课")}: ${w.title}`));
  io.out(w.about);
  io.out(io.c.bold(`${T(lang, "Task", "任务")}: ${w.task}`));
  io.out(io.c.dim(T(lang, "(type hint for a hint, exit to leave)", "（输入 hint 查看提示，exit 退出）")));
  const made: string[] = [];
  for (const command of lesson.setup) {
    // `A || B`: the first that works (a dummy where the kernel has the driver, else a veth end).
    for (const alternative of command.split(" || ")) {
      const argv = alternative.split(" ");
      const name = argv[3] ?? "";
      if (existsSync(`/sys/class/net/${name}`)) break;
      try {
        execFileSync(argv[0] ?? "ip", argv.slice(1), { stdio: "ignore" });
        made.push(name);
        break;
      } catch {}
    }
  }
  const commands: string[] = [];
  const opened = Session.open({
    lab: `tutorial-${lesson.number}`,
    prefix: "tut",
    executor: new ProcessExecutor(),
    runDir: process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR,
    explain: true,
    onCommand: (argv) => commands.push(shellLine(argv)),
  });
  if (!opened.ok) {
    io.err(opened.error.message);
    return "ended";
  }
  const session = opened.value;
  const done = { execs: [] as Done["execs"][number][], undos: 0, kinds: new Set<string>(), deleted: new Set<string>() };
  const ping = async (from: string, to: string) => {
    const [stmt] = parse(`ping ${from} ${to}`).program.statements;
    const q = stmt && step(session.timeline, stmt, "");
    if (!q?.ok || q.value.kind !== "query") return false;
    const r = await session.ask(q.value.query);
    return r.kind === "ping" && r.ok;
  };
  try {
    let entry = "";
    for (;;) {
      const next = await lines.next();
      if (next.done) return "ended";
      const line = next.value;
      if (entry === "" && /^\s*(exit|quit)\s*$/.test(line)) return "ended";
      if (entry === "" && /^\s*hint\s*$/.test(line)) {
        io.out(`${T(lang, "hint", "提示")}: ${w.hint}`);
        continue;
      }
      entry += `${line}\n`;
      if (isIncomplete(entry)) continue;
      const text = entry;
      entry = "";
      const r = await runEntry(session, text, { name: "tutorial", firstLine: 1 }, io, new AbortController().signal);
      if (r.failures === 0) record(parse(text).program.statements, done);
      const missing = await firstUnmet(lesson, session, done, ping, lang);
      if (missing === undefined) {
        io.out(io.c.green(`✓ ${T(lang, "Done", "完成")}: ${w.title}`));
        io.out(T(lang, "The same with plain commands (as root):", "用普通命令做同样的事（以 root 身份）："));
        for (const c of commands) io.out(`  ${c}`);
        markDone(lesson.number);
        return "passed";
      }
      io.out(io.c.yellow(`${T(lang, "still missing", "还差")}: ${missing}`));
      if (r.failures > 0) io.out(`${T(lang, "hint", "提示")}: ${w.hint}`);
    }
  } finally {
    await session.close(false);
    for (const name of lesson.cleanup)
      if (made.some((m) => m === name) && existsSync(`/sys/class/net/${name}`))
        execFileSync("ip", ["link", "del", name]);
  }
}

function record(
  statements: readonly Statement[],
  done: { execs: Done["execs"][number][]; undos: number; kinds: Set<string>; deleted: Set<string> },
): void {
  for (const s of statements) {
    done.kinds.add(s.kind);
    if (s.kind === "del") for (const n of s.names) done.deleted.add(n.text);
    if (s.kind === "exec") done.execs.push({ node: s.node.text, command: s.command });
    if (s.kind === "undo") done.undos++;
  }
}

async function firstUnmet(
  lesson: Lesson,
  session: Session,
  done: Done,
  ping: (a: string, b: string) => Promise<boolean>,
  lang: Lang,
): Promise<string | undefined> {
  for (const check of lesson.checks) {
    const missing = await unmet(check, session.world, done, ping, lang);
    if (missing !== undefined) return missing;
  }
  return undefined;
}

export async function tutorialCommand(
  number: string | undefined,
  options: { list?: boolean; lang?: string },
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
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  for (const lesson of lessons.filter((l) => l.number >= first.number)) {
    if ((await runLesson(lesson, lessons.length, lines, lang, io)) === "ended") return EXIT.failed;
  }
  io.out(io.c.green(T(lang, "\nEvery lesson done.", "\n所有课程都完成了。")));
  return EXIT.ok;
}
