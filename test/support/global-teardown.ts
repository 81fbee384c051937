// After the whole run: fail it if any test left a namespace, host veth or lab record behind.
// Leftovers carry this run's test prefix (nlt + the run's token), or are the host ends of links whose
// peers are in such namespaces, so removing them touches only what this run's tests created:
// concurrent runs on a shared machine never remove each other's labs.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HOST_IFNAME } from "../../src/interpreter/host-names.js";
import { listRecords, pidAlive } from "../../src/runtime/lab-record.js";
import { isRoot, netnsList, RUN_PREFIX } from "./kernel.js";

const RUN_DIR = "/run/netl";

interface Existing {
  readonly namespaces: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
  readonly files: ReadonlySet<string>;
  /** The machine's own nftables ruleset: firewall tests work inside lab nodes only, never here. */
  readonly ruleset: string | undefined;
}

/** `nft list ruleset` of the machine's namespace; undefined without nft. */
function machineRuleset(): string | undefined {
  try {
    return execFileSync("nft", ["list", "ruleset"], { encoding: "utf8" });
  } catch {
    return undefined;
  }
}

interface HostVeth {
  readonly ifname: string;
  /** The namespace its peer is in, by name; undefined when the peer is not in a named namespace. */
  readonly peerNs: string | undefined;
}

/** The machine's veths, each with the namespace its peer is in (`link_netnsid` against `ip netns list`'s ids). */
function hostVethsWithPeers(): HostVeth[] {
  const ids = new Map(
    (
      JSON.parse(execFileSync("ip", ["-j", "netns", "list"], { encoding: "utf8" }) || "[]") as {
        name: string;
        id?: number;
      }[]
    )
      .filter((n) => n.id !== undefined)
      .map((n) => [n.id, n.name]),
  );
  return (
    JSON.parse(execFileSync("ip", ["-j", "-d", "link", "show", "type", "veth"], { encoding: "utf8" }) || "[]") as {
      ifname: string;
      link_netnsid?: number;
    }[]
  ).map((l) => ({ ifname: l.ifname, peerNs: l.link_netnsid === undefined ? undefined : ids.get(l.link_netnsid) }));
}

const hostVeths = (): string[] => hostVethsWithPeers().map((l) => l.ifname);

function runFiles(): string[] {
  try {
    return readdirSync(RUN_DIR);
  } catch {
    return [];
  }
}

/** Whether a process is this one or one it started (a test worker, a netl a test ran). */
function ours(pid: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    try {
      // The ppid is the second field after the parenthesised command name.
      p = Number(readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
    } catch {
      return false;
    }
  }
  return false;
}

const elsewhere = (pid: number): boolean => pidAlive(pid) && !ours(pid);

/** Namespaces and host ends of labs whose writer is another live process: a test of another run, in flight. */
function inUseElsewhere(): Set<string> {
  return new Set(
    listRecords(RUN_DIR)
      .records.filter((r) => elsewhere(r.pid))
      .flatMap((r) => [...r.namespaces, ...(r.hostInterfaces ?? [])].map((x) => x.name)),
  );
}

function leftovers(existing: Existing): string[] {
  const found: string[] = [];
  const busy = inUseElsewhere();
  // Host ends listed by another run's lab records are that run's, whoever owns them now.
  const others = new Set(
    listRecords(RUN_DIR)
      .records.filter((r) => !r.lab.startsWith(RUN_PREFIX) && !(r.prefix ?? "").startsWith(RUN_PREFIX))
      .flatMap((r) => [...r.namespaces, ...(r.hostInterfaces ?? [])].map((x) => x.name)),
  );
  const mine = (ns: string) => ns.startsWith(RUN_PREFIX) && !existing.namespaces.has(ns) && !busy.has(ns);
  // Host ends of links (netl's nl…h… names) carry no run's mark: one is this run's when its peer is in
  // one of this run's namespaces. Another run's, in flight beside this one (a lab with a run directory
  // of its own, so no record here says whose it is), is never touched.
  const hostEnds = hostVethsWithPeers().filter(
    (l) => HOST_IFNAME.test(l.ifname) && l.peerNs !== undefined && mine(l.peerNs),
  );
  for (const ns of netnsList().filter(mine)) {
    found.push(`namespace ${ns}`);
    execFileSync("ip", ["netns", "del", ns]);
  }
  // The namespaces' deletion took those host ends with their peers; any still there goes by name.
  const left = new Set(hostVeths());
  for (const { ifname } of hostEnds) {
    found.push(`host veth ${ifname}`);
    if (left.has(ifname)) execFileSync("ip", ["link", "del", ifname]);
  }
  // Veths a test made on the machine, named with this run's prefix (nlt…-…).
  const leftVeth = (x: string) => x.startsWith(RUN_PREFIX) && !existing.links.has(x) && !busy.has(x) && !others.has(x);
  for (const l of [...left].filter(leftVeth)) {
    found.push(`host veth ${l}`);
    execFileSync("ip", ["link", "del", l]);
  }
  for (const f of runFiles().filter((x) => !existing.files.has(x))) {
    const path = join(RUN_DIR, f);
    const text = (() => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return "";
      }
    })();
    const lab = f.replace(/\.(json|lock)$/, "");
    const busyLab = listRecords(RUN_DIR).records.some((r) => r.lab === lab && elsewhere(r.pid));
    if (!busyLab && (f.startsWith(RUN_PREFIX) || text.includes(`"prefix": "${RUN_PREFIX}`))) {
      found.push(`lab record ${path}`);
      rmSync(path, { force: true });
    }
  }
  return found;
}

/** What the tests left in the run's temporary directory (vitest.config.ts), which then goes whole. */
function tempLeftovers(): string[] {
  const dir = process.env.NETL_TEST_TMP;
  if (dir === undefined) return [];
  const left = readdirSync(dir).map((f) => `temporary ${join(dir, f)}`);
  rmSync(dir, { recursive: true, force: true });
  return left;
}

export function setup(): () => void {
  if (!isRoot) return () => failIfAny(tempLeftovers());
  const existing: Existing = {
    namespaces: new Set(netnsList()),
    links: new Set(hostVeths()),
    files: new Set(runFiles()),
    ruleset: machineRuleset(),
  };
  return () => teardown(existing);
}

function teardown(existing: Existing): void {
  const found = [...leftovers(existing), ...tempLeftovers()];
  if (machineRuleset() !== existing.ruleset) found.push("a change to the machine's own nftables ruleset");
  failIfAny(found);
}

function failIfAny(found: readonly string[]): void {
  if (found.length > 0) {
    // vitest reports a throw here but still exits 0: set the exit status ourselves.
    process.exitCode = 1;
    throw new Error(`tests left things behind (now removed): ${found.join(", ")}`);
  }
}
