// `help` and `help WORD`: the syntax of every statement, with an example a person can type.
import { nearest } from "../suggest.js";

interface Topic {
  readonly syntax: readonly string[];
  readonly about: string;
  readonly example: string;
}

const TOPICS: Readonly<Record<string, Topic>> = {
  ns: { syntax: ["ns A [B C …]", "ns A, B, C"], about: "create namespaces; their lo is brought up", example: "ns A B" },
  router: {
    syntax: ["router R [S …]"],
    about: "a namespace with IPv4 and IPv6 forwarding on; an existing ns R gets its forwarding turned on",
    example: "router R",
  },
  switch: {
    syntax: ["switch S [S2 …]", "switch S PREFIX [PREFIX6]"],
    about:
      "a namespace with a Linux bridge; links to S join it; with a prefix, nodes linked to S get its next free address",
    example: "switch s1 10.0.1.0/24 fd01::/64",
  },
  del: {
    syntax: ["del A [B …]"],
    about: "remove nodes and every link that touches them (undo brings them back)",
    example: "del B",
  },
  link: {
    syntax: ["link A <-> B [PREFIX …]", "link A:IF ADDR/LEN <-> B:IF ADDR/LEN", "link A <-> host PREFIX"],
    about:
      "a veth pair, both ends up; with a prefix A gets the first host address and B the second; `host` is the machine itself (a prefix it routes already is refused)",
    example: "link A <-> B 10.0.0.0/24 fd10::/64",
  },
  unlink: { syntax: ["unlink A <-> B", "unlink A:IF <-> B"], about: "remove a link", example: "unlink A <-> B" },
  set: {
    syntax: [
      "set A <-> B CONDITION…",
      "set A -> B CONDITION…",
      "set A:IF CONDITION…",
      "set A <-> B clear",
      "set A <-> B down|up",
    ],
    about:
      "change a live link: both ends, one direction (what A sends), or one interface; clear takes every condition away; down/up pulls the cable and plugs it back (addresses and routes come back); undo puts back exactly what was",
    example: "set A <-> B delay 50ms loss 1%",
  },
  conditions: {
    syntax: [
      "delay 20ms [jitter 5ms]   loss 1%   rate 10mbit   corrupt 0.1%",
      "duplicate 1%   reorder 25%   limit 1000   mtu 1400",
    ],
    about:
      "after a link (both ends, so each direction sees them once) or a set; durations us/ms/s, rates bit/kbit/mbit/gbit; a 0 takes one away; rate alone is tbf, anything else netem (a kernel without netem is told so)",
    example: "link A <-> B 10.0.0.0/24 delay 20ms loss 1% rate 10mbit",
  },
  move: {
    syntax: ["move IF -> A [force]", "move A:IF -> host", "move A:IF -> B"],
    about:
      "move an interface of the machine into A (its addresses, MTU and state come back with it); the one with the default route needs force",
    example: "move eth5 -> A",
  },
  addr: {
    syntax: ["addr A:IF ADDR/LEN"],
    about: "add an address to an interface (lo included)",
    example: "addr A:eth0 10.0.5.1/24",
  },
  route: {
    syntax: ["route A default via B", "route A PREFIX via ADDR", "route auto", "route host PREFIX via A"],
    about:
      "a static route; via a node means its address on the link (or switch) you share; route auto: shortest-path routes for every node, default routes for hosts with one interface; route host: the machine's way into a lab subnet, through a host end (the lab's: it goes with it)",
    example: "route A 10.1.0.0/16 via 10.0.0.2",
  },
  ping: {
    syntax: ["ping A B [count N]", "ping A ADDR"],
    about: "reachability and round-trip time",
    example: "ping A B count 3",
  },
  pingall: {
    syntax: ["pingall"],
    about: "every node pings every other once: a matrix (X where a ping failed) and the drop rate",
    example: "pingall",
  },
  why: {
    syntax: ["why A B", "why A ADDR"],
    about: "when a ping fails: follows it hop by hop, there and back, and names what stops it and the fix",
    example: "why A B",
  },
  exec: {
    syntax: ["exec A COMMAND…"],
    about:
      "run the rest of the line in A with sh -c (what it changes is not undone); at a terminal its output comes as it is printed, it reads the keyboard, and Ctrl-C stops it",
    example: "exec A ip -br addr; ip route",
  },
  shell: {
    syntax: ["shell A"],
    about:
      "your shell ($SHELL, else sh) inside A on this terminal, its prompt naming A; exit (or Ctrl-D) comes back here. From another terminal: netl shell LAB A",
    example: "shell A",
  },
  spawn: {
    syntax: ["spawn A COMMAND…"],
    about:
      "start a long-running process in A (sh -c, its own process group); undo, del A, reset and teardown end it; logs A shows its output, ps lists what runs",
    example: "spawn B python3 -m http.server 8080",
  },
  logs: { syntax: ["logs A"], about: "the last lines printed by what spawn started in A", example: "logs B" },
  ps: { syntax: ["ps"], about: "what spawn started: where, its pid, and whether it still runs", example: "ps" },
  block: {
    syntax: ["block A -> B [tcp|udp [PORT]]", "block A -> any udp", "block A -> 10.0.0.0/24"],
    about:
      "drop what A sends there, with nftables inside A (netl's own table; the machine's rules are never touched); replies to what others start stay allowed",
    example: "block A -> B tcp 8080",
  },
  allow: {
    syntax: ["allow A -> B [tcp|udp [PORT]]"],
    about: "an exception to A's blocks: allows are checked before any block",
    example: "allow A -> B tcp 22",
  },
  unblock: {
    syntax: ["unblock A -> B [tcp|udp [PORT]]"],
    about: "remove the rule (block or allow) written with that target (or undo it)",
    example: "unblock A -> B tcp 8080",
  },
  graph: {
    syntax: ["graph"],
    about:
      "the lab drawn in the terminal: each node and its links, addresses on both ends; netl graph FILE -o lab.svg writes a picture",
    example: "graph",
  },
  show: {
    syntax: ["show", "show A"],
    about: "the lab as netl knows it; or node A as the kernel sees it",
    example: "show A",
  },
  expect: {
    syntax: ["expect ping A B", "expect no ping A B", "expect [no] tcp A B PORT", "expect [no] udp A B PORT"],
    about:
      "an assertion: a failed one is an error (exit status 1 for a script); tcp: a connection is accepted, udp: a datagram is answered, tried from inside A",
    example: "expect no ping A C",
  },
  undo: {
    syntax: ["undo", "undo N"],
    about: "revert the last (N) changes, in the kernel as in the model",
    example: "undo 2",
  },
  redo: { syntax: ["redo", "redo N"], about: "re-apply undone changes; a new change clears them", example: "redo" },
  history: {
    syntax: ["history"],
    about: "the changes so far, numbered, and what redo would bring back",
    example: "history",
  },
  reset: { syntax: ["reset"], about: "remove the whole lab (one undo step)", example: "reset" },
  save: {
    syntax: ['save "FILE"', 'save "FILE" force'],
    about: "write a netl script that rebuilds the current lab (force: into another user's folder, or over a link)",
    example: 'save "lab.netl"',
  },
  load: {
    syntax: ['load "FILE"'],
    about: "run a file's statements here, as one undo step",
    example: 'load "lab.netl"',
  },
  explain: { syntax: ["explain on", "explain off"], about: "print each ip command as it runs", example: "explain on" },
  serve: {
    syntax: ["serve", "serve off"],
    about:
      "the lab's live page in a browser (127.0.0.1, a free port; read-only): the picture follows every change, undo included; a click shows a node or a link as the kernel sees it",
    example: "serve",
  },
  help: { syntax: ["help", "help WORD"], about: "this help; help link shows one statement", example: "help link" },
};

export const HELP_TOPICS: readonly string[] = Object.keys(TOPICS);

const topicLines = (t: Topic): string[] => [
  ...t.syntax.map((s) => `  ${s}`),
  `    ${t.about}`,
  `    e.g. ${t.example}`,
];

export function helpText(topic?: string): string {
  if (topic === undefined) {
    const lines = ["statements (help WORD for one; Tab completes; Ctrl-D leaves and removes the lab):"];
    for (const [name, t] of Object.entries(TOPICS)) lines.push(`  ${(t.syntax[0] ?? name).padEnd(32)} ${t.about}`);
    return lines.join("\n");
  }
  const t = TOPICS[topic];
  if (t === undefined) {
    const guess = nearest(topic, HELP_TOPICS);
    return `no help for '${topic}'${guess ? ` — did you mean 'help ${guess}'?` : ""}; 'help' lists every statement`;
  }
  return topicLines(t).join("\n");
}
