// What the interpreter says is wrong with links, switches, prefixes, routes and moved interfaces
// (src/interpreter/gateway.ts, pick-link.ts, host-overlap.ts, statements/*), in English and Chinese.
import { type Rewrites, rewrite } from "./rewrite.js";
import { enumZh, shapes } from "./shapes.js";

/** What a prefix clashes with on the machine (interpreter/host-overlap.ts hostClash), in Chinese. */
const CLASH_ZH: Rewrites = [
  [/^the lab's own (\S+) on host:(\S+)$/, "实验环境自己在 host:$2 上的 $1"],
  [/^(\S+), which (\S+) \(moved into (\S+)\) gets back when it returns$/, "$1（$2 移进了 $3，移回本机时会重新拿到它）"],
  [/^the machine's route (.+)$/, "本机的路由 $1"],
  [/^the machine's address (\S+) on (\S+)$/, "本机 $2 上的地址 $1"],
];
const clashZh = (clash: string | undefined): string => {
  const zh = rewrite(CLASH_ZH, clash ?? "");
  // A space between Chinese and what is written in Latin letters or digits, on either side.
  return `${/^[\x21-\x7e]/.test(zh) ? " " : ""}${zh}${/[\x21-\x7e]$/.test(zh) ? " " : ""}`;
};

export const LINK_ERRORS = shapes("linkErrors", {
  familyMismatch: [
    "{:address} is IPv{:a} but the destination is IPv{:b}",
    "{address} 是 IPv{a} 地址，而目的网段是 IPv{b} 的",
  ],
  sameFamily: [
    "a route's gateway is of the same family as its destination",
    "路由的网关必须和目的网段属于同一个地址族",
  ],
  ownAddress: ["{:address} is {:node}'s own address", "{address} 是 {node} 自己的地址"],
  viaNeighbour: ["route via a neighbour's address on that subnet", "请经由同一子网上邻居的地址来路由"],
  notOnSubnet: ["{:address} is not on any subnet of {:node}", "{address} 不在 {node} 的任何子网上"],
  noAddressesYet: ["{:node} has no addresses yet", "{node} 还没有地址"],
  subnetsOf: ["{:node}'s subnets: {list}", (a) => `${a.node} 的子网：${enumZh(a.list)}`],
  selfRoute: ["'{:node}' cannot route via itself", "“{node}”不能经由自己路由"],
  viaShared: ["route via a node it shares a link with", "请经由与它有共同链路的节点路由"],
  noSharedLinkRoute: [
    "'{:a}' and '{:b}' share no link; route via an address instead, or link them",
    "“{a}”和“{b}”之间没有链路：请改为经由一个地址路由，或者先把它们连起来",
  ],
  noLinks: ["{:node} has no links", "{node} 没有任何链路"],
  linksOf: ["{:node}'s links: {list}", (a) => `${a.node} 的链路：${enumZh(a.list)}`],
  giveAddressOn: [
    "give {:node}:{:ifname} an address on {:other}'s subnet",
    "请给 {node}:{ifname} 配一个 {other} 所在子网的地址",
  ],
  noGatewayFamily: [
    "'{:b}' has no IPv{:family} address on a link it shares with '{:a}'",
    "“{b}”在与“{a}”共有的链路上没有 IPv{family} 地址",
  ],
  noGateway: ["'{:b}' has no address on a link it shares with '{:a}'", "“{b}”在与“{a}”共有的链路上没有地址"],
  giveItOne: ["give it one: addr {:where} ADDRESS/PREFIX", "请给它配一个：addr {where} ADDRESS/PREFIX"],
  overlaps: ["{:subnet} overlaps {clash}", (a) => `${a.subnet} 与${clashZh(a.clash)}重叠`],
  hostOverlapEg: [
    "an address in host must not overlap what the machine routes; pick another prefix, e.g. {:prefix}",
    "本机上的地址不能与本机已有的路由重叠，请换一个前缀，例如 {prefix}",
  ],
  hostOverlap: [
    "an address in host must not overlap what the machine routes; pick another prefix",
    "本机上的地址不能与本机已有的路由重叠，请换一个前缀",
  ],
  hostDefault: [
    "a default route on the machine would send all its traffic into the lab",
    "在本机上加默认路由，会把本机的所有流量都送进实验环境",
  ],
  labSubnetsOnly: [
    "route the lab's subnets only, e.g. route host 10.0.0.0/24 via A",
    "只路由实验环境的子网，例如 route host 10.0.0.0/24 via A",
  ],
  notIntoLab: [
    "no node of the lab has an address in {:subnet}: a route on the machine may only lead into the lab",
    "实验环境里没有节点的地址在 {subnet} 中：本机上的路由只能通向实验环境",
  ],
  routeLabSubnet: ["route a subnet the lab's nodes are on", "请路由实验环境中节点所在的子网"],
  shadows: [
    "route host {:subnet} would shadow {clash}",
    (a) => `route host ${a.subnet} 会遮住${clashZh(a.clash).trimEnd()}`,
  ],
  notTakeOver: [
    "a route on the machine must not take over what the machine routes; give that part of the lab another prefix",
    "本机上的路由不能抢走本机已有的路由，请给实验环境的这部分换一个前缀",
  ],
  noSuchLink: ["there is no link {:a} {arrow} {:b}", "没有链路 {a} {arrow} {b}"],
  linksBetween: ["links between '{:a}' and '{:b}': {list}", (a) => `“${a.a}”和“${a.b}”之间的链路：${enumZh(a.list)}`],
  ambiguousLink: [
    "'{:a}' and '{:b}' share {:n} links ({ends}); name one, e.g. {:verb} {example} {arrow} {:other}",
    "“{a}”和“{b}”之间有 {n} 条链路（{ends}），请指明其中一条，例如 {verb} {example} {arrow} {other}",
  ],
  theLinks: ["the links: {list}", (a) => `这些链路：${enumZh(a.list)}`],
  prefixTooSmallLink: [
    "{:prefix} is too small for a link: it needs room for two addresses",
    "{prefix} 对一条链路来说太小：至少要容得下两个地址",
  ],
  widerThan: ["use a {:len} or a wider prefix", "请使用 {len} 或更大的网段"],
  notANetwork: ["{:prefix} is an address, not a network", "{prefix} 是一个地址，不是网段"],
  writeNetwork: ["write {:network}", "请写成 {network}"],
  writeNetworkOrEnds: [
    "write {:network}, or give each end its address: link {:a} {:x} <-> {:b} {:y}",
    "请写成 {network}，或者给两端各配一个地址：link {a} {x} <-> {b} {y}",
  ],
  segmentLoop: [
    "{:a} and {:b} are on one segment already (switches {list}): a second path between them is a loop that floods it",
    "{a} 和 {b} 已经在同一个网段上（交换机 {list}）：再连一条路径会形成环路，让广播在网段里泛滥",
  ],
  segmentTree: [
    "a segment's switches form a tree: link a node to both instead, or unlink the other path first",
    "一个网段里的交换机必须连成树：请改为把一个节点同时连到两边，或者先断开另一条路径",
  ],
  segmentPrefixes: [
    "{:a}'s segment numbers from {:p} and {:b}'s from {:q}: linked, they would be one segment with two IPv{:family} prefixes",
    "{a} 所在网段从 {p} 分配地址，{b} 所在网段从 {q} 分配：连起来就成了一个有两个 IPv{family} 前缀的网段",
  ],
  onePrefix: [
    "a segment takes one prefix per family: give only one switch of it a prefix, or link a router between them",
    "一个网段每个地址族只能有一个前缀：只给其中一台交换机配前缀，或者在它们之间接一个路由器",
  ],
  prefixFull: [
    "the prefix {:prefix} of {:sw}'s segment has no free address left for {:node}",
    "{sw} 所在网段的前缀 {prefix} 已经没有空闲地址可以分给 {node}",
  ],
  otherPrefix: [
    "give {:node} an address of another prefix: link {:node2} ADDRESS/LEN <-> {:sw}",
    "请给 {node} 配一个其他前缀的地址：link {node2} ADDRESS/LEN <-> {sw}",
  ],
  switchLinkNoPrefix: [
    "a link to switch {:sw} takes no prefix: its ports have no addresses",
    "连到交换机 {sw} 的链路不带前缀：交换机的端口没有地址",
  ],
  twoSwitches: [
    "two switches linked make one segment; number the nodes on it",
    "两台交换机连起来就是一个网段，请给这个网段上的节点编址",
  ],
  switchPrefixOr: [
    "give the switch the prefix (switch {:sw} {:prefix}), or {:node} an address of it: link {:node2} {:address} <-> {:sw2}",
    "请把前缀配给交换机（switch {sw} {prefix}），或者给 {node} 配一个其中的地址：link {node2} {address} <-> {sw2}",
  ],
  portNoAddress: ["switch {:sw}'s port gets no address", "交换机 {sw} 的端口不配地址"],
  otherEnd: ["put the address on {:node}'s end", "请把地址配在 {node} 那一端"],
  bridgeFull: [
    "switch {:sw} has {:n} ports, as many as a Linux bridge takes",
    "交换机 {sw} 已经有 {n} 个端口，这是一个 Linux 网桥的上限",
  ],
  anotherSwitch: [
    "link another switch to it (switch {:sw}b; link {:sw2} <-> {:sw3}b) and put the next nodes on that one",
    "请再接一台交换机（switch {sw}b；link {sw2} <-> {sw3}b），把后面的节点接到那台上",
  ],
  sharedPrefix: [
    "a prefix numbers one switch: two switches cannot both give out its addresses",
    "一个前缀只能给一台交换机编址：两台交换机不能分配同一个前缀里的地址",
  ],
  onePerSwitch: ["one statement per switch: switch {:sw} {:prefix}", "每台交换机写一条语句：switch {sw} {prefix}"],
  secondPrefix: ["a second IPv{:family} prefix: {:prefix}", "第二个 IPv{family} 前缀：{prefix}"],
  onePerFamily: ["give a switch one prefix per family", "一台交换机每个地址族只配一个前缀"],
  prefixTooSmallSwitch: [
    "{:prefix} is too small for a switch: it needs room for two addresses",
    "{prefix} 对一台交换机来说太小：至少要容得下两个地址",
  ],
  useSay: ["use a {:len}, say", "请使用 {len} 之类的前缀"],
  notARouter: [
    "{:node} reaches {:subnet} only through {:through}, which does not forward: it is not a router",
    "{node} 只能经过 {through} 到达 {subnet}，而 {through} 不转发：它不是路由器",
  ],
  makeRouter: ["make it a router: router {:node}", "请把它设为路由器：router {node}"],
  onSubnet: [
    "{:node} is on {:subnet} already ({where}); it needs no route there",
    "{node} 已经在 {subnet} 上（{where}），不需要到那里的路由",
  ],
  routesFor: ["routes are for networks the node is not on", "路由是给节点不在其上的网络用的"],
  ifaceDown: [
    "{:node}:{:ifname} is down: a route through it cannot go in",
    "{node}:{ifname} 处于关闭状态：经过它的路由加不进去",
  ],
  bringUp: ["bring it up first: set {:node}:{:ifname} up", "请先启用它：set {node}:{ifname} up"],
  hasDefault: [
    "{:node} already has a default route for IPv{:family} (via {:via} dev {:dev})",
    "{node} 已经有 IPv{family} 的默认路由（via {via} dev {dev}）",
  ],
  hasRoute: [
    "{:node} already has a route to {dest} (via {:via} dev {:dev})",
    "{node} 已经有到 {dest} 的路由（via {via} dev {dev}）",
  ],
  autoAdded: [
    "route auto added that one: undo it, write this route, then run route auto again (it keeps routes written by hand)",
    "那条是 route auto 加的：请先撤销它，写好这条路由，再运行一次 route auto（它会保留手写的路由）",
  ],
  undoEarlier: [
    "undo the earlier route first, or pick another destination",
    "请先撤销之前那条路由，或者换一个目的网段",
  ],
});
