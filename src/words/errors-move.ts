// What the interpreter says is wrong with moving an interface between the machine and a node
// (src/interpreter/statements/move.ts), in English as it makes it and in Chinese.
import { enumZh, shapes } from "./shapes.js";

export const MOVE_ERRORS = shapes("moveErrors", {
  inMachine: ["{:ifname} is in the machine's namespace already", "{ifname} 已经在本机的命名空间里了"],
  intoNode: ["move it into a node", "请把它移到一个节点里"],
  machineLo: ["the machine's lo cannot leave its namespace", "本机的 lo 不能离开本机的命名空间"],
  moveAnother: ["move another interface", "请移动别的网络接口"],
  labsOwnEnd: [
    "{:ifname} is the lab's own end of link {link}, not an interface of the machine",
    "{ifname} 是实验环境自己的链路 {link} 的一端，不是本机的网络接口",
  ],
  linkUnlink: ["links are made and removed with link and unlink", "链路用 link 建立、用 unlink 删除"],
  movedThere: [
    "{:ifname} is in {:node} already (moved there from the machine)",
    "{ifname} 已经在 {node} 里了（是从本机移过去的）",
  ],
  moveBack: [
    "move it back with: move {:node}:{:ifname} -> host",
    "用这条语句把它移回本机：move {node}:{ifname} -> host",
  ],
  moveOn: ["move {:node}:{:ifname} -> {:to}", "可以这样移动：move {node}:{ifname} -> {to}"],
  otherLabs: [
    "{:ifname} is named like an interface of another netl lab",
    "{ifname} 的名字看起来属于另一个 netl 实验环境",
  ],
  machineOnly: ["netl moves only the machine's own interfaces", "netl 只移动本机自己的网络接口"],
  noMachineIface: ["the machine has no interface {:ifname}", "本机没有网络接口 {ifname}"],
  machineIfaces: ["the machine's interfaces: {list}", (a) => `本机的网络接口：${enumZh(a.list)}`],
  defaultRoute: [
    "{:ifname} carries the machine's default route ({route}); moving it can cut the machine off its network",
    "{ifname} 承载着本机的默认路由（{route}）：移走它可能让本机断网",
  ],
  sayForce: [
    "if that is really meant, say so: move {:ifname} -> {:node} force",
    "如果确实要这样，请明确写出：move {ifname} -> {node} force",
  ],
  keepsName: [
    "a moved interface keeps its name; move it into another node",
    "移动后的网络接口保留原来的名字，请把它移到别的节点里",
  ],
  notMovedLink: [
    "{:node}:{:ifname} is an end of link {link}; only interfaces moved in from the machine can move on",
    "{node}:{ifname} 是链路 {link} 的一端：只有从本机移进来的网络接口才能再移动",
  ],
  notMovedLo: [
    "{:node}:{:ifname} is its loopback; only interfaces moved in from the machine can move on",
    "{node}:{ifname} 是它的回环接口：只有从本机移进来的网络接口才能再移动",
  ],
  notMovedMade: [
    "{:node}:{:ifname} is made by the lab; only interfaces moved in from the machine can move on",
    "{node}:{ifname} 是实验环境创建的：只有从本机移进来的网络接口才能再移动",
  ],
  unlinkInstead: ["remove the link instead: unlink {link}", "请改为删除这条链路：unlink {link}"],
  nameAgain: ["the machine has an interface named {:ifname} again", "本机又有了一个叫 {ifname} 的网络接口"],
  anotherForNow: ["move it into another node for now", "暂时请把它移到别的节点里"],
  inNodeAlready: ["{:ifname} is in {:node} already", "{ifname} 已经在 {node} 里了"],
  toAnother: ["move it to another node", "请把它移到别的节点"],
});
