// What the interpreter says is wrong with a statement about nodes, interfaces, commands and rules
// (src/interpreter/checks.ts, statements/*), in English as it makes it and in Chinese.
import { enumZh, shapes } from "./shapes.js";

/** `network` and `broadcast`, the reserved addresses of a subnet. */
const RESERVED: Readonly<Record<string, string>> = { network: "网络", broadcast: "广播" };

export const NODE_ERRORS = shapes("nodeErrors", {
  hostNotHere: [
    "'host' (the machine's own namespace) is not supported here yet",
    "这里还不支持“host”（本机自己的命名空间）",
  ],
  useLabNode: ["use a node of the lab", "请使用实验环境里的节点"],
  hostReserved: [
    "'host' is the machine's own namespace, not a node name",
    "“host”指本机自己的命名空间，不能用作节点名",
  ],
  pickAnotherName: ["pick another name", "请换一个名字"],
  badNodeName: ["'{:name}' is not a valid node name", "“{name}”不是合法的节点名"],
  nodeNameRule: [
    "a node name starts with a letter and holds letters, digits, '_' and '-'",
    "节点名以字母开头，只能包含字母、数字、“_”和“-”",
  ],
  nodeNameLong: [
    "node name '{:name}' is too long ({:n} characters; at most {:max})",
    "节点名“{name}”太长（{n} 个字符，最多 {max} 个）",
  ],
  nodeNameFile: [
    "node names become file names under /run/netns; pick a shorter one",
    "节点名会成为 /run/netns 下的文件名，请换一个短一些的",
  ],
  removeFirst: ["pick another name, or remove it first: del {:name}", "请换一个名字，或者先删除它：del {name}"],
  loNotEnd: ["'lo' is {:node}'s loopback, not a link end", "“lo”是 {node} 的回环接口，不能作为链路的一端"],
  nameEndElse: ["name the end something else, e.g. {:node}:{:ifname}", "请给这一端起别的名字，例如 {node}:{ifname}"],
  badIfname: ["'{:name}' is not a valid interface name", "“{name}”不是合法的网络接口名"],
  ifnameRule: ["interface names hold no spaces, '/' or ':'", "网络接口名不能包含空格、“/”或“:”"],
  ifnameLong: [
    "interface name '{:name}' is too long ({:n} characters; at most {:max})",
    "网络接口名“{name}”太长（{n} 个字符，最多 {max} 个）",
  ],
  ifnamsiz: ["the kernel allows 15 characters (IFNAMSIZ)", "内核最多允许 15 个字符（IFNAMSIZ）"],
  hasIfname: ["{:node} already has an interface {:ifname}", "{node} 已经有一个叫 {ifname} 的网络接口"],
  nextFree: ["leave the name out to get the next free one ({:ifname})", "不写名字就会用下一个空闲的名字（{ifname}）"],
  ifaceList: ["{:node}'s interfaces: {list}", (a) => `${a.node} 的网络接口：${enumZh(a.list)}`],
  isGateway: ["{:address} is the gateway of {:node}'s route {route}", "{address} 是 {node} 的路由 {route} 的网关"],
  ownGateway: ["a node cannot be its own gateway; pick another address", "节点不能做自己的网关，请换一个地址"],
  routedVia: [
    "{:node} routes {:subnet} via {:via} already; an address on it would clash",
    "{node} 已经经由 {via} 路由 {subnet}，在这个子网上再配地址会冲突",
  ],
  pickAnotherAddress: ["pick another address", "请换一个地址"],
  pickPrefixOrEnds: ["pick another prefix, or give each end its address", "请换一个前缀，或者给两端各配一个地址"],
  otherSubnet: ["pick an address on another subnet", "请换一个其他子网上的地址"],
  namedTwice: ["'{:name}' is named twice", "“{name}”写了两次"],
  routerOnce: ["name each router once", "每个路由器只写一次"],
  selfLink: ["cannot link '{:name}' to itself", "不能把“{name}”和它自己连起来"],
  twoNodes: ["a link joins two different nodes", "一条链路连接两个不同的节点"],
  switchNoAddr: [
    "switch {:sw} has no addresses: it only joins its links",
    "交换机 {sw} 没有地址：它只负责把链路接在一起",
  ],
  addrOnLinked: ["put the address on a node linked to {:sw}", "请把地址配在连到 {sw} 的节点上"],
  whichIface: [
    "which interface of {:node}? write {:node2}:{:ifname}",
    "{node} 的哪个网络接口？请写成 {node2}:{ifname}",
  ],
  setNeedsLink: [
    "set needs a link or an interface, not the node '{:node}' alone",
    "set 需要一条链路或一个网络接口，不能只写节点“{node}”",
  ],
  setHow: [
    "write set {:node} <-> OTHER … for a link, or set {:node2}:eth0 … for one interface",
    "链路写成 set {node} <-> OTHER …，单个网络接口写成 set {node2}:eth0 …",
  ],
  notLinkEnd: ["{:node}:{:ifname} is not an end of a link", "{node}:{ifname} 不是链路的一端"],
  setChanges: ["set changes the ends of links that netl made", "set 只修改 netl 建立的链路的两端"],
  execNeedsCommand: ["exec needs a command to run in {:node}", "exec 需要一条在 {node} 里运行的命令"],
  execExample: ["e.g. exec {:node} ip -br addr", "例如 exec {node} ip -br addr"],
  commandLong: [
    "{:verb}'s command is {:n} bytes long; Linux takes at most {:max} in one argument, and sh -c takes the command as one",
    "{verb} 的命令有 {n} 字节；Linux 的单个参数最多 {max} 字节，而 sh -c 把整条命令当作一个参数",
  ],
  scriptFile: [
    "put the commands in a script file and run that: {:verb} {:node} sh FILE",
    "请把命令写进脚本文件再运行它：{verb} {node} sh FILE",
  ],
  badCount: ["count must be a whole number of at least 1, not {:n}", "次数必须是不小于 1 的整数，而不是 {n}"],
  countExample: ["e.g. count 3", "例如 count 3"],
  notSupported: ["'{:kind}' is not supported yet", "还不支持“{kind}”"],
  seeReadme: ["see README for what runs today", "目前支持哪些语句，请看 README"],
  notInLoop: ["'{:kind}' cannot be used inside a loop", "“{kind}”不能用在循环里"],
  loopBuilds: [
    "a loop builds lab; undo the whole loop with one undo",
    "循环用来搭建实验环境；一次 undo 会撤销整个循环",
  ],
  hostFirewall: [
    "the machine's own firewall is not netl's: block and allow work inside lab nodes",
    "本机自己的防火墙不归 netl 管：block 和 allow 只作用于实验环境里的节点",
  ],
  nodeOrAny: ["name a node of the lab, or any", "请写实验环境里的一个节点，或者 any"],
  noAddressTo: ["{:node} has no address to {:verb}", "{node} 没有可以 {verb} 的地址"],
  giveAddress: [
    "give it one first (link … with a prefix, or addr {:node}:eth0 …)",
    "请先给它配一个地址（用带前缀的 link …，或者 addr {node}:eth0 …）",
  ],
  noRule: ["{:node} has no rule {rule}", "{node} 没有规则 {rule}"],
  noRules: ["{:node} has no rules", "{node} 没有任何规则"],
  itsRules: ["its rules: {list}", (a) => `它的规则：${enumZh(a.list)}`],
  hasRule: ["{:node} already has {rule}", "{node} 已经有 {rule}"],
  unblockFirst: ["unblock {:node} {rule} first, or undo it", "请先 unblock {node} {rule}，或者撤销它"],
  needsDelay: ["{:name} needs a delay: {what}", "{name} 需要同时设置时延：{what}"],
  writeBoth: ["write both, such as: delay 50ms {:name} {value}", "两个都要写，例如：delay 50ms {name} {value}"],
  mtuSmall: ["mtu {:mtu} is too small for IPv6: {end} has {v6}", "mtu {mtu} 对 IPv6 来说太小：{end} 有 {v6}"],
  ipv6Mtu: ["IPv6 needs an MTU of at least {:min}", "IPv6 要求 MTU 至少为 {min}"],
  hostEndName: [
    "netl names a link's host end itself (this one would be {:name})",
    "链路在本机这一端的名字由 netl 自己起（这一端会叫 {name}）",
  ],
  justHost: [
    "write just 'host': its name is unique to this lab, so it never takes one of the machine's",
    "只写“host”即可：这个名字只属于本实验环境，不会占用本机已有的网络接口名",
  ],
  reservedAddress: [
    "{:address} is the {which} address of {:subnet}: no interface can have it",
    (a) => `${a.address} 是 ${a.subnet} 的${RESERVED[a.which ?? ""] ?? a.which}地址，不能配给任何网络接口`,
  ],
  hostAddressOf: ["pick a host address of it, e.g. {:address}", "请从中选一个主机地址，例如 {address}"],
  multicastAddress: [
    "{:address} is a multicast address: it names a group, not an interface",
    "{address} 是组播地址：它代表一个组，而不是一个网络接口",
  ],
  unicastIn: ["pick a unicast address, e.g. in {range}", "请选一个单播地址，例如 {range} 里的"],
  multicastPrefix: [
    "{:prefix} is multicast: its addresses name groups, not interfaces",
    "{prefix} 是组播网段：其中的地址代表组，而不是网络接口",
  ],
  unicastPrefix: ["use a unicast prefix, e.g. {:prefix}", "请使用单播网段，例如 {prefix}"],
  subnetsApart: [
    "{:node}:{:ifname} {cidr} overlaps {:node2}:{:ifname2} {cidr2}: one node's interfaces must be on subnets apart",
    "{node}:{ifname} {cidr} 与 {node2}:{ifname2} {cidr2} 重叠：同一节点的网络接口必须在不同的子网上",
  ],
  outside: ["pick an address or prefix outside {:subnet}", "请选 {subnet} 之外的地址或前缀"],
});
