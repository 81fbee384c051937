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

/**
 * tbf for a rate alone. The bucket holds 10 ms of sending at the rate, and at least a few full-size
 * frames (less and a GSO burst is cut up and paced badly); the queue holds 100 ms of it. Measured in
 * docs/CONDITIONS.md: a 1 MB TCP transfer at 2mbit takes the time the rate says, within a few percent.
 */
function tbfWords(rate: number): string[] {
  const burst = Math.max(Math.ceil(rate / 8 / 100), 4 * 1514);
  return ["tbf", "rate", formatCondition("rate", rate), "burst", String(burst), "latency", "100ms"];
}
