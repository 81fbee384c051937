// What netl says when the machine, the kernel, a file or another netl stands in the way (src/runtime/*,
// src/driver/*), and of moved interfaces (statements/move.ts), in English as made and in Chinese.
import { reasonZh } from "./refusals.js";
import { shapes } from "./shapes.js";

const NOT_YOURS =
  "netl never touches what it did not make: that one is someone else's now (netl down {:lab} removes the rest of the lab)";
const DOWN = "take the whole lab down (its record lists everything it holds): netl down {:lab}";
const DOWN_ZH = "把整个实验环境拆掉（它的记录里列着它的全部内容）：netl down {lab}";

/** `3 steps` in Chinese: `3 步`. */
const steps = (text: string | undefined): string => (text ?? "").replace(/^(\d+) steps?$/, "$1 步");
/** The Chinese with `{steps}` worded in Chinese and the other holes filled. */
/** The lab-name rule (runtime/lab-name.ts) inside another sentence, in Chinese. */
const labRuleZh = (rule: string | undefined): string =>
  (rule ?? "").replace(
    /^a lab name starts with a letter and holds letters, digits, '_' and '-', at most (\d+) characters$/,
    "实验环境名以字母开头，只能包含字母、数字、“_”和“-”，最多 $1 个字符",
  );

const withSteps =
  (zh: string) =>
  (a: Record<string, string>): string =>
    zh.replace(/\{(\w+)\}/g, (_, k: string) => (k === "steps" ? steps(a.steps) : (a[k] ?? "")));

