#!/usr/bin/env node
// The bench's state check must tell two labs apart when they differ in anything the bench promises to
// compare (state.mjs): as root, `node scripts/bench/state-selftest.mjs` builds the floor's chain of 4
// twice, checks the two views are equal, then changes one thing at a time in the second lab (a link
// down, an address gone or added, a route gone or added, a sysctl, an MTU, two veths wired to other
// peers with the same names and addresses, a namespace missing) and checks each is reported. Exits 1
// on the first change the check misses. Everything it makes is named nls<pid>_…, removed at the end.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileFloor } from "./floor.mjs";
import { labView, viewDifferences } from "./state.mjs";

const N = 4;
const prefix = `nls${process.pid}_`;
const work = mkdtempSync(join(tmpdir(), prefix));
const names = (p) => Array.from({ length: N }, (_, i) => `${p}-n${i}`);

function sh(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr || r.error}`);
}

/** Each change: what it is, a text a difference it makes must hold, what it does to lab `p` (floor's chain of 4). */
const CHANGES = [
  ["a link down", "up=false", (p) => sh(["ip", "-n", `${p}-n1`, "link", "set", "eth1", "down"])],
  [
    "an address removed",
    "10.0.1.2/24",
    (p) => sh(["ip", "-n", `${p}-n2`, "addr", "del", "10.0.1.2/24", "dev", "eth0"]),
  ],
  ["an address added", "10.7.0.1/24", (p) => sh(["ip", "-n", `${p}-n2`, "addr", "add", "10.7.0.1/24", "dev", "eth0"])],
  ["a route removed", '"dst":"10.0.0.0/24"', (p) => sh(["ip", "-n", `${p}-n3`, "route", "del", "10.0.0.0/24"])],
  [
    "a route added",
    "10.9.9.0/24",
    (p) => sh(["ip", "-n", `${p}-n2`, "route", "add", "10.9.9.0/24", "via", "10.0.2.2"]),
  ],
  [
    "a route's metric",
    '"metric":5',
    (p) => {
      sh(["ip", "-n", `${p}-n3`, "route", "del", "10.0.0.0/24"]);
      sh(["ip", "-n", `${p}-n3`, "route", "add", "10.0.0.0/24", "via", "10.0.2.1", "metric", "5"]);
    },
  ],
  [
    "ip_forward off in a router",
    "net.ipv4.ip_forward=0",
    (p) => sh(["ip", "netns", "exec", `${p}-n1`, "sysctl", "-qw", "net.ipv4.ip_forward=0"]),
  ],
  [
    "a device's accept_dad",
    "eth0.accept_dad=1",
    (p) => sh(["ip", "netns", "exec", `${p}-n0`, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=1"]),
  ],
  ["an MTU", "mtu=1400", (p) => sh(["ip", "-n", `${p}-n0`, "link", "set", "eth0", "mtu", "1400"])],
  // n0's eth0 now pairs with n3's eth0, n2's eth1 with n1's eth0: names, addresses and states as before.
  [
    "veths wired to other peers",
    "peer=n3/eth0",
    (p) => {
      sh(["ip", "-n", `${p}-n0`, "link", "del", "eth0"]);
      sh(["ip", "-n", `${p}-n2`, "link", "del", "eth1"]);
      sh(["ip", "link", "add", "eth0", "netns", `${p}-n0`, "type", "veth", "peer", "name", "eth0", "netns", `${p}-n3`]);
      sh(["ip", "link", "add", "eth1", "netns", `${p}-n2`, "type", "veth", "peer", "name", "eth0", "netns", `${p}-n1`]);
      for (const [ns, dev, addr] of [
        ["n0", "eth0", "10.0.0.1/24"],
        ["n1", "eth0", "10.0.0.2/24"],
        ["n2", "eth1", "10.0.2.1/24"],
        ["n3", "eth0", "10.0.2.2/24"],
      ]) {
        sh(["ip", "-n", `${p}-${ns}`, "link", "set", dev, "up"]);
        sh(["ip", "-n", `${p}-${ns}`, "addr", "add", addr, "dev", dev]);
      }
      sh(["ip", "-n", `${p}-n0`, "route", "add", "default", "via", "10.0.0.2", "dev", "eth0"]);
      sh(["ip", "-n", `${p}-n2`, "route", "add", "default", "via", "10.0.2.2", "dev", "eth1"]);
      sh(["ip", "-n", `${p}-n3`, "route", "add", "default", "via", "10.0.2.1", "dev", "eth0"]);
      sh(["ip", "-n", `${p}-n3`, "route", "add", "10.0.0.0/24", "via", "10.0.2.1", "dev", "eth0"]);
    },
  ],
  ["a namespace missing", "n3: namespace only in reference", (p) => sh(["ip", "netns", "del", `${p}-n3`])],
];

function removeAll() {
  const listed = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "";
  const mine = listed
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n?.startsWith(prefix));
  if (mine.length > 0)
    spawnSync("ip", ["-force", "-batch", "-"], { input: mine.map((n) => `netns del ${n}\n`).join("") });
}

let failed = 0;
try {
  const { path: floor, note } = compileFloor(work);
  if (floor === undefined) throw new Error(note);
  const reference = `${prefix}r`;
  sh([floor, "build", String(N), reference]);
  const want = await labView(reference, names(reference));
  const same = `${prefix}s`;
  sh([floor, "build", String(N), same]);
  const equal = viewDifferences(want, await labView(same, names(same)));
  sh([floor, "teardown", String(N), same]);
  console.log(`${equal.length === 0 ? "ok  " : "FAIL"} the same lab built twice: equal`);
  if (equal.length > 0) {
    failed++;
    console.log(`     ${equal.join("\n     ")}`);
  }
  let k = 0;
  for (const [what, expect, change] of CHANGES) {
    const p = `${prefix}c${k++}`;
    sh([floor, "build", String(N), p]);
    change(p);
    // A missing namespace cannot be dumped: its view is the others'.
    const present = names(p).filter((ns) => spawnSync("test", ["-e", `/run/netns/${ns}`]).status === 0);
    const found = viewDifferences(want, await labView(p, present), ["reference", "changed"], Infinity);
    removeAll();
    const hit = found.find((d) => d.includes(expect));
    console.log(
      `${hit ? "ok  " : "FAIL"} ${what}: ${hit ?? `no difference holds ${expect}; found: ${found.join("; ")}`}`,
    );
    if (!hit) failed++;
  }
} finally {
  removeAll();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
