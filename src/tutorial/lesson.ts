// One lesson of `netl tutorial` on a live lab of its own: the task, a check after every entry that
// says what is still missing (and the hint after a mistake), and once it passes, the plain ip commands
// that did the same.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Statement } from "../../grammar/ast.js";
import { isIncomplete, parse } from "../../grammar/index.js";
import type { Driver } from "../driver/driver.js";
import { runEntry } from "../driver/entry.js";
import { openLab } from "../driver/setup.js";
import { step } from "../interpreter/step.js";
import type { Io } from "../present/io.js";
import { shellLine } from "../present/shell-line.js";
import type { LivePage } from "../serve/page.js";
import { type Done, unmet } from "./checks.js";
import type { Lang, Lesson } from "./lessons.js";

export const T = (lang: Lang, en: string, zh: string) => (lang === "zh" ? zh : en);

export type Lines = AsyncIterator<string>;

/**
 * One lesson on a fresh lab: "passed" (`onPassed` has been told, before the lab goes), or "ended" when
 * the input ended (or the learner left, or `stop` was aborted by a signal) first.
 */
export async function runLesson(
  lesson: Lesson,
  total: number,
  lines: Lines,
  lang: Lang,
  io: Io,
  onPassed: (n: number) => void,
  stop: AbortSignal = new AbortController().signal,
  /** The live page (`--serve`): it follows each lesson's lab in turn. */
  page?: LivePage,
): Promise<"passed" | "ended"> {
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
  const opened = openLab(
    {
      lab: `tutorial-${lesson.number}`,
      prefix: "tut",
      explain: true,
      // The commands are the lesson's answer, shown once it passes; notes are not printed here.
      onCommand: (argv) => commands.push(shellLine(argv)),
      onNote: () => {},
      page,
    },
    io,
  );
  if (!opened.ok) {
    io.err(opened.error.message);
    return "ended";
  }
  const driver = opened.value;
  const done = { execs: [] as Done["execs"][number][], undos: 0, kinds: new Set<string>(), deleted: new Set<string>() };
  const ping = async (from: string, to: string) => {
    const [stmt] = parse(`ping ${from} ${to}`).program.statements;
    const q = stmt && step(driver.timeline, stmt, "");
    if (!q?.ok || q.value.kind !== "query") return false;
    const r = await driver.ask(q.value.query);
    return r.kind === "ping" && r.ok;
  };
  try {
    let entry = "";
    for (;;) {
      const next = await lines.next();
      if (next.done || stop.aborted) return "ended";
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
      // A signal stops the entry in flight (a change rolled back); the lesson's lab then goes.
      const r = await runEntry(driver, text, { name: "tutorial", firstLine: 1 }, io, stop);
      if (stop.aborted) return "ended";
      if (r.failures === 0) record(parse(text).program.statements, done);
      const missing = await firstUnmet(lesson, driver, done, ping, lang);
      if (missing === undefined) {
        io.out(io.c.green(`✓ ${T(lang, "Done", "完成")}: ${w.title}`));
        io.out(T(lang, "The same with plain commands (as root):", "用普通命令做同样的事（以 root 身份）："));
        for (const c of commands) io.out(`  ${c}`);
        onPassed(lesson.number);
        return "passed";
      }
      io.out(io.c.yellow(`${T(lang, "still missing", "还差")}: ${missing}`));
      if (r.failures > 0) io.out(`${T(lang, "hint", "提示")}: ${w.hint}`);
    }
  } finally {
    await driver.close(false);
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
  driver: Driver,
  done: Done,
  ping: (a: string, b: string) => Promise<boolean>,
  lang: Lang,
): Promise<string | undefined> {
  for (const check of lesson.checks) {
    const missing = await unmet(check, driver.world, done, ping, lang);
    if (missing !== undefined) return missing;
  }
  return undefined;
}
