// What a namespace's ICMP counters say (/proc/net/snmp, as seen inside it): a test waits on them to know
// a ping is running and answered, rather than for a fixed time.
import { execFileSync } from "node:child_process";

/** Echo requests the namespace has answered (Icmp InEchos); 0 when it cannot be read. */
export function echoesIn(ns: string): number {
  try {
    const [names, values] = execFileSync("ip", ["netns", "exec", ns, "cat", "/proc/net/snmp"], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.startsWith("Icmp:"))
      .map((l) => l.split(/\s+/));
    const at = names?.indexOf("InEchos") ?? -1;
    return at < 0 ? 0 : Number(values?.[at] ?? 0);
  } catch {
    return 0;
  }
}
