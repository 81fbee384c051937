// One lesson in Chinese at a real terminal (tmux), from its start to `exit`, with the mistakes a
// learner makes: every line netl writes on the screen is Chinese, but for the commands (the prompt's
// and the changes' `+`/`-` lines, an error's source line and caret) and addresses. A Ctrl-C at the
// terminal while a command runs stops only that command.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KEYWORDS } from "../../grammar/index.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL } from "../support/netl.js";
import { hasTmux, Terminal } from "../support/tmux.js";

const prefix = testPrefix("tzh");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const home = mkdtempSync(join(tmpdir(), "netl-tutorial-zh-"));

/** A learner's entries, mistakes among them: each kind of error the interpreter and the parser raise. */
const ENTRIES = [
  "ns A B",
  "link A <-> C", // an unknown node
  "hint",
  "help link",
  "link A <-> B 10.0.0.0/33", // a prefix too long (the parser)
  "link A <-> B 10.0.0.1/24", // an address where a network goes
  "link A <-> B 10.0.0.0/24",
  "ns A", // a node that exists
  "addr B:eth0 10.0.0.1/24", // an address in use
  "ping A 10.9.9.9", // a ping that fails
  "expect ping A 10.9.9.9", // an expect that fails
  "expect tcp A B 80", // a port nothing listens on
  "route A 10.1.0.0/16 via 10.5.0.9", // a gateway on no subnet of A
  "set A <-> B loss 200%", // a value out of range
  "exec A false",
  "undo",
  "fooo", // an unknown statement
  "ping A 10.0.0.300", // no address: the reason inside the sentence
  "link A <-> B 10.0.0/24", // a token where the line should end
  "capture A:eth9", // an interface A has not, and the ones it has
  "ps", // nothing spawned
  "logs A", // no log yet
  "history",
];
/** After the Ctrl-C: an entry left open, dropped by Ctrl-C; then the ends of undo's history. */
const LATER = ['save "x', "undo 20", "reset"];
const HAN = /\p{Script=Han}/u;

/**
 * A line that may stay ASCII: a command (typed, or a change's), an error's source line and caret, and a
 * bare prompt (the terminal drops its trailing space; one is left where a line came while it was drawn).
 */
const isCommand = (line: string): boolean =>
  /^netl:\S*>( |$)/.test(line) ||
  /^[+-] /.test(line) ||
  /^undo /.test(line) ||
  /^\s+\^+$/.test(line) ||
  /^EXIT=\d+$/.test(line) ||
  /^\s+(link|help) /.test(line) ||
  /^\s+\.\.\.$/.test(line) ||
  /^\s+\d+ {2}\S/.test(line) ||
  [...ENTRIES, ...LATER, "exec A sleep 30"].some((e) => line.trim() === e);

/** A line's own words: without an error's place, a label (`提示：`), addresses and commands in backquotes. */
const words = (line: string) =>
  line
    .replace(/^\s*tutorial:\d+:\d+: /, "")
    .replace(/^\s*(错误|提示|还差)：/u, "")
    .replace(/`[^`]*`/g, "")
    .replace(/\b[\da-f:.]+\/\d+\b/g, "")
    .trim();

/** Statements after a label (a hint that is the answer): they start with a keyword of netl's. */
const isStatement = (text: string) => KEYWORDS.includes(text.split(/\s/)[0] ?? "");

/** A line in English: its own words are there, none Chinese, and they are no command. */
const isEnglish = (line: string) =>
  !isCommand(line) && !HAN.test(words(line)) && words(line) !== "" && !isStatement(words(line));

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
      // Stopping a command is no mistake: no hint after it.
      const stoppedAt = term.screen().split("\n");
      const after = stoppedAt.slice(stoppedAt.findIndex((l) => l.includes("已中断：")));
      expect(after.filter((l) => l.startsWith("提示："))).toEqual([]);
      expect(mine()).toHaveLength(2);
      // Ctrl-C at the continuation of an open string drops the entry: the next line is an entry of its own.
      term.type(LATER[0] ?? "");
      await term.until(
        () => term.lastLine(),
        (l) => /^\s+\.\.\.$/.test(l),
        "the continuation prompt",
      );
      term.keys("C-c");
      term.type(LATER[1] ?? "");
      await term.waitText("没有更早的修改可以撤销了");
      term.type(LATER[2] ?? "");
      await term.waitText("实验环境已经是空的");
      expect(mine()).toEqual([]);
      term.type("exit");
      const screen = await term.waitText("EXIT=0");
      const lines = screen.split("\n").filter((l) => l.trim() !== "");
      // The lesson's own words and every reply are there, in Chinese.
      expect(screen).toContain("第 4 课，共 14 课：");
      expect(screen).toContain("没有名为“C”的节点");
      expect(screen).toContain("提示：");
      // Each mistake's error, in Chinese.
      for (const said of [
        "前缀长度不对",
        "是一个地址，不是网段",
        "节点“A”已经存在",
        "已经被 A:eth0 使用",
        "不通",
        "未知的语句“fooo”",
        "✗ expect ping A 10.9.9.9（结果：A -> 10.9.9.9：不通",
        "A -> 10.0.0.2 tcp 80：被拒绝（那里没有程序在监听）",
        "IPv4 地址中的每个数字最大为 255",
        "却遇到了“10”",
        "提示：A 的网络接口：lo\n",
        "还没有用 spawn 启动进程",
        "A 还没有日志",
      ])
        expect(screen).toContain(said);
      const english = lines.filter(isEnglish);
      expect(english).toEqual([]);
      expect(mine()).toEqual([]);
    } finally {
      term.kill();
    }
  }, 60_000);

  it("the rule finds an English line among Chinese ones", () => {
    const lines = [
      "任务：创建 A 和 B",
      "+ ns A",
      "  ^",
      "still missing: a link",
      "nothing to undo",
      "  提示：pick another address",
      "tutorial:1:4: 错误：node 'A' already exists",
      "提示：ns A B; link A <-> B 10.0.0.0/24",
      "netl:nlt-tzh-tutorial>",
      "netl:nlt-tzh-tutorial> ns A",
      "netl:nlt-tzh-tutorial>no such prompt",
    ];
    expect(lines.filter(isEnglish)).toEqual([
      "still missing: a link",
      "nothing to undo",
      "  提示：pick another address",
      "tutorial:1:4: 错误：node 'A' already exists",
      "netl:nlt-tzh-tutorial>no such prompt",
    ]);
  });
});
