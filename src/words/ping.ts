// What a ping answers (`ping`, `expect ping`): reached or not, replies and round trip, or why not.
import { catalogue, entry, type Message } from "./catalogue.js";

export const PING = catalogue("ping", {
  /** `A -> 10.0.0.2: ok (0.04 ms)` */
  ok: entry<{ head: string; detail: Message }>(
    (a) => `${a.head}: ok (${a.detail})`,
    (a) => `${a.head}：通（${a.detail}）`,
  ),
  failed: entry<{ head: string; why: Message }>(
    (a) => `${a.head}: failed (${a.why})`,
    (a) => `${a.head}：不通（${a.why}）`,
  ),
  rtt: entry<{ ms: string }>(
    (a) => `${a.ms} ms`,
    (a) => `${a.ms} 毫秒`,
  ),
  noRtt: entry(
    () => "no rtt",
    () => "没有往返时间",
  ),
  /** `3/3 replies, 0.05 ms` */
  replies: entry<{ got: number; of: number; rtt: Message }>(
    (a) => `${a.got}/${a.of} replies, ${a.rtt}`,
    (a) => `收到 ${a.got}/${a.of} 个回复，${a.rtt}`,
  ),
  /** Stopped by Ctrl-C before its count. */
  stopped: entry<{ detail: Message; sent: number; count: number }>(
    (a) => `${a.detail}; stopped after ${a.sent} of ${a.count}`,
    (a) => `${a.detail}；发出 ${a.sent} 个（共 ${a.count} 个）后被中断`,
  ),
  noReply: entry(
    () => "no reply",
    () => "没有回复",
  ),
  noAddress: entry<{ target: string }>(
    (a) => `${a.target} has no address`,
    (a) => `${a.target} 没有地址`,
  ),
  notInstalled: entry(
    () => "ping is not installed: apt-get install iputils-ping",
    () => "没有安装 ping：apt-get install iputils-ping",
  ),
  /** What ping itself said (its own words, as the program printed them). */
  said: entry<{ text: string }>(
    (a) => a.text,
    (a) => `ping 报错：${a.text}`,
  ),
  exitStatus: entry<{ code: number }>(
    (a) => `exit status ${a.code}`,
    (a) => `退出状态 ${a.code}`,
  ),
});
