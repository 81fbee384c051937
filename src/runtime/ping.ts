// One ping from a lab node (or the machine itself), read from ping's own summary: `ping`, `expect
// ping`, `pingall` and `why` all ask the kernel this way.
import type { PingQuery } from "../interpreter/plan.js";
import { type Message, say } from "../words/catalogue.js";
import { PING } from "../words/ping.js";
import type { Executor } from "./executor.js";

export interface PingResult {
  readonly ok: boolean;
  /** `A -> 10.0.0.2: ok (0.04 ms)`, in the reader's language when printed. */
  readonly words: Message;
  /** The same in English (`--json`, pingall, why). */
  readonly text: string;
  /** The average round trip in ms, when replies came back and ping said it. */
  readonly rttMs?: number;
}

const RTT = /= [\d.]+\/([\d.]+)\//;
const RECEIVED = /(\d+) packets transmitted, (\d+) (?:packets )?received/;

/**
 * `ns` undefined: from the machine's own namespace (`ping host A`). Aborting `signal` (Ctrl-C) sends
 * ping SIGINT, as a terminal's Ctrl-C would: it stops and prints what it got so far, which is the answer.
 */
export async function ping(
  executor: Executor,
  ns: string | undefined,
  q: PingQuery,
  signal?: AbortSignal,
): Promise<PingResult> {
  const head = `${q.from} -> ${q.address ?? q.target}`;
  const failed = (why: Message): PingResult => {
    const words = PING.failed({ head, why });
    return { ok: false, words, text: say("en", words) };
  };
  if (q.address === undefined) return failed(PING.noAddress({ target: q.target }));
  const interval = q.count > 1 ? ["-i", "0.2"] : [];
  // IPv6 waits for two retries of neighbour discovery (1 s each): a veth end has no link-local address
  // for its first moments up (longer on a busy machine), and until it has one it solicits no neighbour
  // for a packet from another interface's address.
  const wait = q.address.includes(":") ? "3" : "1";
  const argv = ["ping", "-n", "-q", "-c", String(q.count), "-W", wait, ...interval, q.address];
  let running: number | undefined;
  const stop = () => {
    try {
      if (running !== undefined) process.kill(running, "SIGINT");
    } catch {}
  };
  signal?.addEventListener("abort", stop, { once: true });
  const onPid = (pid: number, exited: boolean) => {
    running = exited ? undefined : pid;
    if (!exited && signal?.aborted) stop();
  };
  // From the machine itself, ping runs as it is; a missing one cannot start at all.
  const r = await executor
    .run(ns === undefined ? argv : ["ip", "netns", "exec", ns, ...argv], { onPid })
    .catch(() => ({ exitCode: 127, stdout: "", stderr: 'exec of "ping" failed' }))
    .finally(() => signal?.removeEventListener("abort", stop));
  const received = RECEIVED.exec(r.stdout);
  const sent = received ? Number(received[1]) : 0;
  const got = received ? Number(received[2]) : 0;
  // Stopped by Ctrl-C before its count: what came back so far, said as such.
  const stopped = signal?.aborted === true && received !== null && sent < q.count;
  const early = (detail: Message): Message => (stopped ? PING.stopped({ detail, sent, count: q.count }) : detail);
  if ((r.exitCode === 0 || stopped) && got > 0) {
    const rtt = RTT.exec(r.stdout)?.[1];
    const time = rtt ? PING.rtt({ ms: String(Number(rtt)) }) : PING.noRtt();
    const detail = q.count > 1 ? PING.replies({ got, of: stopped ? sent : q.count, rtt: time }) : time;
    const words = PING.ok({ head, detail: early(detail) });
    const text = say("en", words);
    return rtt ? { ok: true, words, text, rttMs: Number(rtt) } : { ok: true, words, text };
  }
  const missing = /exec of "ping" failed/.test(r.stderr);
  const said = r.stderr.trim().split("\n")[0];
  const why = received
    ? PING.noReply()
    : missing
      ? PING.notInstalled()
      : said
        ? PING.said({ text: said })
        : PING.exitStatus({ code: r.exitCode });
  return failed(early(why));
}
