// The sentences the layers below make in English, worded in Chinese when the reader reads Chinese:
// each known shape gives back its very sentence in English, a sentence of another shape is left as it
// was, and an error rendered for a Chinese reader has no English left in its message and hint.
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { renderError } from "../../src/present/render-error.js";
import { say } from "../../src/words/catalogue.js";
import { phraseOf, reword } from "../../src/words/phrases.js";

const KNOWN = [
  "unknown node 'C'",
  "no node 'B' to delete",
  "create it first: ns C",
  "did you mean 'for'?",
  "unknown statement 'foo'",
  "statements start with ns, router, help or shell",
  "node 'A' already exists",
  "A has no interface eth9",
  "10.0.0.1 is already used by A:eth0",
  "'A' and 'B' share no link",
  "nothing to undo",
  "nothing to redo",
  "the lab is empty",
  "the lab's nodes: A, B",
  // The answers of undo, redo, reset, history, ps, logs, save and serve (words/answers.ts).
  "nothing more to undo",
  "nothing more to redo",
  "the lab is already empty",
  "no changes yet",
  "  undone (redo brings back):",
  "nothing spawned (spawn B CMD… starts a process in B)",
  "#1  A  pid 4242 running  tcpdump -n -i eth0",
  "#2  B  pid 4243 exited  sleep 1",
  "#3  B  not started  sleep 1",
  "A has no log yet: nothing spawned there has printed anything",
  "A's log is empty",
  "no logs here",
  "… the oldest 1,048,576 bytes were dropped (a node's log keeps the last 0.5 MiB to 1 MiB)",
  "… 12 earlier lines in /run/netl/x/A.log",
  "saved 2 nodes and 1 link to lab.netl",
  "explain off",
  "route auto: every route is up to date",
  "+ router R: forwarding on",
  "+ move dum0 -> A (mtu 1500, down)",
  "+ move A:dum0 -> host (192.0.2.9/24, mtu 1500, up, 2 routes, 1 setting)",
  "the live page is closed",
  "the live page of lab 'demo' is at http://127.0.0.1:8080/ (read-only; serve off closes it)",
];

describe("known sentences", () => {
  it("are each a message whose English is the sentence itself, and whose Chinese is Chinese", () => {
    for (const text of KNOWN) {
      const m = phraseOf(text);
      expect(m, text).toBeDefined();
      if (m === undefined) continue;
      expect(say("en", m)).toBe(text);
      expect(reword(text, "zh")).toMatch(/\p{Script=Han}/u);
      expect(reword(text, "en")).toBe(text);
    }
  });

  it("leave a sentence of another shape, or one with more around it, as it was", () => {
    for (const text of [
      "unknown node",
      "an unknown node 'C' here",
      "nothing to undo now",
      "did you mean 'ping A B'? (netl writes the statement first: ping FROM TO) now",
    ])
      expect(reword(text, "zh")).toBe(text);
  });

  it("word an error for a Chinese reader: message, hint and labels", () => {
    const error = {
      phase: "check",
      code: "unknown-node",
      message: "unknown node 'C'",
      hint: "create it first: ns C",
      span: { line: 1, col: 12, endLine: 1, endCol: 13, offset: 11, endOffset: 12 },
    } as const;
    const zh = renderError(error, "link A <-> C", "tutorial", pc.createColors(false), undefined, "zh");
    expect(zh).toBe("tutorial:1:12: 错误：没有名为“C”的节点\n  link A <-> C\n             ^\n  提示：请先创建它：ns C");
    const en = renderError(error, "link A <-> C", "tutorial", pc.createColors(false));
    expect(en).toBe(
      "tutorial:1:12: error: unknown node 'C'\n  link A <-> C\n             ^\n  hint: create it first: ns C",
    );
  });
});

describe("a change's line that says more than its statement, for a Chinese reader", () => {
  it("words what it adds", () => {
    expect(reword("+ move dum0 -> A (mtu 1500, down)", "zh")).toBe("+ move dum0 -> A（mtu 1500，关闭）");
    expect(reword("+ move A:dum0 -> host (192.0.2.9/24, up, 2 routes)", "zh")).toBe(
      "+ move A:dum0 -> host（本机拿回：192.0.2.9/24，启用，2 条路由）",
    );
    expect(reword("+ router R: forwarding on", "zh")).toBe("+ router R：已打开转发");
    expect(reword("+ ns A", "zh")).toBe("+ ns A");
  });
});

