// A lab's state as the kernel reports it (`ip -j`), with what changes on every re-creation
// (ifindex, MAC, link-local addresses) left out, so before/after snapshots can be compared.
import { execFileSync } from "node:child_process";
import { netnsList } from "./kernel.js";

const ipJson = (ns: string, ...args: string[]): Record<string, unknown>[] =>
  JSON.parse(execFileSync("ip", ["-j", "-n", ns, ...args], { encoding: "utf8" }) || "[]");

const sysctl = (ns: string, key: string): string =>
  execFileSync("ip", ["netns", "exec", ns, "sysctl", "-n", key], { encoding: "utf8" }).trim();

interface AddrInfo {
  family: string;
  local: string;
  prefixlen: number;
  scope: string;
  /** An IPv4 address added after the first of its subnet on the interface (the first is the primary). */
  secondary?: boolean;
}

function nsState(ns: string) {
  const links = ipJson(ns, "link")
    .map((l) => ({
      ifname: l.ifname,
      up: (l.flags as string[]).includes("UP"),
      mtu: l.mtu,
      kind: (l.linkinfo as { info_kind?: string } | undefined)?.info_kind ?? null,
    }))
    .sort((a, b) => String(a.ifname).localeCompare(String(b.ifname)));
  const addrs = ipJson(ns, "addr")
    .map((l) => ({
      ifname: l.ifname,
      addrs: (l.addr_info as AddrInfo[])
        .filter((a) => a.scope !== "link")
        // Which address is primary is part of the state: it is the source of what the interface sends.
        .map((a) => `${a.local}/${a.prefixlen}${a.secondary ? " secondary" : ""}`)
        .sort(),
    }))
    .sort((a, b) => String(a.ifname).localeCompare(String(b.ifname)));
  const routes = [...ipJson(ns, "-4", "route"), ...ipJson(ns, "-6", "route")]
    .filter((r) => !String(r.dst).startsWith("fe80:") && r.dst !== "multicast")
    .map((r) => `${r.dst} via ${r.gateway ?? "-"} dev ${r.dev} ${r.protocol ?? ""}`)
    .sort();
  const forwarding = [sysctl(ns, "net.ipv4.ip_forward"), sysctl(ns, "net.ipv6.conf.all.forwarding")];
  // Root qdiscs with their options, not their handles (the kernel numbers each new one).
  const qdiscs = (
    JSON.parse(execFileSync("tc", ["-j", "-n", ns, "qdisc", "show"], { encoding: "utf8" }) || "[]") as Record<
      string,
      unknown
    >[]
  )
    .filter((q) => q.root === true)
    .map((q) => `${q.dev} ${q.kind} ${JSON.stringify(q.options ?? {})}`)
    .sort();
  return { links, addrs, routes, forwarding, qdiscs };
}

/** Every namespace whose name starts with `${prefix}-`, keyed by node name. */
export function labState(prefix: string): Record<string, ReturnType<typeof nsState>> {
  const names = netnsList()
    .filter((n) => n.startsWith(`${prefix}-`))
    .sort();
  return Object.fromEntries(names.map((n) => [n.slice(prefix.length + 1), nsState(n)]));
}
