// `netl tutorial`: the words around the lessons (the lessons' own words are in lessons/*.netl).
import { catalogue, entry, type Message } from "./catalogue.js";

export const TUTORIAL = catalogue("tutorial", {
  /** `Lesson 8 of 12: A router between two networks` */
  heading: entry<{ n: number; total: number; title: string }>(
    (a) => `Lesson ${a.n} of ${a.total}: ${a.title}`,
    (a) => `第 ${a.n} 课，共 ${a.total} 课：${a.title}`,
  ),
  task: entry<{ task: string }>(
    (a) => `Task: ${a.task}`,
    (a) => `任务：${a.task}`,
  ),
  howTo: entry(
    () => "(type hint for a hint, help for the statements, exit or Ctrl-D to leave)",
    () => "（输入 hint 查看提示，help 查看语句，exit 或 Ctrl-D 退出）",
  ),
  hint: entry<{ hint: string }>(
    (a) => `hint: ${a.hint}`,
    (a) => `提示：${a.hint}`,
  ),
  missing: entry<{ what: Message }>(
    (a) => `still missing: ${a.what}`,
    (a) => `还差：${a.what}`,
  ),
  done: entry<{ title: string }>(
    (a) => `✓ Done: ${a.title}`,
    (a) => `✓ 本课完成：${a.title}`,
  ),
  plain: entry(
    () => "The same lab with plain commands (paste them into a root shell):",
    () => "用普通命令搭出同样的实验环境（可以粘贴到 root 的 shell 里运行）：",
  ),
  plainRemove: entry<{ commands: string }>(
    (a) => `and to remove it: ${a.commands}`,
    (a) => `删除它：${a.commands}`,
  ),
  allDone: entry(
    () => "Every lesson done.",
    () => "所有课程都已完成。",
  ),
  noLesson: entry<{ n: string }>(
    (a) => `no lesson ${a.n}: netl tutorial --list shows them`,
    (a) => `没有第 ${a.n} 课：netl tutorial --list 列出所有课程`,
  ),
  badLang: entry<{ lang: string }>(
    (a) => `--lang takes en or zh, not '${a.lang}'`,
    (a) => `--lang 只能是 en 或 zh，不能是“${a.lang}”`,
  ),
  /** Ctrl-C with nothing running. */
  idle: entry(
    () => "(type exit or press Ctrl-D to leave; the lesson's lab is removed)",
    () => "（输入 exit 或按 Ctrl-D 退出；本课的实验环境会被删除）",
  ),
  setupFailed: entry<{ what: string }>(
    (a) => `the lesson could not be set up: ${a.what}`,
    (a) => `无法准备本课：${a.what}`,
  ),
  labUp: entry<{ lab: string; prefix: string }>(
    (a) =>
      `the tutorial's lab '${a.lab}' is up already (another learner, or a tutorial still running): take one of your own with netl tutorial --prefix P --lab L, or remove it with netl down ${a.lab}`,
    (a) =>
      `教程的实验环境“${a.lab}”已经存在（另一位学习者在用，或者还有一个教程在运行）：用 netl tutorial --prefix P --lab L 使用你自己的，或者用 netl down ${a.lab} 删除它`,
  ),
  progressNotKept: entry<{ why: string }>(
    (a) => `progress is not kept: ${a.why}`,
    (a) => `学习进度没有保存：${a.why}`,
  ),
  /** A lesson needs a program the machine does not have. */
  needs: entry<{ program: string; install: string }>(
    (a) => `this lesson needs ${a.program}, which is not installed: ${a.install}`,
    (a) => `本课需要 ${a.program}，但它没有安装：${a.install}`,
  ),
});
