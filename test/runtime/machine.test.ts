// Reading the machine: `ip -j` output (as iproute2 6.1 prints it) into interfaces and routes,
// and the facts the interpreter's host checks use.
import { describe, expect, it } from "vitest";
import { defaultRoutesVia, restorableRoutes } from "../../src/interpreter/machine.js";
import { parseInterfaces, parseRoutes, readMachine } from "../../src/runtime/machine.js";
import { RecordingExecutor } from "../support/recording-executor.js";

const addrs = JSON.stringify([
  {
    ifname: "lo",
    flags: ["LOOPBACK", "UP", "LOWER_UP"],
    mtu: 65536,
    addr_info: [
      { family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host" },
      { family: "inet6", local: "::1", prefixlen: 128, scope: "host" },
    ],
  },
  { ifname: "ifb0", flags: ["BROADCAST", "NOARP"], mtu: 1500, addr_info: [] },
  {
    ifname: "eth0",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1400,
    addr_info: [
      { family: "inet", local: "192.0.2.2", prefixlen: 24, scope: "global" },
      { family: "inet6", local: "fd00::2", prefixlen: 64, scope: "global" },
      { family: "inet6", local: "fe80::fc:ff:fe00:1", prefixlen: 64, scope: "link" },
    ],
  },
]);

const v4 = JSON.stringify([
  { dst: "default", gateway: "192.0.2.1", dev: "eth0", flags: [] },
  { dst: "192.0.2.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.0.2.2", flags: [] },
  {
    dst: "10.8.0.0/16",
    nexthops: [
      { gateway: "192.0.2.7", dev: "eth0" },
      { gateway: "192.0.2.8", dev: "eth1" },
    ],
  },
  { type: "local", dst: "127.0.0.1", dev: "lo", table: "local", protocol: "kernel", scope: "host", flags: [] },
]);

const v6 = JSON.stringify([
  { dst: "fd00::/64", dev: "eth0", protocol: "kernel", metric: 256, flags: [], pref: "medium" },
  { dst: "default", gateway: "fd00::1", dev: "eth0", metric: 1024, flags: [], pref: "medium" },
  { type: "multicast", dst: "ff00::/8", dev: "eth0", table: "local", protocol: "kernel", metric: 256, flags: [] },
]);

describe("reading the machine", () => {
  it("keeps each interface's MTU, up state and global addresses", () => {
    const interfaces = parseInterfaces(addrs);
    expect(interfaces.get("eth0")).toEqual({
      name: "eth0",
      mtu: 1400,
      up: true,
      addresses: ["192.0.2.2/24", "fd00::2/64"],
    });
    expect(interfaces.get("ifb0")).toMatchObject({ up: false, addresses: [] });
  });

  it("reads routes of every table, multipath ones and host routes included", () => {
    const routes = [...parseRoutes(v4, 4), ...parseRoutes(v6, 6)];
    expect(routes).toContainEqual({ destination: "default", family: 4, devs: ["eth0"], via: "192.0.2.1" });
    expect(routes).toContainEqual({ destination: "10.8.0.0/16", family: 4, devs: ["eth0", "eth1"], via: "192.0.2.7" });
    expect(routes).toContainEqual({
      destination: "127.0.0.1/32",
      family: 4,
      devs: ["lo"],
      table: "local",
      protocol: "kernel",
      type: "local",
    });
    const state = { interfaces: parseInterfaces(addrs), routes };
    expect(defaultRoutesVia(state, "eth0").map((r) => r.via)).toEqual(["192.0.2.1", "fd00::1"]);
    expect(defaultRoutesVia(state, "eth1")).toEqual([]);
    // What comes back with eth0: its static routes with a gateway, not the kernel's own.
    expect(restorableRoutes(state, "eth0")).toEqual([
      { destination: "default", family: 4, via: "192.0.2.1", dev: "eth0" },
      { destination: "default", family: 6, via: "fd00::1", dev: "eth0", metric: 1024 },
    ]);
  });

  it("reads with three ip -j commands, and says so when one fails", async () => {
    const ok = new RecordingExecutor();
    const facts = await readMachine(ok, "nl000001");
    expect(ok.calls.map((c) => c.argv.join(" "))).toEqual([
      "ip -j addr show",
      "ip -j -4 route show table all",
      "ip -j -6 route show table all",
    ]);
    expect(facts).toEqual({ ok: true, value: { stem: "nl000001", state: { interfaces: new Map(), routes: [] } } });
    const failing = { run: async () => ({ exitCode: 1, stdout: "", stderr: "no ip here" }) };
    expect(await readMachine(failing, "nl000001")).toMatchObject({
      ok: false,
      error: { code: "machine-unreadable", failed: { argv: ["ip", "-j", "addr", "show"], stderr: "no ip here" } },
    });
  });
});
