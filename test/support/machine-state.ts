// The machine's own network as `ip -j` reports it, for tests that must prove netl left it alone:
// its interfaces, addresses and routes, leaving out what tests and labs make while they run
// (nlt-… veths, netl's nl…h… host ends) so that other runs on a shared machine do not disturb it.
import { execFileSync } from "node:child_process";
import { overlaps } from "../../src/interpreter/addressing.js";
import { HOST_IFNAME } from "../../src/interpreter/host-names.js";
import { TEST_PREFIX_ROOT } from "./kernel.js";

const ipJson = (...args: string[]): Record<string, unknown>[] =>
  JSON.parse(execFileSync("ip", ["-j", ...args], { encoding: "utf8" }) || "[]");

const transient = (name: unknown) =>
  typeof name === "string" && (name.startsWith(TEST_PREFIX_ROOT) || HOST_IFNAME.test(name));

interface AddrInfo {
  readonly local: string;
  readonly prefixlen: number;
}

/** Interfaces (name, MTU, flags, addresses) and routes of every table, sorted. */
export function machineState() {
  const links = ipJson("addr", "show")
    .filter((l) => !transient(l.ifname))
    .map((l) => ({
      ifname: l.ifname,
      mtu: l.mtu,
      up: (l.flags as string[]).includes("UP"),
      addrs: (l.addr_info as AddrInfo[]).map((a) => `${a.local}/${a.prefixlen}`).sort(),
    }));
  const routes = [...ipJson("-4", "route", "show", "table", "all"), ...ipJson("-6", "route", "show", "table", "all")]
    .filter((r) => !transient(r.dev))
    .map((r) => `${r.type ?? ""} ${r.dst} ${r.gateway ?? ""} ${r.dev ?? ""} ${r.table ?? ""}`)
    .sort();
  return { links, routes };
}

/** The machine's first IPv4 address on an interface, as `192.0.2.2/24`. */
export function firstAddress(ifname: string): string | undefined {
  const [link] = ipJson("addr", "show", "dev", ifname);
  const v4 = (link?.addr_info as (AddrInfo & { family: string })[] | undefined)?.find((a) => a.family === "inet");
  return v4 ? `${v4.local}/${v4.prefixlen}` : undefined;
}

/** The interface of the machine's IPv4 default route. */
export function defaultRouteDev(): string | undefined {
  return ipJson("-4", "route", "show", "default").find((r) => typeof r.dev === "string")?.dev as string | undefined;
}

/** Throws unless the prefix is clear of every route of the machine but the default ones. */
export function assertClear(prefix: string): void {
  const family = prefix.includes(":") ? "-6" : "-4";
  for (const r of ipJson(family, "route", "show", "table", "all")) {
    const dst = String(r.dst);
    if (dst === "default") continue;
    const cidr = dst.includes("/") ? dst : `${dst}/${family === "-4" ? 32 : 128}`;
    if (overlaps(prefix, cidr))
      throw new Error(`test prefix ${prefix} overlaps the machine's route ${dst}: pick another`);
  }
}
