// `expect [no] tcp|udp A B PORT`: a small Node program (native/reach-probe.cjs) run inside A by the
// Node running netl, so the check needs no tool the machine may lack; it prints one word (open,
// refused, blocked or silent), worded here.
import type { ReachQuery } from "../interpreter/plan.js";
import { type Message, say } from "../words/catalogue.js";
import { REACH } from "../words/reach.js";
import type { Executor } from "./executor.js";
import PROBE from "./native/reach-probe.cjs";

/** How long a check waits: a positive one retries inside it, so a server spawned just before can start. */
const DEADLINE_MS = 3000;
/** A negative one tries once: a dropped packet is silence for this long. */
const NEGATED_MS = 1500;

const SAYS: Readonly<Record<string, (a: { head: string }) => Message>> = {
  open: REACH.open,
  refused: REACH.refused,
  blocked: REACH.blocked,
  silent: REACH.silent,
};

export async function reach(
  executor: Executor,
  ns: string | undefined,
  q: ReachQuery,
): Promise<{ passed: boolean; text: string; words: Message }> {
  const head = `${q.from} -> ${q.address ?? q.target} ${q.protocol} ${q.port}`;
  const result = (passed: boolean, words: Message) => ({ passed, text: say("en", words), words });
  if (q.address === undefined) return result(q.negated, REACH.noAddress({ head, target: q.target }));
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
  // A dropped SYN is silence to the prober; the lab's own rule says why.
  const dropped = q.blockedBy !== undefined && (word === "silent" || word === "blocked");
  const why = (r.stderr || r.stdout).trim();
  const says = dropped
    ? REACH.blockedBy({ head, rule: q.blockedBy ?? "" })
    : (SAYS[word]?.({ head }) ??
      REACH.couldNot({ head, why: why === "" ? REACH.exitStatus({ code: r.exitCode ?? 0 }) : why }));
  return result(open !== q.negated, says);
}
