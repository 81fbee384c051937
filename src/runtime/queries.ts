// Questions asked of the live lab: ping, exec, and a node as the kernel sees it; pingall and why
// have files of their own.
// They change nothing netl tracks (what an exec changes is the user's business).
import type { NsName } from "../interpreter/ops/lower.js";
import type { PingQuery, Query } from "../interpreter/plan.js";
import { HOST } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { pingAll } from "./queries-pingall.js";
import { why } from "./queries-why.js";
import { reach } from "./reach.js";
import type { Outcome } from "./session.js";
import type { SpawnedProcesses } from "./spawned.js";

export interface PingResult {
  readonly ok: boolean;
  /** `A -> 10.0.0.2: ok (0.04 ms)` */
  readonly text: string;
  /** The average round trip in ms, when replies came back and ping said it. */
  readonly rttMs?: number;
}

const RTT = /= [\d.]+\/([\d.]+)\//;
const RECEIVED = /(\d+) packets transmitted, (\d+) (?:packets )?received/;

/** `ns` undefined: from the machine's own namespace (`ping host A`). */
export async function ping(executor: Executor, ns: string | undefined, q: PingQuery): Promise<PingResult> {
  const head = `${q.from} -> ${q.address ?? q.target}`;
  if (q.address === undefined) return { ok: false, text: `${head}: failed (${q.target} has no address)` };
  const interval = q.count > 1 ? ["-i", "0.2"] : [];
  const argv = ["ping", "-n", "-q", "-c", String(q.count), "-W", "1", ...interval, q.address];
  // From the machine itself, ping runs as it is; a missing one cannot start at all.
  const r = await executor
    .run(ns === undefined ? argv : ["ip", "netns", "exec", ns, ...argv])
    .catch(() => ({ exitCode: 127, stdout: "", stderr: 'exec of "ping" failed' }));
  const received = RECEIVED.exec(r.stdout);
  const got = received ? Number(received[2]) : 0;
  if (r.exitCode === 0 && got > 0) {
    const rtt = RTT.exec(r.stdout)?.[1];
    const replies = q.count > 1 ? `${got}/${q.count} replies, ` : "";
    const text = `${head}: ok (${replies}${rtt ? `${Number(rtt)} ms` : "no rtt"})`;
    return rtt ? { ok: true, text, rttMs: Number(rtt) } : { ok: true, text };
  }
  const missing = /exec of "ping" failed/.test(r.stderr);
  const why = received
    ? "no reply"
    : missing
      ? "ping is not installed: apt-get install iputils-ping"
      : r.stderr.trim().split("\n")[0] || `exit status ${r.exitCode}`;
  return { ok: false, text: `${head}: failed (${why})` };
}

export interface ExecResultText {
  readonly exitCode: number;
  readonly output: string;
}

export async function execIn(
  executor: Executor,
  ns: string,
  command: string,
  signal?: AbortSignal,
): Promise<ExecResultText> {
  // The user's own text goes to sh as one argument: it is the user's command line by design.
  const r = await executor.run(["ip", "netns", "exec", ns, "sh", "-c", command], {
    mergeOutput: true,
    ...(signal ? { signal } : {}),
  });
  return { exitCode: r.exitCode, output: r.stdout };
}

export async function showKernel(executor: Executor, ns: string): Promise<string> {
  const parts = await Promise.all([
    executor.run(["ip", "-n", ns, "-br", "addr"]),
    executor.run(["ip", "-n", ns, "route"]),
    executor.run(["ip", "-n", ns, "-6", "route"]),
    executor.run(["tc", "-n", ns, "qdisc", "show"]),
  ]);
  // Queues: only those a link condition put there, not every interface's default `noqueue`.
  const queue = (line: string) => !/^qdisc noqueue /.test(line);
  return parts
    .map((p, i) => (i === 3 ? { ...p, stdout: p.stdout.split("\n").filter(queue).join("\n") } : p))
    .map((p) => (p.stdout + p.stderr).trimEnd())
    .filter((t) => t !== "")
    .join("\n");
}

/** `ps`: what `spawn` started, where, its pid and whether it still runs. */
function psText(query: Extract<Query, { kind: "ps" }>, procs: SpawnedProcesses | undefined): string {
  if (query.processes.length === 0) return "nothing spawned (spawn B CMD… starts a process in B)";
  return query.processes
    .map((p) => {
      const s = procs?.status(p.id);
      const state = s === undefined ? "not started" : `pid ${s.pid} ${s.running ? "running" : "exited"}`;
      return `#${p.id}  ${p.node}  ${state}  ${p.command}`;
    })
    .join("\n");
}

/** Answer a query in the live lab; `ping host A` runs in the machine's own namespace. */
export async function answer(
  query: Query,
  exec: Executor,
  nsName: NsName,
  signal?: AbortSignal,
  procs?: SpawnedProcesses,
): Promise<Outcome> {
  const where = (node: string) => (node === HOST ? undefined : nsName(node));
  switch (query.kind) {
    case "ping":
      return {
        kind: "ping",
        from: query.from,
        to: query.target,
        ...(query.address === undefined ? {} : { address: query.address }),
        ...(await ping(exec, where(query.from), query)),
      };
    case "expect-ping": {
      const r = await ping(exec, where(query.ping.from), query.ping);
      return { kind: "expect", passed: r.ok !== query.negated, text: r.text };
    }
    case "exec":
      return { kind: "exec", ...(await execIn(exec, nsName(query.node), query.command, signal)) };
    case "show":
      if (query.node === undefined) return { kind: "show" };
      return { kind: "show", node: query.node, kernel: await showKernel(exec, nsName(query.node)) };
    case "pingall":
      return pingAll(exec, nsName, query);
    case "why":
      return { kind: "why", cause: await why(exec, nsName, query) };
    case "expect-reach":
      return { kind: "expect", ...(await reach(exec, where(query.from), query)) };
    case "logs":
      return { kind: "text", text: procs?.logs(query.node) ?? "no logs here" };
    case "ps":
      return { kind: "text", text: psText(query, procs) };
    case "graph":
      return { kind: "graph" };
  }
}
