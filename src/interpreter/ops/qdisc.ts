// The qdisc that carries an interface's conditions: the words after `tc qdisc replace dev X root`.
import { formatCondition } from "../../../grammar/quantities.js";
import { type Conditions, conditionEntries, netemConditions } from "../conditions.js";

/** The qdisc's words after `root`: `tbf …` for a rate alone, else `netem …` with every condition. */
export function qdiscWords(c: Conditions): string[] {
  if (netemConditions(c).length === 0 && c.rate !== undefined) return tbfWords(c.rate);
  const words = ["netem"];
  for (const [name, value] of conditionEntries(c)) {
    if (name === "jitter") continue;
    words.push(name, formatCondition(name, value));
    if (name === "delay" && c.jitter !== undefined) words.push(formatCondition("jitter", c.jitter));
  }
  return words;
}

/** How long a rate-only link's bucket lets it send at full rate (a setting, docs/CONDITIONS.md). */
const BUCKET_MS = 10;
/** How long its queue may hold packets before tbf drops them (a setting). */
const QUEUE_LATENCY = "100ms";
/** The bucket is never smaller than a few full-size Ethernet frames. */
const MIN_BUCKET_BYTES = 4 * 1514;

/**
 * tbf for a rate alone. The bucket holds BUCKET_MS of sending at the rate, and at least a few
 * full-size frames (less and a GSO burst is cut up and paced badly); the queue holds QUEUE_LATENCY of
 * it. docs/CONDITIONS.md measures a TCP transfer at a low rate taking the time the rate says.
 */
function tbfWords(rate: number): string[] {
  const burst = Math.max(Math.ceil(rate / 8 / (1000 / BUCKET_MS)), MIN_BUCKET_BYTES);
  return ["tbf", "rate", formatCondition("rate", rate), "burst", String(burst), "latency", QUEUE_LATENCY];
}
