// What `expect tcp|udp A B PORT` found (runtime/reach.ts): the probe's one word, worded after what was
// tried (`A -> 10.0.0.2 tcp 80`).
import { catalogue, entry, type Message } from "./catalogue.js";

type Head = { head: string };

export const REACH = catalogue("reach", {
  open: entry<Head>(
    (a) => `${a.head}: open`,
    (a) => `${a.head}：通`,
  ),
  refused: entry<Head>(
    (a) => `${a.head}: refused (nothing listens there)`,
    (a) => `${a.head}：被拒绝（那里没有程序在监听）`,
  ),
  blocked: entry<Head>(
    (a) => `${a.head}: blocked (a firewall rule in the node dropped it)`,
    (a) => `${a.head}：被拦截（节点里的防火墙规则丢弃了它）`,
  ),
  blockedBy: entry<Head & { rule: string }>(
    (a) => `${a.head}: blocked (a firewall rule in the node dropped it): ${a.rule}`,
    (a) => `${a.head}：被拦截（节点里的防火墙规则丢弃了它）：${a.rule}`,
  ),
  silent: entry<Head>(
    (a) => `${a.head}: no answer`,
    (a) => `${a.head}：没有应答`,
  ),
  noAddress: entry<Head & { target: string }>(
    (a) => `${a.head}: ${a.target} has no address`,
    (a) => `${a.head}：${a.target} 没有地址`,
  ),
  couldNot: entry<Head & { why: string | Message }>(
    (a) => `${a.head}: could not check: ${a.why}`,
    (a) => `${a.head}：无法检查：${a.why}`,
  ),
  exitStatus: entry<{ code: number }>(
    (a) => `exit status ${a.code}`,
    (a) => `退出状态 ${a.code}`,
  ),
});
