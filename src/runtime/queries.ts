// Questions asked of the live lab: ping (ping.ts), exec, and a node as the kernel sees it; pingall
// and why have files of their own.
// They change nothing netl tracks (what an exec changes is the user's business).
import type { NsName } from "../interpreter/ops/lower.js";
import type { Query } from "../interpreter/plan.js";
import { HOST } from "../interpreter/world.js";
import type { Answer } from "./answer.js";
import type { Captures } from "./captures.js";
import type { Executor } from "./executor.js";
import { ping } from "./ping.js";
import { pingAll } from "./queries-pingall.js";
import { why } from "./queries-why.js";
import { reach } from "./reach.js";
import type { SpawnedProcesses } from "./spawned.js";

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
function psText(
  query: Extract<Query, { kind: "ps" }>,
  procs: SpawnedProcesses | undefined,
  captures: Captures | undefined,
): string {
  if (query.processes.length === 0) return "nothing spawned (spawn B CMD… starts a process in B)";
  return query.processes
    .map((p) => {
      const s = procs?.status(p.id) ?? captures?.status(p.id);
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
  captures?: Captures,
): Promise<Answer> {
  const where = (node: string) => (node === HOST ? undefined : nsName(node));
  switch (query.kind) {
    case "ping":
      return {
        kind: "ping",
        from: query.from,
        to: query.target,
        ...(query.address === undefined ? {} : { address: query.address }),
        ...(await ping(exec, where(query.from), query, signal)),
      };
    case "expect-ping": {
      const r = await ping(exec, where(query.ping.from), query.ping);
      return { kind: "expect", passed: r.ok !== query.negated, text: r.text, words: r.words };
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
      return { kind: "text", text: psText(query, procs, captures) };
    case "graph":
      return { kind: "graph" };
  }
}
