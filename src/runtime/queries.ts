// Questions asked of the live lab: ping, exec, and a node as the kernel sees it.
// They change nothing netl tracks (what an exec changes is the user's business).
import type { PingQuery } from "../interpreter/plan.js";
import type { Executor } from "./executor.js";

export interface PingResult {
  readonly ok: boolean;
  /** `A -> 10.0.0.2: ok (0.04 ms)` */
  readonly text: string;
}

const RTT = /= [\d.]+\/([\d.]+)\//;
const RECEIVED = /(\d+) packets transmitted, (\d+) (?:packets )?received/;

export async function ping(executor: Executor, ns: string, q: PingQuery): Promise<PingResult> {
  const head = `${q.from} -> ${q.address ?? q.target}`;
  if (q.address === undefined) return { ok: false, text: `${head}: failed (${q.target} has no address)` };
  const interval = q.count > 1 ? ["-i", "0.2"] : [];
  const r = await executor.run([
    "ip",
    "netns",
    "exec",
    ns,
    "ping",
    "-n",
    "-q",
    "-c",
    String(q.count),
    "-W",
    "1",
    ...interval,
    q.address,
  ]);
  const received = RECEIVED.exec(r.stdout);
  const got = received ? Number(received[2]) : 0;
  if (r.exitCode === 0 && got > 0) {
    const rtt = RTT.exec(r.stdout)?.[1];
    const replies = q.count > 1 ? `${got}/${q.count} replies, ` : "";
    return { ok: true, text: `${head}: ok (${replies}${rtt ? `${Number(rtt)} ms` : "no rtt"})` };
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
  ]);
  return parts
    .map((p) => (p.stdout + p.stderr).trimEnd())
    .filter((t) => t !== "")
    .join("\n");
}
