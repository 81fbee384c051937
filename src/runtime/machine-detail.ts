// What the kernel takes from an interface that leaves the machine's namespace and does not give back
// when it returns, read before a `move` so that netl can: its own root qdisc (as `tc qdisc show`
// prints it, which `tc qdisc replace … root` reads back) and its settings under
// /proc/sys/net/{ipv4,ipv6}/conf/IF that differ from what an interface arriving there gets
// (conf/default). What cannot be put back is named, never silently dropped.
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { MachineIface } from "../interpreter/machine.js";
import type { ConfSetting } from "../interpreter/world.js";
import type { Executor } from "./executor.js";

/** Classless qdiscs whose `tc qdisc show` words `tc qdisc replace` takes back as they are. */
const RESTORABLE = new Set([
  "tbf",
  "netem",
  "pfifo",
  "bfifo",
  "pfifo_head_drop",
  "fq_codel",
  "fq",
  "fq_pie",
  "sfq",
  "codel",
  "cake",
  "pie",
  "red",
  "choke",
  "sfb",
  "hhf",
]);
/** The kernel's own (handle 0:) and those it makes itself: nothing to put back. */
const KERNEL_OWN = new Set(["noqueue", "noop", "mq", "pfifo_fast"]);

/** `qdisc tbf 8001: root refcnt 2 rate 1Mbit burst 32Kb lat 50ms` → `tbf rate 1Mbit …`, or what cannot be restored. */
export function rootQdisc(shown: string): Pick<MachineIface, "qdisc" | "lostQdisc"> {
  const words = (shown.split("\n")[0] ?? "").trim().split(/\s+/);
  const [word, kind, handle, where] = words;
  if (word !== "qdisc" || kind === undefined || where !== "root") return {};
  if (handle === "0:" || KERNEL_OWN.has(kind)) return {};
  if (!RESTORABLE.has(kind)) return { lostQdisc: kind };
  const rest = words.slice(4);
  const options = rest[0] === "refcnt" ? rest.slice(2) : rest;
  return { qdisc: [kind, ...options] };
}

/** Settings that follow the device (IPv6's MTU follows its MTU), not the user. */
const DERIVED = new Set(["ipv6/mtu"]);

const readValue = (path: string): string | undefined => {
  try {
    const s = statSync(path);
    if (!s.isFile() || (s.mode & 0o200) === 0) return undefined;
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
};

/** The interface's settings that differ from conf/default's, with conf/default's value. */
export function ownSettings(ifname: string, procSys = "/proc/sys"): ConfSetting[] {
  const out: ConfSetting[] = [];
  for (const family of ["ipv4", "ipv6"]) {
    const dir = `${procSys}/net/${family}/conf`;
    let keys: string[];
    try {
      keys = readdirSync(`${dir}/${ifname}`).sort();
    } catch {
      continue;
    }
    for (const setting of keys) {
      const key = `${family}/${setting}`;
      if (DERIVED.has(key)) continue;
      const value = readValue(`${dir}/${ifname}/${setting}`);
      const fresh = readValue(`${dir}/default/${setting}`);
      if (value !== undefined && fresh !== undefined && value !== fresh) out.push({ key, value, fresh });
    }
  }
  return out;
}

/** The moving interface's qdisc and settings; a tc that cannot be read leaves the qdisc unknown (nothing put back). */
export async function readIfaceDetail(
  executor: Executor,
  ifname: string,
): Promise<Pick<MachineIface, "qdisc" | "lostQdisc" | "conf">> {
  let qdisc: Pick<MachineIface, "qdisc" | "lostQdisc"> = {};
  try {
    const r = await executor.run(["tc", "qdisc", "show", "dev", ifname, "root"]);
    if (r.exitCode === 0) qdisc = rootQdisc(r.stdout);
  } catch {}
  const conf = ownSettings(ifname);
  return { ...qdisc, ...(conf.length > 0 ? { conf } : {}) };
}
