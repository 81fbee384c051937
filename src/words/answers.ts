// The plain answers of statements that are neither errors nor the lab's picture: what a change says
// besides its statement (route auto, router, move), the ends of undo's and redo's history, an empty
// lab reset, `history`, `ps`, `logs`, `save`, `serve`. The layers below make them in English; each is
// known here by its shape and worded in Chinese (words/phrases.ts).
import { type Rewrites, rewrite } from "./rewrite.js";
import { shapes } from "./shapes.js";

/** A moved interface's note, `(192.0.2.9/24, mtu 1500, up, 2 routes)`, its words in Chinese. */
const NOTE_ZH: Rewrites = [
  [/^up$/, "启用"],
  [/^down$/, "关闭"],
  [/^(\d+) routes?$/, "$1 条路由"],
  [/^(\d+) settings?$/, "$1 项设置"],
  [/^not its qdisc (\S+): netl cannot put it back$/, "它的 qdisc $1 netl 无法恢复"],
];
const noteZh = (note: string | undefined): string =>
  (note ?? "")
    .split(", ")
    .map((part) => rewrite(NOTE_ZH, part))
    .join("，");

/** `3 nodes`, `1 link` in Chinese: `3 个节点`, `1 条链路`. */
const countZh = (text: string | undefined): string =>
  (text ?? "").replace(/^(\d+) nodes?$/, "$1 个节点").replace(/^(\d+) links?$/, "$1 条链路");

export const ANSWERS = shapes("answers", {
  // Lines of a change's summary that say more than the statement.
  routesUpToDate: ["route auto: every route is up to date", "route auto：所有路由都已是最新的"],
  forwardingOn: ["+ router {:name}: forwarding on", "+ router {name}：已打开转发"],
  movedIn: ["+ move {:ifname} -> {:node} ({note})", (a) => `+ move ${a.ifname} -> ${a.node}（${noteZh(a.note)}）`],
  movedBack: ["+ move {:where} -> host ({note})", (a) => `+ move ${a.where} -> host（本机拿回：${noteZh(a.note)}）`],
  nothingMoreToUndo: ["nothing more to undo", "没有更早的修改可以撤销了"],
  nothingMoreToRedo: ["nothing more to redo", "没有更多的修改可以重做了"],
  labAlreadyEmpty: ["the lab is already empty", "实验环境已经是空的"],
  noChangesYet: ["no changes yet", "还没有任何修改"],
  undoneHeading: ["  undone (redo brings back):", "  已撤销（redo 可以恢复）："],
  nothingSpawned: [
    "nothing spawned (spawn B CMD… starts a process in B)",
    "还没有用 spawn 启动进程（spawn B CMD… 在 B 里启动一个）",
  ],
  psRunning: ["#{:id}  {:node}  pid {:pid} running  {command}", "#{id}  {node}  pid {pid} 运行中  {command}"],
  psExited: ["#{:id}  {:node}  pid {:pid} exited  {command}", "#{id}  {node}  pid {pid} 已退出  {command}"],
  psNotStarted: ["#{:id}  {:node}  not started  {command}", "#{id}  {node}  未启动  {command}"],
  noLogYet: [
    "{:node} has no log yet: nothing spawned there has printed anything",
    "{node} 还没有日志：在那里用 spawn 启动的进程还没有输出过任何内容",
  ],
  logEmpty: ["{:node}'s log is empty", "{node} 的日志是空的"],
  noLogs: ["no logs here", "这里没有日志"],
  logDropped: [
    "… the oldest {:bytes} bytes were dropped (a node's log keeps the last {:least} MiB to {:most} MiB)",
    "… 最早的 {bytes} 字节已被丢弃（节点的日志只保留最后 {least} MiB 到 {most} MiB）",
  ],
  logEarlier: ["… earlier lines in {file}", "… 更早的行在 {file} 里"],
  logEarlierN: ["… {:n} earlier lines in {file}", "… 还有 {n} 行更早的在 {file} 里"],
  saved: ["saved {n} and {m} to {path}", (a) => `已把 ${countZh(a.n)}和 ${countZh(a.m)}保存到 ${a.path}`],
  noPage: ["no live page is served", "当前没有提供实时页面"],
  pageStays: [
    "the live page stays at {url}: netl was started with --serve",
    "实时页面仍在 {url}：netl 是带着 --serve 启动的",
  ],
  pageClosed: ["the live page is closed", "实时页面已关闭"],
  pageAt: ["the live page is at {url}", "实时页面在 {url}"],
  pageOfLab: [
    "the live page of lab '{:lab}' is at {url} (read-only; serve off closes it)",
    "实验环境“{lab}”的实时页面在 {url}（只读；serve off 关闭它）",
  ],
});
