// What the lexer and the parser say is wrong with the text of a statement (grammar/*), in English as
// they make it and in Chinese. A syntax error names what was expected in fragments ("a node name",
// "end of line"), each worded here too.
import { shapes } from "./shapes.js";

/** The parser's fragments for what it expected or found; a token in quotes stays as it is. */
export const FRAGMENTS: Readonly<Record<string, string>> = {
  "a node name": "节点名",
  "an interface such as A:eth0": "网络接口，例如 A:eth0",
  "a node name or an interface such as A:eth0": "节点名或网络接口，例如 A:eth0",
  "an address such as 10.0.0.2": "地址，例如 10.0.0.2",
  "a prefix such as 10.1.0.0/16": "网段，例如 10.1.0.0/16",
  "an address with a prefix such as 10.0.0.0/24": "带前缀的地址，例如 10.0.0.0/24",
  "a count such as 3": "次数，例如 3",
  "a number": "数字",
  'a file name in quotes, such as "lab.netl"': '用引号括起来的文件名，例如 "lab.netl"',
  "a string in quotes": "用引号括起来的字符串",
  "end of line": "行尾",
  "the end of the line": "行尾",
  "a condition such as delay 20ms": "链路条件，例如 delay 20ms",
  "a topic such as 'link'": "主题，例如 'link'",
  "a duration such as 20ms": "时长，例如 20ms",
  "a duration such as 5ms": "时长，例如 5ms",
  "a percentage such as 1%": "百分比，例如 1%",
  "a percentage such as 0.1%": "百分比，例如 0.1%",
  "a percentage such as 25%": "百分比，例如 25%",
  "a rate such as 10mbit": "速率，例如 10mbit",
  "a number of packets such as 1000": "包的个数，例如 1000",
  "a number of bytes such as 1400": "字节数，例如 1400",
  "something else": "别的内容",
  "a statement": "一条语句",
  count: "次数",
  "undo count": "undo 的次数",
  "redo count": "redo 的次数",
  microseconds: "微秒",
  "bits per second": "比特每秒",
  packets: "个包",
  bytes: "字节",
  "from 0ms to 60s": "在 0ms 到 60s 之间",
  "from 0% to 100%": "在 0% 到 100% 之间",
  "from 1kbit to 100gbit": "在 1kbit 到 100gbit 之间",
  "from 1 to 1000000 packets": "在 1 到 1000000 个包之间",
  "from 68 to 65535 bytes": "在 68 到 65535 字节之间",
};

/** Why an address is bad (grammar/addresses.ts), the sentence inside `bad address '…': …`. */
const ADDRESS_REASONS = {
  leadingZeros: ["numbers in an IPv4 address have no leading zeros", "IPv4 地址中的数字不能有前导零"],
  at255: ["each number in an IPv4 address is at most 255", "IPv4 地址中的每个数字最大为 255"],
  notIpv6: ["not a valid IPv6 address", "不是合法的 IPv6 地址"],
} as const;
const REASONS_ZH: Readonly<Record<string, string>> = Object.fromEntries(Object.values(ADDRESS_REASONS));

/** A fragment in Chinese; a token the parser quotes ('10') in Chinese quotes, as it stays. */
const fragment = (text: string | undefined): string =>
  FRAGMENTS[text ?? ""] ?? REASONS_ZH[text ?? ""] ?? (text ?? "").replace(/^'([^']*)'$/, "“$1”");

