// What netl says around the statements while a learner works: the lab being put right after a signal,
// a rollback that failed in part, where the live page is, and where the progress and history are kept.
import { shapes, zhInside } from "./shapes.js";

/** A link's or an interface's state in a change: `up`, `down`, `plain` (no conditions); conditions as written. */
const STATE: Readonly<Record<string, string>> = { up: "启用", down: "关闭", plain: "无条件" };
const stateZh = (s: string | undefined): string => STATE[s ?? ""] ?? s ?? "";
/** A space between Chinese and what is written in Latin letters after it (`原来是 rate 1mbit`). */
const spaced = (s: string): string => (/^[\x21-\x7e]/.test(s) ? ` ${s}` : s);

/** Why HOME was passed over, in Chinese (its own sentence, worded by its shape below). */
const whyZh = (why: string | undefined): string => zhInside(AROUND.shapes, why);

export const AROUND = shapes("around", {
  stillRollingBack: [
    "netl: still rolling back the statement in flight; wait — the lab is being put back",
    "netl：正在回滚进行中的语句，请稍候——实验环境正在恢复原样",
  ],
  stillRemoving: ["netl: removing the lab; please wait", "netl：正在删除实验环境，请稍候"],
  livePage: ["live page: {:url}", "实时页面：{url}"],
  openPage: [
    "netl: the live page listens on {:host}: anyone who reaches this machine there can see the lab (it is read-only)",
    "netl：实时页面在 {host} 上监听：能从那里访问本机的任何人都能看到这个实验环境（页面只读）",
  ],
  homeElsewhere: [
    "HOME ({home}) {why}: netl keeps its history and progress in {dir} instead",
    (a) => `HOME（${a.home}）${whyZh(a.why)}：netl 改为把历史记录和学习进度保存在 ${a.dir}`,
  ],
  homeNowhere: [
    "HOME ({home}) {why}: netl keeps no history or progress there",
    (a) => `HOME（${a.home}）${whyZh(a.why)}：netl 不在那里保存历史记录和学习进度`,
  ],
  notAFolder: ["is not a folder", "不是目录"],
  belongsTo: ["belongs to uid {:owner}, not to uid {:uid}", "属于 uid {owner}，而不是 uid {uid}"],
  rollbackFailedAt: [
    "the rollback failed at {steps}:",
    (a) => `回滚有 ${(a.steps ?? "").replace(/ steps?$/, "")} 步失败：`,
  ],
  failedStep: ["failed:", "失败："],
  leftBehind: ["left behind:", "遗留："],
  notPutBack: ["not put back:", "没有放回："],
  notRestored: ["not restored:", "没有恢复："],
  removeWith: ["remove it with:", "删除它的命令："],
  putBackWith: ["put it back with:", "放回它的命令："],
  restoreWith: ["restore it with:", "恢复它的命令："],
  kernelSaidLine: ["kernel said: {said}", "内核的回答：{said}"],
  nothing: ["(nothing)", "（无）"],
  /** A change of state: `~ A:eth0: down (was up)`. */
  changed: [
    "~ {what}: {now} (was {before})",
    (a) => `~ ${a.what}：${stateZh(a.now)}（原来是${spaced(stateZh(a.before))}）`,
  ],
  // `show`'s headings.
  nodes: ["nodes:", "节点："],
  links: ["links:", "链路："],
  routes: ["routes:", "路由："],
  firewall: ["firewall (allows first):", "防火墙（allow 规则在前）："],
  firewallOwn: [
    "firewall (the lab's own nftables table; allows first):",
    "防火墙（实验环境自己的 nftables 表；allow 规则在前）：",
  ],
  spawnedPs: ["spawned (ps for pids):", "后台进程（用 ps 查看 pid）："],
  spawned: ["spawned:", "后台进程："],
  explainOn: ["explain on: each ip command is printed as it runs", "explain on：每条 ip 命令运行时都会打印出来"],
  explainOff: ["explain off", "explain off：不再打印 ip 命令"],
});
