// The kernel reads `why` makes, one `ip`/`sysctl` call each, answers kept for the one question
// (a path visits a node's links and forwarding more than once). `host` is read in the machine's own
// namespace (read only: route lookups, links, a sysctl). The walk itself is the interpreter's.
import type { NsName } from "../interpreter/ops/lower.js";
import type { PingQuery, WhyQuery } from "../interpreter/plan.js";
import type { Cause, LinkState, Probe, RouteAnswer } from "../interpreter/why/cause.js";
import { explain } from "../interpreter/why/walk.js";
import { HOST } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { ping } from "./ping.js";

interface RouteJson {
  readonly type?: string;
  readonly dev?: string;
  readonly gateway?: string;
  readonly prefsrc?: string;
}

interface LinkJson {
  readonly ifname: string;
  readonly flags?: readonly string[];
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const fresh = read();
  cache.set(key, fresh);
  return fresh;
}

/** A Probe that asks the live kernel, in the lab's namespaces; its pings are like `template`, once each. */
export function kernelProbe(executor: Executor, nsName: NsName, template: PingQuery): Probe {
  const links = new Map<string, Promise<ReadonlyMap<string, LinkState>>>();
  const forwarding = new Map<string, Promise<boolean>>();
  const ns = (node: string) => (node === HOST ? undefined : nsName(node));
  const ip = (node: string, ...args: string[]) => {
    const where = ns(node);
    return executor.run(["ip", ...(where === undefined ? [] : ["-n", where]), ...args]);
  };
  return {
    async ping(node, address) {
      const q = { ...template, from: node, target: address, address, count: 1 };
      return (await ping(executor, ns(node), q)).ok;
    },
    async route(node, address): Promise<RouteAnswer> {
      const r = await ip(node, "-j", "route", "get", address);
      if (r.exitCode !== 0) return { kind: "none", error: r.stderr.trim() };
      const [first] = JSON.parse(r.stdout || "[]") as RouteJson[];
      if (first === undefined || first.dev === undefined) return { kind: "none", error: "no route" };
      if (first.type === "local") return { kind: "local" };
      return {
        kind: "via",
        dev: first.dev,
        ...(first.gateway ? { gateway: first.gateway } : {}),
        ...(first.prefsrc ? { source: first.prefsrc } : {}),
      };
    },
    links: (node) =>
      memo(links, node, async () => {
        const r = await ip(node, "-j", "link", "show");
        const list = r.exitCode === 0 ? (JSON.parse(r.stdout || "[]") as LinkJson[]) : [];
        return new Map(
          list.map((l) => [
            l.ifname,
            { up: l.flags?.includes("UP") ?? false, carrier: l.flags?.includes("LOWER_UP") ?? false },
          ]),
        );
      }),
    forwards: (node, family) =>
      memo(forwarding, `${node} ${family}`, async () => {
        const key = family === 4 ? "net.ipv4.ip_forward" : "net.ipv6.conf.all.forwarding";
        const where = ns(node);
        const sysctl = ["sysctl", "-n", key];
        const r = await executor.run(where === undefined ? sysctl : ["ip", "netns", "exec", where, ...sysctl]);
        return r.stdout.trim() === "1";
      }),
  };
}

export const why = (executor: Executor, nsName: NsName, q: WhyQuery): Promise<Cause> =>
  explain(q, kernelProbe(executor, nsName, q.ping));
