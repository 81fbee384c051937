// `why`'s answer (src/present/why.ts) and `pingall`'s drop rate (present/pingall.ts), in English as they
// are said and in Chinese: what stops a ping, where, and what to type to fix it.
import { say } from "./catalogue.js";
import { fitShape, shapes } from "./shapes.js";

/** A sentence inside a sentence (`on the way back: …`, `fix: route auto, or …`), in Chinese by its own shape. */
const inner = (text: string | undefined): string => {
  const m = fitShape(WHY.shapes, text ?? "");
  return m === undefined ? (text ?? "") : say("zh", m);
};

export const WHY = shapes("why", {
  reaches: ["{:from} reaches {:address}: nothing to explain", "{from} 能到达 {address}：没有什么需要解释的"],
  noAddress: ["{:node} has no address to ping", "{node} 没有可以 ping 的地址"],
  giveAddress: [
    "fix: give it one, e.g. addr {:node}:eth0 ADDRESS/LEN",
    "修复：给它配一个地址，例如 addr {node}:eth0 ADDRESS/LEN",
  ],
  wayBack: ["on the way back: {rest}", (a) => `回程上：${inner(a.rest)}`],
  noRouteLab: ["{:node} has no route to {:address} through the lab", "{node} 没有经过实验环境到 {address} 的路由"],
  noRoute: ["{:node} has no route to {:address}", "{node} 没有到 {address} 的路由"],
  fixAuto: ["fix: route auto, or {also}", (a) => `修复：route auto，或者${inner(a.also)}`],
  byHand: [
    "a route by hand: route {:node} default via NEIGHBOUR",
    "手动加一条路由：route {node} default via NEIGHBOUR",
  ],
  fixRouter: [
    "fix: router {:node}, then route auto (it will not route through {:node2} while it does not forward)",
    "修复：router {node}，再运行 route auto（{node2} 不转发时，route auto 不会经过它路由）",
  ],
  fixHost: [
    "fix: a route on the machine into the lab: route host {:subnet} via {:via}",
    "修复：在本机上加一条通向实验环境的路由：route host {subnet} via {via}",
  ],
  fix: ["fix: {also}", (a) => `修复：${inner(a.also)}`],
  down: ["{:node}:{:ifname} is down", "{node}:{ifname} 处于关闭状态"],
  upBySet: ["fix: bring it up: set {:node}:{:ifname} up", "修复：启用它：set {node}:{ifname} up"],
  upByExec: [
    "fix: bring it up: exec {:node} ip link set {:ifname} up",
    "修复：启用它：exec {node} ip link set {ifname} up",
  ],
  unknownHop: [
    "{:node} sends it to {:address}, which no node of the lab has",
    "{node} 把它发给 {address}，但实验环境里没有节点有这个地址",
  ],
  lookAtRoutes: [
    "fix: look at {:node}'s routes (show {:node2}); route auto replaces its own",
    "修复：查看 {node} 的路由（show {node2}）；route auto 只替换它自己加的路由",
  ],
  correctRoutes: ["correct {:node}'s routes (show {:node2})", "改正 {node} 的路由（show {node2}）"],
  offLink: [
    "{:node} sends it out of {:dev} to {:hop}, but {:holder} (which has {:hop2}) is not on that link",
    "{node} 从 {dev} 把它发给 {hop}，但 {holder}（{hop2} 在它上面）不在这条链路上",
  ],
  viaNeighbour: ["route via a neighbour on {:node}:{:dev}", "经由 {node}:{dev} 上的邻居路由"],
  noForwarding: [
    "{:node} does not forward IPv{:family}: make it a router (router {:node2})",
    "{node} 不转发 IPv{family}：请把它设为路由器（router {node2}）",
  ],
  loop: ["the packet goes round in a loop: {path}", "数据包在环路里打转：{path}"],
  correctThose: ["correct those routes", "改正这些路由"],
  tooFar: [
    "more than 63 routers on the way ({:a} -> … -> {:b}): a ping's TTL of 64 runs out",
    "路上有超过 63 个路由器（{a} -> … -> {b}）：ping 的 TTL 为 64，会耗尽",
  ],
  shorter: [
    "fix: a shorter path (a link that skips some routers)",
    "修复：走一条更短的路径（加一条跳过一些路由器的链路）",
  ],
  blocked: ["{:node}'s firewall drops it: {rule}", "{node} 的防火墙丢弃了它：{rule}"],
  unblock: ["fix: unblock {rule}", "修复：unblock {rule}"],
  leavesLab: [
    "{:node} sends it to the machine ({:hop}); netl does not follow it there",
    "{node} 把它发给本机（{hop}）；netl 不再往那里跟踪",
  ],
  unexplained: [
    "every hop has a route, its links are up and its routers forward ({path}); something else drops the ping",
    "每一跳都有路由，链路都已启用，路由器也都转发（{path}）；是别的原因丢弃了 ping",
  ],
  lookFor: [
    "look for: a firewall, loss on a link, or a change made with exec",
    "请检查：防火墙、链路上的丢包，或者用 exec 做的修改",
  ],
  tooFew: ["pingall: fewer than two nodes, nothing to ping", "pingall：节点少于两个，没有可以 ping 的"],
  dropRate: ["drop rate {:rate}% ({:lost}/{:total} lost)", "丢包率 {rate}%（{total} 个中丢了 {lost} 个）"],
});
