// `help`: what each statement does (its syntax and example are the same in every language:
// present/help.ts), and the words around them.
import { catalogue, entry } from "./catalogue.js";

export const HELP = catalogue("help", {
  ns: entry(
    () => "create namespaces; their lo is brought up",
    () => "创建网络命名空间，并启用它们的回环接口 lo",
  ),
  router: entry(
    () => "a namespace with IPv4 and IPv6 forwarding on; an existing ns R gets its forwarding turned on",
    () => "打开了 IPv4 和 IPv6 转发的命名空间；对已有的 ns R 则打开它的转发",
  ),
  switch: entry(
    () =>
      "a namespace with a Linux bridge; links to S join it; with a prefix, nodes linked to S get its next free address",
    () =>
      "带一个 Linux 网桥的命名空间；连到 S 的链路都接入这个网桥；给了网段时，连到 S 的节点依次分到其中下一个空闲地址",
  ),
  del: entry(
    () => "remove nodes and every link that touches them (undo brings them back)",
    () => "删除节点以及连到它们的所有链路（undo 可以恢复）",
  ),
  link: entry(
    () =>
      "a veth pair, both ends up; with a prefix A gets the first host address and B the second; `host` is the machine itself (a prefix it routes already is refused)",
    () =>
      "一对 veth，两端都启用；给了网段时 A 分到第一个主机地址，B 分到第二个；`host` 指本机自己（本机已经路由的网段会被拒绝）",
  ),
  unlink: entry(
    () => "remove a link",
    () => "删除一条链路",
  ),
  set: entry(
    () =>
      "change a live link: both ends, one direction (what A sends), or one interface; clear takes every condition away; down/up pulls the cable and plugs it back (addresses and routes come back); undo puts back exactly what was",
    () =>
      "修改正在使用的链路：两端、单个方向（A 发出的流量）或单个接口；clear 去掉所有链路条件；down/up 相当于拔掉网线再插回（地址和路由会恢复）；undo 会精确还原原来的样子",
  ),
  conditions: entry(
    () =>
      "after a link (both ends, so each direction sees them once) or a set; durations us/ms/s, rates bit/kbit/mbit/gbit; a 0 takes one away; rate alone is tbf, anything else netem (a kernel without netem is told so)",
    () =>
      "写在 link（作用于两端，每个方向各经过一次）或 set 之后；时间单位 us/ms/s，速率单位 bit/kbit/mbit/gbit；设为 0 即去掉该条件；只有 rate 时用 tbf，其余都用 netem（内核没有 netem 时会提示）",
  ),
  move: entry(
    () =>
      "move an interface of the machine into A (its addresses, MTU and state come back with it); the one with the default route needs force",
    () => "把本机的一个网络接口移进 A（移回时地址、MTU 和状态一并恢复）；承载默认路由的接口需要加 force",
  ),
  addr: entry(
    () => "add an address to an interface (lo included)",
    () => "给接口添加地址（包括 lo）",
  ),
  route: entry(
    () =>
      "a static route; via a node means its address on the link (or switch) you share; route auto: shortest-path routes for every node, default routes for hosts with one interface; route host: the machine's way into a lab subnet, through a host end (the lab's: it goes with it)",
    () =>
      "一条静态路由；via 一个节点表示经过它在共享链路（或交换机）上的地址；route auto：为每个节点按最短路径添加路由，只有一个接口的主机得到默认路由；route host：本机通往实验环境中某个子网的路由，经由一个连到 host 的接口（属于实验环境，随它一起删除）",
  ),
  ping: entry(
    () => "reachability and round-trip time",
    () => "连通性和往返时间",
  ),
  pingall: entry(
    () => "every node pings every other once: a matrix (X where a ping failed) and the drop rate",
    () => "每个节点各 ping 其他节点一次：给出矩阵（不通处为 X）和丢包率",
  ),
  why: entry(
    () => "when a ping fails: follows it hop by hop, there and back, and names what stops it and the fix",
    () => "ping 不通时：逐跳追踪去程和回程，指出卡在哪里以及怎么修",
  ),
  exec: entry(
    () =>
      "run the rest of the line in A with sh -c (what it changes is not undone); at a terminal its output comes as it is printed, it reads the keyboard, and Ctrl-C stops it",
    () =>
      "用 sh -c 在 A 里运行这一行余下的部分（它做的改动不会被撤销）；在终端上输出即时显示、可以读键盘输入，Ctrl-C 会停止它",
  ),
  shell: entry(
    () =>
      "your shell ($SHELL, else sh) inside A on this terminal, its prompt naming A; exit (or Ctrl-D) comes back here. From another terminal: netl shell LAB A",
    () =>
      "在这个终端上打开 A 里的 shell（$SHELL，没有则用 sh），提示符里带着 A；exit（或 Ctrl-D）回到这里。在另一个终端里：netl shell LAB A",
  ),
  spawn: entry(
    () =>
      "start a long-running process in A (sh -c, its own process group); undo, del A, reset and teardown end it; logs A shows its output, ps lists what runs",
    () =>
      "在 A 里启动一个长期运行的进程（sh -c，独立的进程组）；undo、del A、reset 和清理实验环境时会结束它；logs A 显示它的输出，ps 列出正在运行的进程",
  ),
  logs: entry(
    () => "the last lines printed by what spawn started in A",
    () => "spawn 在 A 里启动的进程最近输出的几行",
  ),
  ps: entry(
    () => "what spawn started: where, its pid, and whether it still runs",
    () => "spawn 启动的进程：在哪个节点、pid 以及是否还在运行",
  ),
  block: entry(
    () =>
      "drop what A sends there, with nftables inside A (netl's own table; the machine's rules are never touched); replies to what others start stay allowed",
    () =>
      "丢弃 A 发往那里的流量，用 A 内部的 nftables 实现（netl 自己的表，从不动本机的规则）；对别人发起的连接的回复仍然放行",
  ),
  allow: entry(
    () => "an exception to A's blocks: allows are checked before any block",
    () => "A 的封锁规则的例外：allow 总是先于 block 检查",
  ),
  unblock: entry(
    () => "remove the rule (block or allow) written with that target (or undo it)",
    () => "删除写着该目标的规则（block 或 allow），也可以用 undo",
  ),
  capture: entry(
    () =>
      "watch packets on an interface with tcpdump, one line each as they pass (ARP, ICMP, TCP …), or write them to a pcap file; ends after count packets, at Ctrl-C, undo or when the lab goes",
    () =>
      "用 tcpdump 观察一个接口上的数据包，每个包经过时显示一行（ARP、ICMP、TCP 等），或写入 pcap 文件；抓满 count 个包、按 Ctrl-C、undo 或删除实验环境时结束",
  ),
  graph: entry(
    () =>
      "the lab drawn in the terminal: each node and its links, addresses on both ends; netl graph FILE -o lab.svg writes a picture",
    () => "在终端里画出实验环境：每个节点和它的链路，两端的地址；netl graph FILE -o lab.svg 可以输出图片",
  ),
  show: entry(
    () => "the lab as netl knows it; or node A as the kernel sees it",
    () => "netl 所知道的实验环境；或者内核眼中的节点 A",
  ),
  expect: entry(
    () =>
      "an assertion: a failed one is an error (exit status 1 for a script); tcp: a connection is accepted, udp: a datagram is answered, tried from inside A",
    () => "断言：不成立就是错误（脚本的退出状态为 1）；tcp：连接被接受，udp：数据报得到回复，都从 A 内部尝试",
  ),
  undo: entry(
    () => "revert the last (N) changes, in the kernel as in the model",
    () => "撤销最近的（N 次）修改，内核和模型一起撤销",
  ),
  redo: entry(
    () => "re-apply undone changes; a new change clears them",
    () => "重做被撤销的修改；做了新的修改之后就不能再重做",
  ),
  history: entry(
    () => "the changes so far, numbered, and what redo would bring back",
    () => "到目前为止的修改（带编号），以及 redo 能恢复的内容",
  ),
  reset: entry(
    () => "remove the whole lab (one undo step)",
    () => "删除整个实验环境（算一步，可以 undo）",
  ),
  save: entry(
    () => "write a netl script that rebuilds the current lab (force: into another user's folder, or over a link)",
    () => "写出一个能重建当前实验环境的 netl 脚本（force：写到其他用户的目录里，或覆盖符号链接）",
  ),
  load: entry(
    () => "run a file's statements here, as one undo step",
    () => "在这里运行一个文件里的语句，算作一步修改",
  ),
  explain: entry(
    () => "print each ip command as it runs",
    () => "运行时显示每条 ip 命令",
  ),
  serve: entry(
    () =>
      "the lab's live page in a browser (127.0.0.1, a free port; read-only): the picture follows every change, undo included; a click shows a node or a link as the kernel sees it",
    () =>
      "在浏览器里查看实验环境的实时页面（127.0.0.1，空闲端口，只读）：图随每次修改（包括 undo）更新；点击节点或链路可以看到内核里的实际状态",
  ),
  help: entry(
    () => "this help; help link shows one statement",
    () => "本帮助；help link 只显示一条语句",
  ),
});

/** The words around the topics. */
export const HELP_PAGE = catalogue("help-page", {
  heading: entry(
    () => "statements (help WORD for one; Tab completes; Ctrl-D leaves and removes the lab):",
    () => "语句（help 加语句名查看一条；Tab 补全；Ctrl-D 退出并删除实验环境）：",
  ),
  example: entry<{ example: string }>(
    (a) => `e.g. ${a.example}`,
    (a) => `例如：${a.example}`,
  ),
  unknown: entry<{ topic: string; guess: string }>(
    (a) =>
      `no help for '${a.topic}'${a.guess ? ` — did you mean 'help ${a.guess}'?` : ""}; 'help' lists every statement`,
    (a) => `没有“${a.topic}”的帮助${a.guess ? `——你是不是想输入“help ${a.guess}”？` : ""}；输入 help 列出所有语句`,
  ),
});
