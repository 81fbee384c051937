// What a lesson's checks say is still missing (src/tutorial/checks.ts): the task's part not done yet.
import { catalogue, entry, type Message } from "./catalogue.js";

export const CHECKS = catalogue("checks", {
  node: entry<{ name: string }>(
    (a) => `a namespace named ${a.name}`,
    (a) => `名为 ${a.name} 的命名空间`,
  ),
  router: entry<{ name: string }>(
    (a) => `a router named ${a.name}`,
    (a) => `名为 ${a.name} 的路由器`,
  ),
  switch: entry<{ name: string }>(
    (a) => `a switch named ${a.name}`,
    (a) => `名为 ${a.name} 的交换机`,
  ),
  switchOn: entry<{ name: string; prefix: string }>(
    (a) => `a switch named ${a.name} on ${a.prefix}`,
    (a) => `网段为 ${a.prefix} 的交换机 ${a.name}`,
  ),
  link: entry<{ a: string; b: string }>(
    (a) => `a link between ${a.a} and ${a.b}`,
    (a) => `${a.a} 和 ${a.b} 之间的链路`,
  ),
  linkOn: entry<{ a: string; b: string; prefix: string }>(
    (a) => `a link between ${a.a} and ${a.b} on ${a.prefix}`,
    (a) => `${a.a} 和 ${a.b} 之间网段为 ${a.prefix} 的链路`,
  ),
  /** The link is there, its addresses are not in the prefix asked for. */
  wrongAddresses: entry<{ a: string; b: string; prefix: string; have: string | Message }>(
    (a) => `the link between ${a.a} and ${a.b} on ${a.prefix} (it has ${a.have})`,
    (a) => `${a.a} 和 ${a.b} 之间的链路要用 ${a.prefix}（现在：${a.have.replace(/, /g, "、")}）`,
  ),
  noAddresses: entry(
    () => "no addresses",
    () => "还没有配置地址",
  ),
  noLink: entry<{ a: string; b: string }>(
    (a) => `no link between ${a.a} and ${a.b} any more`,
    (a) => `${a.a} 和 ${a.b} 之间不再有链路`,
  ),
  listed: entry<{ names: string | Message }>(
    (a) => `the lab listed with show once ${a.names} exist`,
    (a) => `在 ${a.names} 都建好之后，用 show 列出实验环境`,
  ),
  deleted: entry<{ name: string }>(
    (a) => `${a.name}, made in this lesson, deleted with del ${a.name}`,
    (a) => `用 del ${a.name} 删除本课建的 ${a.name}`,
  ),
  execIfaces: entry<{ node: string }>(
    (a) => `${a.node}'s interfaces listed from inside it, by a command that succeeds (exec ${a.node} ip addr)`,
    (a) => `在 ${a.node} 内部成功列出它的网络接口（exec ${a.node} ip addr）`,
  ),
  pinged: entry<{ from: string; to: string }>(
    (a) => `a ping from ${a.from} to ${a.to} that gets replies (ping ${a.from} ${a.to})`,
    (a) => `从 ${a.from} ping 通 ${a.to}（ping ${a.from} ${a.to}）`,
  ),
  reaches: entry<{ from: string; to: string }>(
    (a) => `${a.from} reaching ${a.to} (ping ${a.from} ${a.to} fails now)`,
    (a) => `${a.from} 能到达 ${a.to}（现在 ping ${a.from} ${a.to} 不通）`,
  ),
  moved: entry<{ node: string; iface: string }>(
    (a) => `${a.iface} moved into ${a.node}`,
    (a) => `把 ${a.iface} 移进 ${a.node}`,
  ),
  defaultRoute: entry<{ node: string; via: string }>(
    (a) => `a default route in ${a.node} via ${a.via} (route ${a.node} default via ${a.via})`,
    (a) => `${a.node} 里经过 ${a.via} 的默认路由（route ${a.node} default via ${a.via}）`,
  ),
  ranRouteAuto: entry(
    () => "the routes written by route auto",
    () => "用 route auto 写好的路由",
  ),
  condition: entry<{ a: string; b: string; condition: string }>(
    (a) => `${a.condition} on the link between ${a.a} and ${a.b}, both ways`,
    (a) => `${a.a} 和 ${a.b} 之间的链路在两个方向上都设为 ${a.condition}`,
  ),
  undidLink: entry<{ a: string; b: string }>(
    (a) => `the link between ${a.a} and ${a.b}, made in this lesson, taken back with undo`,
    (a) => `用 undo 撤销本课建的 ${a.a} 和 ${a.b} 之间的链路`,
  ),
  capturedArp: entry<{ node: string }>(
    (a) => `a capture in ${a.node} that shows ARP first, then the ping's ICMP (capture ${a.node}:eth0, then a ping)`,
    (a) => `在 ${a.node} 上抓包，先看到 ARP，再看到 ping 的 ICMP（先 capture ${a.node}:eth0，再 ping）`,
  ),
  /** Joins names: `A and B`. */
  and: entry<{ first: string; last: string }>(
    (a) => `${a.first} and ${a.last}`,
    (a) => `${a.first.replace(/, /g, "、")} 和 ${a.last}`,
  ),
});
