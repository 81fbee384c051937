// One lesson in Chinese at a real terminal (tmux), from its start to `exit`, with the mistakes a
// learner makes: every line netl writes on the screen is Chinese, but for the commands (the prompt's
// and the changes' `+`/`-` lines, an error's source line and caret) and addresses. A Ctrl-C at the
// terminal while a command runs stops only that command.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL } from "../support/netl.js";
import { hasTmux, Terminal } from "../support/tmux.js";

const prefix = testPrefix("tzh");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const home = mkdtempSync(join(tmpdir(), "netl-tutorial-zh-"));

const ENTRIES = [
  "ns A B",
  "link A <-> C",
  "hint",
  "help link",
  "link A <-> B 10.0.0.0/24",
  "exec A false",
  "undo",
  "fooo",
];
const HAN = /\p{Script=Han}/u;

/** A line that may stay ASCII: a command (typed, or a change's), an error's source line and caret. */
const isCommand = (line: string): boolean =>
  /^netl:\S*> /.test(line) ||
  /^[+-] /.test(line) ||
  /^undo /.test(line) ||
  /^\s+\^+$/.test(line) ||
  /^EXIT=\d+$/.test(line) ||
  /^\s+(link|help) /.test(line) ||
  [...ENTRIES, "exec A sleep 30"].some((e) => line.trim() === e);

/** What is left of a line once its addresses and commands in backquotes are taken out. */
const words = (line: string) =>
  line
    .replace(/`[^`]*`/g, "")
    .replace(/\b[\da-f:.]+\/\d+\b/g, "")
    .trim();

describe.runIf(kernelTestsEnabled("tutorial-zh.test.ts") && hasTmux)("a lesson in Chinese, at a terminal", () => {
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    expect(mine()).toEqual([]);
  });

  it("shows no English line from the start of the lesson to exit", async () => {
    const term = new Terminal(`${prefix}-${process.pid}`);
    try {
      term.start(
        `cd ${home} && HOME=${home} NO_COLOR=1 node ${NETL} tutorial 4 --lang zh --prefix ${prefix}; echo "EXIT=$?"; sleep 600`,
        200,
      );
      await term.waitText("netl:");
      for (const entry of ENTRIES) {
        const before = term.screen().split("netl:").length;
        term.type(entry);
        await term.until(
          () => term.screen(),
          (s) => s.split("netl:").length > before,
          `the prompt after ${entry}`,
        );
      }
      // Ctrl-C while a command runs stops that command only: the lesson goes on, its lab as it was.
      const before = term.screen().split("netl:").length;
      term.type("exec A sleep 30");
      await term.until(
        () => execFileSync("ip", ["netns", "pids", `${prefix}-A`], { encoding: "utf8" }).trim(),
        (pids) => pids !== "",
        "the sleep in A",
      );
      term.keys("C-c");
      await term.until(
        () => term.screen(),
        (s) => s.split("netl:").length > before,
        "the prompt after Ctrl-C",
      );
      await term.waitText("已中断：只停止了这条命令，实验环境保持原样");
      expect(mine()).toHaveLength(2);
      term.type("exit");
      const screen = await term.waitText("EXIT=0");
      const lines = screen.split("\n").filter((l) => l.trim() !== "");
      // The lesson's own words and every reply are there, in Chinese.
      expect(screen).toContain("第 4 课，共 14 课：");
      expect(screen).toContain("没有名为“C”的节点");
      expect(screen).toContain("提示：");
      const english = lines.filter((l) => !isCommand(l) && !HAN.test(l) && words(l) !== "");
      expect(english).toEqual([]);
      expect(mine()).toEqual([]);
    } finally {
      term.kill();
    }
  }, 60_000);

  it("the rule finds an English line among Chinese ones", () => {
    const lines = ["任务：创建 A 和 B", "+ ns A", "  ^", "still missing: a link", "nothing to undo"];
    expect(lines.filter((l) => !isCommand(l) && !HAN.test(l) && words(l) !== "")).toEqual([
      "still missing: a link",
      "nothing to undo",
    ]);
  });
});
