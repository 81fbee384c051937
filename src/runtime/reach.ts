// `expect [no] tcp|udp A B PORT`: a small Node program run inside A (the Node running netl, so the
// check needs no tool the machine may lack). tcp: a connection is accepted; udp: a datagram is
// answered (an echo). It prints one word — open, refused, blocked or silent — and exits 0 only for open.
import type { ReachQuery } from "../interpreter/plan.js";
import type { Executor } from "./executor.js";

/** How long a check waits: a positive one retries inside it, so a server spawned just before can start. */
const DEADLINE_MS = 3000;
/** A negative one tries once: a dropped packet is silence for this long. */
const NEGATED_MS = 1500;

// Kept as source text: it runs as `node -e PROBE PROTOCOL HOST PORT MS RETRY`.
const PROBE = `
const [proto, host, port, ms, retry] = process.argv.slice(1);
const deadline = Date.now() + Number(ms);
const done = (word) => { console.log(word); process.exit(word === "open" ? 0 : 1); };
const word = (e) => e && e.code === "ECONNREFUSED" ? "refused" : e && e.code === "EPERM" ? "blocked" : "silent";
const again = (last) => retry === "1" && Date.now() + 200 < deadline ? setTimeout(attempt, 200) : done(last);
function attempt() {
  if (proto === "tcp") {
    const s = require("net").connect({ host, port: Number(port), timeout: Math.max(100, deadline - Date.now()) });
    s.on("connect", () => { s.destroy(); done("open"); });
    s.on("timeout", () => { s.destroy(); done("silent"); });
    s.on("error", (e) => { s.destroy(); again(word(e)); });
  } else {
    const s = require("dgram").createSocket(host.includes(":") ? "udp6" : "udp4");
    const t = setTimeout(() => { s.close(); again("silent"); }, 400);
    s.on("message", () => { clearTimeout(t); s.close(); done("open"); });
    s.on("error", (e) => { clearTimeout(t); s.close(); again(word(e)); });
    s.connect(Number(port), host, () => s.send("netl\\n", (e) => e && s.emit("error", e)));
  }
}
setTimeout(() => done("silent"), Number(ms) + 500).unref();
attempt();
`;

const SAYS: Readonly<Record<string, string>> = {
  open: "open",
  refused: "refused (nothing listens there)",
  blocked: "blocked (a firewall rule in the node dropped it)",
  silent: "no answer",
};

export async function reach(
  executor: Executor,
  ns: string | undefined,
  q: ReachQuery,
): Promise<{ passed: boolean; text: string }> {
  const head = `${q.from} -> ${q.address ?? q.target} ${q.protocol} ${q.port}`;
  if (q.address === undefined) return { passed: q.negated, text: `${head}: ${q.target} has no address` };
  const argv = [
    process.execPath,
    "-e",
    PROBE,
    q.protocol,
    q.address,
    String(q.port),
    String(q.negated ? NEGATED_MS : DEADLINE_MS),
    q.negated ? "0" : "1",
  ];
  const r = await executor.run(ns === undefined ? argv : ["ip", "netns", "exec", ns, ...argv]);
  const word = r.stdout.trim().split("\n").pop() ?? "";
  const open = r.exitCode === 0 && word === "open";
  const says = SAYS[word] ?? `could not check: ${(r.stderr || r.stdout).trim() || `exit status ${r.exitCode}`}`;
  return { passed: open !== q.negated, text: `${head}: ${says}` };
}
