// `help` and `help WORD`: the syntax of every statement, with an example a person can type; what each
// does is worded in the reader's language (src/words/help.ts).
import { nearest } from "../suggest.js";
import { type ENTRIES, type Lang, say } from "../words/catalogue.js";
import { HELP, HELP_PAGE } from "../words/help.js";

interface Topic {
  readonly syntax: readonly string[];
  readonly example: string;
}

type Name = Exclude<keyof typeof HELP, typeof ENTRIES>;

/** Every statement that has words in the catalogue has a topic here, and no other. */
const TOPICS: Readonly<Record<Name, Topic>> = {
  ns: { syntax: ["ns A [B C …]", "ns A, B, C"], example: "ns A B" },
  router: {
    syntax: ["router R [S …]"],
    example: "router R",
  },
  switch: {
    syntax: ["switch S [S2 …]", "switch S PREFIX [PREFIX6]"],
    example: "switch s1 10.0.1.0/24 fd01::/64",
  },
  del: {
    syntax: ["del A [B …]"],
    example: "del B",
  },
  link: {
    syntax: ["link A <-> B [PREFIX …]", "link A:IF ADDR/LEN <-> B:IF ADDR/LEN", "link A <-> host PREFIX"],
    example: "link A <-> B 10.0.0.0/24 fd10::/64",
  },
  unlink: { syntax: ["unlink A <-> B", "unlink A:IF <-> B"], example: "unlink A <-> B" },
  set: {
    syntax: [
      "set A <-> B CONDITION…",
      "set A -> B CONDITION…",
      "set A:IF CONDITION…",
      "set A <-> B clear",
      "set A <-> B down|up",
    ],
    example: "set A <-> B delay 50ms loss 1%",
  },
  conditions: {
    syntax: [
      "delay 20ms [jitter 5ms]   loss 1%   rate 10mbit   corrupt 0.1%",
      "duplicate 1%   reorder 25%   limit 1000   mtu 1400",
    ],
    example: "link A <-> B 10.0.0.0/24 delay 20ms loss 1% rate 10mbit",
  },
  move: {
    syntax: ["move IF -> A [force]", "move A:IF -> host", "move A:IF -> B"],
    example: "move eth5 -> A",
  },
  addr: {
    syntax: ["addr A:IF ADDR/LEN"],
    example: "addr A:eth0 10.0.5.1/24",
  },
  route: {
    syntax: ["route A default via B", "route A PREFIX via ADDR", "route auto", "route host PREFIX via A"],
    example: "route A 10.1.0.0/16 via 10.0.0.2",
  },
  ping: {
    syntax: ["ping A B [count N]", "ping A ADDR"],
    example: "ping A B count 3",
  },
  pingall: {
    syntax: ["pingall"],
    example: "pingall",
  },
  why: {
    syntax: ["why A B", "why A ADDR"],
    example: "why A B",
  },
  exec: {
    syntax: ["exec A COMMAND…"],
    example: "exec A ip -br addr; ip route",
  },
  shell: {
    syntax: ["shell A"],
    example: "shell A",
  },
  spawn: {
    syntax: ["spawn A COMMAND…"],
    example: "spawn B python3 -m http.server 8080",
  },
  logs: { syntax: ["logs A"], example: "logs B" },
  ps: { syntax: ["ps"], example: "ps" },
  block: {
    syntax: ["block A -> B [tcp|udp [PORT]]", "block A -> any udp", "block A -> 10.0.0.0/24"],
    example: "block A -> B tcp 8080",
  },
  allow: {
    syntax: ["allow A -> B [tcp|udp [PORT]]"],
    example: "allow A -> B tcp 22",
  },
  unblock: {
    syntax: ["unblock A -> B [tcp|udp [PORT]]"],
    example: "unblock A -> B tcp 8080",
  },
  capture: {
    syntax: ['capture A:IF [count N] [filter "EXPR"]', 'capture A:IF [count N] [filter "EXPR"] to "FILE.pcap"'],
    example: 'capture A:eth0 count 4 filter "arp or icmp"',
  },
  graph: {
    syntax: ["graph"],
    example: "graph",
  },
  show: {
    syntax: ["show", "show A"],
    example: "show A",
  },
  expect: {
    syntax: ["expect ping A B", "expect no ping A B", "expect [no] tcp A B PORT", "expect [no] udp A B PORT"],
    example: "expect no ping A C",
  },
  undo: {
    syntax: ["undo", "undo N"],
    example: "undo 2",
  },
  redo: { syntax: ["redo", "redo N"], example: "redo" },
  history: {
    syntax: ["history"],
    example: "history",
  },
  reset: { syntax: ["reset"], example: "reset" },
  save: {
    syntax: ['save "FILE"', 'save "FILE" force'],
    example: 'save "lab.netl"',
  },
  load: {
    syntax: ['load "FILE"'],
    example: 'load "lab.netl"',
  },
  explain: { syntax: ["explain on", "explain off"], example: "explain on" },
  serve: { syntax: ["serve", "serve off"], example: "serve" },
  help: { syntax: ["help", "help WORD"], example: "help link" },
};

export const HELP_TOPICS: readonly string[] = Object.keys(TOPICS);

const isTopic = (word: string): word is Name => Object.hasOwn(TOPICS, word);
const about = (name: Name, lang: Lang | undefined): string => say(lang, HELP[name]());

export function helpText(topic?: string, lang?: Lang): string {
  if (topic === undefined) {
    const lines = [say(lang, HELP_PAGE.heading())];
    for (const name of Object.keys(TOPICS) as Name[])
      lines.push(`  ${(TOPICS[name].syntax[0] ?? name).padEnd(32)} ${about(name, lang)}`);
    return lines.join("\n");
  }
  if (!isTopic(topic)) return say(lang, HELP_PAGE.unknown({ topic, guess: nearest(topic, HELP_TOPICS) ?? "" }));
  const t = TOPICS[topic];
  return [
    ...t.syntax.map((s) => `  ${s}`),
    `    ${about(topic, lang)}`,
    `    ${say(lang, HELP_PAGE.example({ example: t.example }))}`,
  ].join("\n");
}