export const RUNTIME_ERRORS = shapes("runtimeErrors", {
  noFeed: [
    "this lab has no live feed to serve (a lab of the tests' own)",
    "这个实验环境没有可以提供的实时数据（它是测试自己的实验环境）",
  ],
  besideIt: [
    "run another copy beside it with --prefix P (a lab and namespaces of its own), work in it with netl attach {:lab}, or remove it with netl down {:lab2}",
    "可以用 --prefix P 在旁边另开一份（有自己的实验环境和命名空间），用 netl attach {lab} 进入它，或者用 netl down {lab2} 删除它",
  ],
  cannotRead: ["cannot read {file}: {why}", (a) => `无法读取 ${a.file}：${reasonZh(a.why)}`],
  noTerminal: [
    "shell needs a terminal: there is none to give to a shell in {:node}",
    "shell 需要一个终端：现在没有终端可以交给 {node} 里的 shell",
  ],
  runInstead: [
    "run a command instead: exec {:node} CMD…; or from a terminal: netl shell {:lab} {:node2}",
    "请改为运行一条命令：exec {node} CMD…；或者在终端里运行：netl shell {lab} {node2}",
  ],
  cannotLoad: ["cannot load {file}: {why}", (a) => `无法加载 ${a.file}：${reasonZh(a.why)}`],
  notInLoad: ["'{:kind}' cannot be used inside a loaded file", "“{kind}”不能用在被加载的文件里"],
  loadTakes: ["load takes a regular file of netl text, at most {size}", "load 只接受 netl 文本的普通文件，最大 {size}"],
  loadBuilds: [
    "a loaded file builds lab; undo the whole load with one undo",
    "被加载的文件用来搭建实验环境；一次 undo 会撤销整个 load",
  ],
  saveForce: [
    'if that is really meant, say so: save "{file}" force',
    '如果确实要这样，请明确写出：save "{file}" force',
  ],
  symlink: [
    "{file} is a symbolic link: netl never writes through one",
    "{file} 是一个符号链接：netl 从不通过符号链接写文件",
  ],
  symlinkHint: [
    "write to the file it names; force replaces the link itself with the file",
    "请直接写它指向的文件；加 force 会用文件替换掉这个链接本身",
  ],
  cannotServe: ["cannot serve the page on {host}:{:port}: {why}", "无法在 {host}:{port} 上提供页面：{why}"],
  anotherPort: ["another port: --port N (0 picks a free one)", "请换一个端口：--port N（0 表示自动选一个空闲端口）"],
  labInUsePid: [
    "lab '{:lab}' is in use by another netl (pid {:pid})",
    "实验环境“{lab}”正被另一个 netl 使用（pid {pid}）",
  ],
  labInUse: ["lab '{:lab}' is in use by another netl", "实验环境“{lab}”正被另一个 netl 使用"],
  otherLab: ["use another --lab name, or end that netl first", "请用 --lab 换一个名字，或者先结束那个 netl"],
  cannotLock: ["cannot lock lab '{:lab}': {why}", "无法锁定实验环境“{lab}”：{why}"],
  flock: ["netl locks a lab with flock(1), from util-linux", "netl 用 flock(1)（来自 util-linux）给实验环境加锁"],
  cannotUseRunDir: ["cannot use the run directory {dir}: {why}", "无法使用运行目录 {dir}：{why}"],
  runDirHint: [
    "NETL_RUN_DIR names the folder netl keeps its labs in (/run/netl when unset): a folder, or one netl can make",
    "NETL_RUN_DIR 指定 netl 存放实验环境的目录（未设置时为 /run/netl）：它必须是一个目录，或者是 netl 能创建的目录",
  ],
  hostIfaceExists: [
    "the machine has an interface {:name} already, not this lab's",
    "本机已经有一个网络接口 {name}，它不属于这个实验环境",
  ],
  neverTouches: [
    "netl never touches an interface of the machine it did not make; remove or rename that one first",
    "netl 从不碰本机上不是它创建的网络接口：请先删除或重命名那个网络接口",
  ],
  machineBusy: [
    "another netl has been changing the machine's network too long",
    "另一个 netl 修改本机网络的时间太长了",
  ],
  tryAgain: ["nothing was changed; try again (the lock is {file})", "什么都没有改动，请再试一次（锁文件是 {file}）"],
  machineUnreadable: ["could not read the machine's network: {command}", "无法读取本机的网络：{command}"],
  readsFirst: [
    "netl reads the machine's interfaces and routes before it touches host",
    "netl 在改动 host 之前要先读取本机的网络接口和路由",
  ],
  noNetemOne: [
    "this kernel has no netem (CONFIG_NET_SCH_NETEM); {list} needs it",
    "这个内核没有 netem（CONFIG_NET_SCH_NETEM），而 {list} 需要它",
  ],
  noNetem: [
    "this kernel has no netem (CONFIG_NET_SCH_NETEM); {list} need it",
    "这个内核没有 netem（CONFIG_NET_SCH_NETEM），而 {list} 需要它",
  ],
  loadNetem: [
    "load it with `modprobe sch_netem` (on Ubuntu it is in linux-modules-extra-$(uname -r)), or use a kernel that has it; `rate` alone works without it (tbf)",
    "请用 `modprobe sch_netem` 加载它（Ubuntu 上它在 `linux-modules-extra-$(uname -r)` 包里），或者换一个带 netem 的内核；只用 `rate` 时不需要它（用的是 tbf）",
  ],
  noNft: [
    "nftables is not installed: block and allow need the nft program",
    "没有安装 nftables：block 和 allow 需要 nft 程序",
  ],
  installNft: ["install it: apt-get install nftables", "请安装：apt-get install nftables"],
  noTcpdump: ["capture needs tcpdump, which is not installed", "capture 需要 tcpdump，但它没有安装"],
  installTcpdump: [
    "install it: apt-get install tcpdump (dnf install tcpdump, …)",
    "请安装：apt-get install tcpdump（或 dnf install tcpdump 等）",
  ],
  notLabsNs: [
    "namespace {:ns} is not the one this lab made ({why})",
    "命名空间 {ns} 不是这个实验环境创建的那个（{why}）",
  ],
  ownNs: [
    "namespace {:ns} is netl's own network namespace or the machine's: netl does not change it from inside",
    "命名空间 {ns} 是 netl 自己所在的或本机的网络命名空间：netl 不会从内部修改它",
  ],
  notHostEnd: [
    "the machine's {:name} is not the host end this lab made (ifindex {:a}, {:mac}): it is ifindex {:b}, {:mac2} now",
    "本机的 {name} 已经不是这个实验环境创建的那一端（原来是 ifindex {a}、{mac}）：现在是 ifindex {b}、{mac2}",
  ],
  notYours: [NOT_YOURS, "netl 从不碰不是它创建的东西：那个现在属于别人了（netl down {lab} 会删除实验环境的其余部分）"],
  nsExists: [
    "namespace '{:ns}' already exists on this machine and is not this lab's",
    "本机上已经有命名空间“{ns}”，它不属于这个实验环境",
  ],
  pickPrefix: [
    "pick another node name, or run with --prefix to keep this lab's names apart",
    "请换一个节点名，或者用 --prefix 运行，让这个实验环境的名字与其他的分开",
  ],
  interruptedLines: [
    "interrupted: lines {:a}-{:b} were going in as one change",
    "已中断：第 {a}-{b} 行原本是作为一次修改写入的",
  ],
  interrupted: ["interrupted", "已中断"],
  kernelRefused: ["the kernel refused: {command}", "内核拒绝了：{command}"],
  rollbackCommands: [
    `rolling back {steps} failed in part: run the commands above, or ${DOWN}`,
    withSteps(`回滚 {steps}时部分失败：请运行上面的命令，或者${DOWN_ZH}`),
  ],
  rollbackReadUnsaid: [
    `rolling back {steps} failed in part: netl read the kernel back: the lab is now what it holds (not all of it as netl would make it, in: {list}), \`show\` lists it, and undo starts again from here; or ${DOWN}`,
    withSteps(
      `回滚 {steps}时部分失败：netl 已重新读取内核，实验环境现在就是内核里的样子（{list} 中有些不是 netl 会做成的样子），\`show\` 会列出它，undo 从这里重新开始；或者${DOWN_ZH}`,
    ),
  ],
  rollbackRead: [
    `rolling back {steps} failed in part: netl read the kernel back: the lab is now what it holds, \`show\` lists it, and undo starts again from here; or ${DOWN}`,
    withSteps(
      `回滚 {steps}时部分失败：netl 已重新读取内核，实验环境现在就是内核里的样子，\`show\` 会列出它，undo 从这里重新开始；或者${DOWN_ZH}`,
    ),
  ],
  rolledBackStatement: [
    "{steps} rolled back: the lab is as it was before this statement",
    withSteps("已回滚 {steps}：实验环境恢复到这条语句之前的样子"),
  ],
  rolledBackLines: [
    "{steps} rolled back: the lab is as it was before these lines",
    withSteps("已回滚 {steps}：实验环境恢复到这几行之前的样子"),
  ],
  nothingChanged: ["nothing was changed ({steps} rolled back)", withSteps("什么都没有改动（已回滚 {steps}）")],
  notLabName: ["'{name}' is not a lab name: {rule}", (a) => `“${a.name}”不是合法的实验环境名：${labRuleZh(a.rule)}`],
  notLabNameLong: [
    "'{name}' is not a lab name ({:n} characters): {rule}",
    (a) => `“${a.name}”不是合法的实验环境名（${a.n} 个字符）：${labRuleZh(a.rule)}`,
  ],
  labNameRule: [
    "a lab name starts with a letter and holds letters, digits, '_' and '-', at most {:max} characters",
    "实验环境名以字母开头，只能包含字母、数字、“_”和“-”，最多 {max} 个字符",
  ],
  nameLab: ["name the lab with --lab NAME ({rule})", (a) => `请用 --lab NAME 给实验环境命名（${labRuleZh(a.rule)}）`],
  badRecord: [
    "lab '{:lab}' has a record netl cannot read ({file} under {dir}: {why})",
    "实验环境“{lab}”的记录 netl 读不了（{dir} 下的 {file}：{why}）",
  ],
  noActOn: [
    "netl acts on no record it cannot read: see what it lists, remove what is left of that lab by hand, then the file",
    "netl 不会依据读不了的记录行事：请查看其中列出的内容，手动删除那个实验环境剩下的部分，再删除这个文件",
  ],
  noActOnShort: ["netl acts on no record it cannot read", "netl 不会依据读不了的记录行事"],
  alreadyUpOne: ["lab '{:lab}' is already up ({:n} namespace)", "实验环境“{lab}”已经在运行（{n} 个命名空间）"],
  alreadyUp: ["lab '{:lab}' is already up ({:n} namespaces)", "实验环境“{lab}”已经在运行（{n} 个命名空间）"],
  takeDown: ["take it down first: netl down {:lab}", "请先把它拆掉：netl down {lab}"],
  noLabUp: ["no lab '{:lab}' is up", "没有正在运行的实验环境“{lab}”"],
  lsLists: ["netl ls lists the labs that are up", "netl ls 会列出正在运行的实验环境"],
});
