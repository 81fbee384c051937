// What a capture shows: one line per packet as it passes (ARP, ICMP, IPv6 neighbour discovery, TCP by
// its flags, UDP), and how it ended.
import { catalogue, entry } from "./catalogue.js";
import { type Rewrites, rewrite } from "./rewrite.js";

/** What tcpdump says an ICMP message is, in Chinese for the kinds a lab shows; another kind as tcpdump says it. */
const ICMP_ZH: Rewrites = [
  [/^router solicitation$/, "路由器请求"],
  [/^router advertisement$/, "路由器通告"],
  [/^multicast listener report v2, (\d+) group record\(s\)$/, "组播侦听报告（MLDv2，$1 条组记录）"],
  [/^multicast listener report( v2)?(.*)$/, "组播侦听报告$2"],
  [/^(?:host )?(\S+) unreachable$/, "$1 不可达"],
  [/^net (\S+) unreachable$/, "网络 $1 不可达"],
  [/^(\S+) (udp|tcp) port (\S+) unreachable$/, "$1 的 $2 端口 $3 不可达"],
  [/^(\S+) protocol (\S+) unreachable$/, "$1 的协议 $2 不可达"],
  [/^time exceeded in-transit$/, "传输途中超时（TTL 用完）"],
  [/^redirect (\S+) to host (\S+)$/, "重定向：去 $1 请走 $2"],
];

export const CAPTURE = catalogue("capture", {
  arpRequest: entry<{ who: string; tell: string }>(
    (a) => `ARP request: who has ${a.who}? tell ${a.tell}`,
    (a) => `ARP 请求：谁是 ${a.who}？请告诉 ${a.tell}`,
  ),
  arpReply: entry<{ ip: string; mac: string }>(
    (a) => `ARP reply: ${a.ip} is at ${a.mac}`,
    (a) => `ARP 应答：${a.ip} 在 ${a.mac}`,
  ),
  echoRequest: entry<{ src: string; dst: string; seq: string }>(
    (a) => `ICMP echo request ${a.src} > ${a.dst} (seq ${a.seq})`,
    (a) => `ICMP 回显请求 ${a.src} > ${a.dst}（序号 ${a.seq}）`,
  ),
  echoReply: entry<{ src: string; dst: string; seq: string }>(
    (a) => `ICMP echo reply ${a.src} > ${a.dst} (seq ${a.seq})`,
    (a) => `ICMP 回显应答 ${a.src} > ${a.dst}（序号 ${a.seq}）`,
  ),
  ndSolicit: entry<{ target: string }>(
    (a) => `ICMPv6 neighbour solicitation: who has ${a.target}?`,
    (a) => `ICMPv6 邻居请求：谁是 ${a.target}？`,
  ),
  ndAdvert: entry<{ target: string }>(
    (a) => `ICMPv6 neighbour advertisement: ${a.target} is here`,
    (a) => `ICMPv6 邻居通告：${a.target} 在这里`,
  ),
  icmp: entry<{ src: string; dst: string; what: string }>(
    (a) => `ICMP ${a.src} > ${a.dst}: ${a.what}`,
    (a) => `ICMP 消息 ${a.src} > ${a.dst}：${rewrite(ICMP_ZH, a.what)}`,
  ),
  tcpSyn: entry<{ src: string; dst: string }>(
    (a) => `TCP SYN ${a.src} > ${a.dst} (opens a connection)`,
    (a) => `TCP SYN ${a.src} > ${a.dst}（发起连接）`,
  ),
  tcpSynAck: entry<{ src: string; dst: string }>(
    (a) => `TCP SYN-ACK ${a.src} > ${a.dst} (accepts it)`,
    (a) => `TCP SYN-ACK ${a.src} > ${a.dst}（接受连接）`,
  ),
  tcpAck: entry<{ src: string; dst: string }>(
    (a) => `TCP ACK ${a.src} > ${a.dst}`,
    (a) => `TCP ACK ${a.src} > ${a.dst}（确认）`,
  ),
  tcpFin: entry<{ src: string; dst: string }>(
    (a) => `TCP FIN ${a.src} > ${a.dst} (closes it)`,
    (a) => `TCP FIN ${a.src} > ${a.dst}（关闭连接）`,
  ),
  tcpRst: entry<{ src: string; dst: string }>(
    (a) => `TCP RST ${a.src} > ${a.dst} (refused or reset)`,
    (a) => `TCP RST ${a.src} > ${a.dst}（拒绝或重置连接）`,
  ),
  tcpData: entry<{ src: string; dst: string; length: number }>(
    (a) => `TCP ${a.src} > ${a.dst}: ${a.length} bytes of data`,
    (a) => `TCP ${a.src} > ${a.dst}：${a.length} 字节数据`,
  ),
  udp: entry<{ src: string; dst: string }>(
    (a) => `UDP ${a.src} > ${a.dst}`,
    (a) => `UDP 数据报 ${a.src} > ${a.dst}`,
  ),
  other: entry<{ text: string }>(
    (a) => a.text,
    (a) => `其他数据包：${a.text}`,
  ),
  /** The time since the capture's first packet, in milliseconds. */
  elapsed: entry<{ ms: string }>(
    (a) => `+${a.ms} ms`,
    (a) => `+${a.ms} 毫秒`,
  ),
  ended: entry<{ what: string; id: number; packets: number }>(
    (a) => `capture ${a.what} #${a.id} ended: ${a.packets} packet${a.packets === 1 ? "" : "s"}`,
    (a) => `抓包 ${a.what} #${a.id} 结束：共 ${a.packets} 个数据包`,
  ),
  endedToFile: entry<{ what: string; id: number; packets: number; file: string }>(
    (a) =>
      `capture ${a.what} #${a.id} ended: ${a.packets} packet${a.packets === 1 ? "" : "s"} in ${a.file} (tcpdump -r ${a.file} reads them)`,
    (a) => `抓包 ${a.what} #${a.id} 结束：${a.packets} 个数据包已写入 ${a.file}（用 tcpdump -r ${a.file} 查看）`,
  ),
  /** Ctrl-C with nothing else running: the captures still running were ended. */
  stopped: entry<{ count: number }>(
    (a) => `ended ${a.count} capture${a.count === 1 ? "" : "s"}`,
    (a) => `已结束 ${a.count} 个抓包`,
  ),
});