describe("a list in a sentence, for a Chinese reader", () => {
  it("is enumerated with 、, not with a comma", () => {
    expect(reword("the lab's nodes: A, B", "zh")).toBe("实验环境里的节点：A、B");
    expect(reword("A's interfaces: lo, eth0", "zh")).toBe("A 的网络接口：lo、eth0");
    expect(reword("the machine's interfaces: lo, eth0", "zh")).toBe("本机的网络接口：lo、eth0");
    expect(reword("A's links: A:eth0 <-> B:eth0, A:eth1 <-> host:x0", "zh")).toBe(
      "A 的链路：A:eth0 <-> B:eth0、A:eth1 <-> host:x0",
    );
  });
});

describe("what a prefix clashes with on the machine, for a Chinese reader", () => {
  it("is worded inside the sentence, with nothing of it left in English", () => {
    const cases: [string, string][] = [
      [
        "10.0.0.0/24 overlaps the machine's route 10.0.0.0/8 dev eth0",
        "10.0.0.0/24 与本机的路由 10.0.0.0/8 dev eth0 重叠",
      ],
      [
        "route host 10.0.0.0/24 would shadow the lab's own 10.0.0.2/8 on host:nlx0",
        "route host 10.0.0.0/24 会遮住实验环境自己在 host:nlx0 上的 10.0.0.2/8",
      ],
      [
        "10.9.0.0/16 overlaps 10.9.0.1/24, which dum0 (moved into A) gets back when it returns",
        "10.9.0.0/16 与 10.9.0.1/24（dum0 移进了 A，移回本机时会重新拿到它）重叠",
      ],
      [
        "10.0.0.0/24 overlaps the machine's address 10.0.0.5/24 on eth0",
        "10.0.0.0/24 与本机 eth0 上的地址 10.0.0.5/24 重叠",
      ],
    ];
    for (const [en, zh] of cases) expect(reword(en, "zh")).toBe(zh);
  });
});

describe("an answer of several lines", () => {
  it("is worded line by line, the lines of no known shape left as they were", () => {
    const show = "nodes:\n  A  ns      eth0 10.0.0.1/24 (down)\nlinks:\n  A:eth0 <-> B:eth0";
    expect(reword(show, "zh")).toBe("节点：\n  A  ns      eth0 10.0.0.1/24（关闭）\n链路：\n  A:eth0 <-> B:eth0");
    expect(reword(show, "en")).toBe(show);
  });
});

describe("a rollback that failed in part, for a Chinese reader", () => {
  it("has no English label left: each step, its command and the kernel's words", () => {
    const error = {
      phase: "kernel",
      code: "kernel-refused",
      message: "the kernel refused: ip link add x type veth",
      failed: { argv: ["ip", "link", "add", "x"], stderr: "" },
      rollbackFailures: [
        {
          argv: ["ip", "netns", "del", "nlt-A"],
          stderr: "busy",
          object: { words: "namespace nlt-A", action: "remove" },
        },
        { argv: ["ip", "link", "set", "x", "up"], stderr: "" },
      ],
    } as const;
    const zh = renderError(error, undefined, "", pc.createColors(false), undefined, "zh");
    expect(zh).toBe(
      [
        "内核拒绝了：ip link add x type veth",
        "  内核的回答：（无）",
        "  回滚有 2 步失败：",
        "    遗留： namespace nlt-A",
        "      删除它的命令： ip netns del nlt-A",
        "      内核的回答：busy",
        "    失败： ip link set x up",
        "      内核的回答：（无）",
      ].join("\n"),
    );
    expect(renderError(error, undefined, "", pc.createColors(false))).toContain("  the rollback failed at 2 steps:");
  });
});

describe("a reason inside a sentence", () => {
  it("is worded by its own shape", () => {
    expect(reword("cannot load lab.netl: no such file", "zh")).toBe("无法加载 lab.netl：没有这个文件");
    expect(reword("cannot load x: it is a FIFO, not a regular file", "zh")).toBe(
      "无法加载 x：它是一个 FIFO，不是普通文件",
    );
    expect(reword("cannot load x: EWHATEVER", "zh")).toBe("无法加载 x：EWHATEVER");
  });
});