/** `a, b or c` in Chinese: each fragment worded, `a、b 或 c`. */
export function eitherZh(text: string | undefined): string {
  const parts = (text ?? "").split(/, (?=(?:[^']*'[^']*')*[^']*$)| or /);
  const words = parts.map(fragment);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join("、")} 或 ${words[words.length - 1]}`;
}

export const GRAMMAR_ERRORS = shapes("grammarErrors", {
  expected: ["expected {what}, found {found}", (a) => `这里应该是${eitherZh(a.what)}，却遇到了${fragment(a.found)}`],
  expectedCommand: ["expected a command after 'exec {:node}'", "“exec {node}”后面应该跟一条命令"],
  keywordNotName: ["'{:word}' is a keyword, not a node name", "“{word}”是关键字，不能用作节点名"],
  nameRule: [
    "names use letters, digits, '_' and '-', and start with a letter",
    "名字只能用字母、数字、“_”和“-”，并以字母开头",
  ],
  writeLike: ["write it like {example}", "请写成 {example} 这样"],
  badAddress: ["bad address '{:text}': {why}", (a) => `地址“${a.text}”不对：${fragment(a.why)}`],
  ...ADDRESS_REASONS,
  badPrefixNumber: [
    "bad prefix length in '{:text}': write a number after '/'",
    "“{text}”的前缀长度不对：“/”后面要写一个数字",
  ],
  badPrefixMax: [
    "bad prefix length in '{:text}': an IPv{:family} prefix is at most /{:max}",
    "“{text}”的前缀长度不对：IPv{family} 的前缀最长为 /{max}",
  ],
  needsPrefix: ["'{:text}' needs a prefix length here", "这里的“{text}”需要带前缀长度"],
  addressAlone: ["write the address alone: {:text}", "只写地址即可：{text}"],
  addressExpected: [
    "'{:text}' has a prefix length, but here an address is expected",
    "“{text}”带了前缀长度，但这里要的是一个地址",
  ],
  givenTwice: ["{:name} is given twice", "{name} 写了两次"],
  eachOnce: ["write each condition once: {:name} …", "每个条件只写一次：{name} …"],
  captureOneCount: ["capture takes one count", "capture 只能写一个 count"],
  captureOne: ["capture takes one {:word}", "capture 只能写一个 {word}"],
  emptyFileName: ["a file name cannot be empty", "文件名不能为空"],
  emptyFilter: ["an empty filter", "过滤条件是空的"],
  forceSaveOnly: ["force goes with save only", "force 只能和 save 一起用"],
  loadNoForce: ["load reads a file; it never needs force", "load 只是读文件，用不着 force"],
  countRange: [
    "{what} must be from 1 to {:max}, not {:n}",
    (a) => `${fragment(a.what)}必须在 1 到 ${a.max} 之间，而不是 ${a.n}`,
  ],
  portRange: ["a port is from 1 to {:max}, not {:n}", "端口必须在 1 到 {max} 之间，而不是 {n}"],
  portExample: ["such as tcp 8080", "例如 tcp 8080"],
  textTooLong: [
    "this text is longer than 4 MiB, the most netl reads at once",
    "这段文字超过了 4 MiB，netl 一次最多读这么多",
  ],
  loneCr: ["a carriage return without a newline after it", "回车符后面没有换行符"],
  // A named character is `U+001B (ESC)`, two words: a hole of any text; its English name is left out.
  controlChar: [
    "control character {char} in netl source",
    (a) => `netl 源码里有控制字符 ${(a.char ?? "").replace(/ \(.*\)$/, "")}`,
  ],
  lineEnds: [
    "lines end with \\n or \\r\\n; a lone \\r shows the text otherwise than netl reads it",
    "行尾应该是 \\n 或 \\r\\n；单独的 \\r 会让显示出来的文字和 netl 读到的不一样",
  ],
  binary: [
    "netl reads text: this looks like a binary file, not a netl script",
    "netl 读的是文本：这看起来是个二进制文件，不是 netl 脚本",
  ],
  plainText: [
    "netl source is plain text: remove it (tabs and line ends are fine)",
    "netl 源码是纯文本：请删掉它（制表符和换行符没有问题）",
  ],
  maxStatements: ["a file may expand to at most {:n} statements", "一个文件展开后最多 {n} 条语句"],
  maxLoops: ["loops may be nested at most {:n} deep", "循环最多嵌套 {n} 层"],
  maxParens: ["parentheses may be nested at most {:n} deep", "括号最多嵌套 {n} 层"],
  emptyRange: ["the range {:a}..{:b} is empty", "范围 {a}..{b} 是空的"],
  maxText: ["loops may expand to at most {:n} MiB of text in a file", "一个文件里的循环展开后最多 {n} MiB 文本"],
  countsAll: [
    "loops count every statement of every iteration: split the lab, or use smaller ranges",
    "循环的每一轮的每条语句都要计数：请拆分实验环境，或者把范围改小",
  ],
  innerOut: ["write the inner loops out, or split the lab", "请把内层循环展开写，或者拆分实验环境"],
  fewerParens: ["write the expression with fewer parentheses", "请少用几层括号来写这个表达式"],
  smallerFirst: ["write the smaller bound first, such as 1..{:n}", "请把小的边界写在前面，例如 1..{n}"],
  longBody: [
    "a long body repeated many times: split the lab, or use smaller ranges",
    "很长的循环体被重复了很多次：请拆分实验环境，或者把范围改小",
  ],
  stringEnds: ["a string ends with '\"' on the line where it starts", '字符串要在开始的那一行以“"”结束'],
  unclosedString: ["unclosed string", "字符串没有结束"],
  exprInLoop: [
    "{expr} is filled in only inside a loop: for i in 1..4 { ns h{i} }; a loop's { needs its closing }",
    "{expr} 只在循环里才会被替换：for i in 1..4 { ns h{i} }；循环的 { 需要对应的 }",
  ],
  unexpectedChar: ["unexpected character '{char}'", "意外的字符“{char}”"],
  doubleQuotes: ['strings are written in double quotes, such as "lab.netl"', '字符串要用双引号括起来，例如 "lab.netl"'],
  durations: ["durations are written with us, ms or s, such as 20ms", "时长的单位是 us、ms 或 s，例如 20ms"],
  percentages: ["percentages are written with %, such as 1% or 0.5%", "百分比要带 %，例如 1% 或 0.5%"],
  rates: [
    "rates are bits per second, written with bit, kbit, mbit or gbit, such as 10mbit",
    "速率的单位是比特每秒，写作 bit、kbit、mbit 或 gbit，例如 10mbit",
  ],
  queueLimit: ["the queue limit is a number of packets, such as limit 1000", "队列长度是包的个数，例如 limit 1000"],
  mtuBytes: ["the MTU is a number of bytes, such as mtu 1400", "MTU 是字节数，例如 mtu 1400"],
  rateClear: [
    "{form}; 'set A <-> B clear' takes all conditions away",
    (a) => `${a.form}；“set A <-> B clear”会去掉所有条件`,
  ],
  notAValue: ["'{:image}' is not a value for {:name}", "“{image}”不是 {name} 能取的值"],
  needsUnit: ["'{:image}' needs a unit: {:name} {:example}", "“{image}”需要单位：{name} {example}"],
  plainNumber: ["{:name} takes a plain number, not '{:image}'", "{name} 只接受纯数字，而不是“{image}”"],
  unknownUnit: ["unknown unit '{:unit}' in '{:image}'", "“{image}”里的单位“{unit}”不认识"],
  negative: ["{:name} cannot be negative: {:image}", "{name} 不能是负数：{image}"],
  notWhole: [
    "{:name} {:image} is not a whole number of {unit}",
    (a) => `${a.name} ${a.image} 不是整数个${fragment(a.unit)}`,
  ],
  decimals: [
    "{:name} {:image} has more decimals than netl keeps (6 at most)",
    "{name} {image} 的小数位比 netl 保留的多（最多 6 位）",
  ],
  outOfRange: ["{:name} is {range}, not {:image}", (a) => `${a.name} 应该${fragment(a.range)}，而不是 ${a.image}`],
  habit: ["did you mean '{words}'? (netl's word for it)", "你是不是想输入“{words}”？（这是 netl 的说法）"],
  pingFirst: [
    "did you mean 'ping {:a} {:b}'? (netl writes the statement first: ping FROM TO)",
    "你是不是想输入“ping {a} {b}”？（netl 把语句写在前面：ping FROM TO）",
  ],
  execIn: ["to run a command in node {:node}: exec {:node2} {rest}", "要在节点 {node} 里运行命令：exec {node2} {rest}"],
});
