// Which ops the many-namespace rtnetlink process carries (each kind's `rtnl`, src/interpreter/ops/kinds/),
// and that its request says what the op's `ip` line says: the same device, address, prefix, flags,
// gateway and metric. Anything else keeps its namespace on `ip -n NS -batch -`.
import { describe, expect, it } from "vitest";
import { lower } from "../../src/interpreter/ops/lower.js";
import { specOf } from "../../src/interpreter/ops/table.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { rtnlRecord } from "../../src/runtime/rtnl-batch.js";
import { rtnlLine } from "../support/recording-executor.js";

const nsName = (n: string) => `p-${n}`;
const record = (op: Op) => {
  const request = specOf(op).rtnl?.(op);
  return request === undefined ? undefined : rtnlRecord(lower(op, nsName).ns, request);
};

const CARRIED: Op[] = [
  { kind: "link.set", node: "A", ifname: "eth0", up: true },
  { kind: "link.set", node: "A", ifname: "lo", up: false },
  { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
  { kind: "addr.add", node: "A", ifname: "lo", cidr: "127.0.0.9/8" },
  { kind: "addr.add", node: "A", ifname: "eth0", cidr: "fd00::1/64" },
  { kind: "route.add", node: "A", route: { destination: "default", family: 4, via: "10.0.0.2", dev: "eth0" } },
  { kind: "route.add", node: "A", route: { destination: "10.9.0.0/16", family: 4, via: "10.0.0.2" } },
  { kind: "route.add", node: "A", route: { destination: "fd09::/48", family: 6, via: "fd00::2", metric: 7 } },
  { kind: "route.add", node: "A", route: { destination: "default", family: 6, via: "fd00::2", dev: "eth1" } },
];

describe("the rtnetlink process's requests", () => {
  it("stand for exactly the op's ip line, in its namespace", () => {
    for (const op of CARRIED) {
      const step = lower(op, nsName);
      const r = record(op);
      expect(r, JSON.stringify(op)).toBeDefined();
      expect(rtnlLine(r ?? ""), JSON.stringify(op)).toEqual(["p-A", step.line.join(" ")]);
    }
  });

  it("carry the fields ip decides from its words: family, scope, nodad", () => {
    expect(CARRIED.map(record)).toEqual([
      "p-A\tlink\teth0\tup",
      "p-A\tlink\tlo\tdown",
      "p-A\taddr\teth0\t4\t10.0.0.1\t24\tuniverse\t",
      // An IPv4 loopback address gets host scope, as ip gives it.
      "p-A\taddr\tlo\t4\t127.0.0.9\t8\thost\t",
      "p-A\taddr\teth0\t6\tfd00::1\t64\tuniverse\tnodad",
      "p-A\troute\t4\t\t0\t10.0.0.2\teth0\t",
      "p-A\troute\t4\t10.9.0.0\t16\t10.0.0.2\t\t",
      "p-A\troute\t6\tfd09::\t48\tfd00::2\t\t7",
      "p-A\troute\t6\t\t0\tfd00::2\teth1\t",
    ]);
  });

  it("take a bare destination or address as a host's, as ip does", () => {
    const host = (destination: string, family: 4 | 6, via: string): Op => ({
      kind: "route.add",
      node: "A",
      route: { destination, family, via, dev: "eth0" },
    });
    expect(record(host("10.9.9.9", 4, "10.0.0.2"))).toBe("p-A\troute\t4\t10.9.9.9\t32\t10.0.0.2\teth0\t");
    expect(record(host("fd09::9", 6, "fd00::2"))).toBe("p-A\troute\t6\tfd09::9\t128\tfd00::2\teth0\t");
    expect(record({ kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.7" })).toBe(
      "p-A\taddr\teth0\t4\t10.0.0.7\t32\tuniverse\t",
    );
  });

  it("are none for every other op", () => {
    const others: Op[] = [
      { kind: "netns.add", node: "A" },
      { kind: "netns.del", node: "A" },
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "route.del", node: "A", route: { destination: "default", family: 4, via: "10.0.0.2", dev: "eth0" } },
      { kind: "link.master", node: "S", ifname: "eth0", master: "br0" },
      { kind: "link.nomaster", node: "S", ifname: "eth0", master: "br0" },
      { kind: "bridge.add", node: "S", ifname: "br0" },
      { kind: "bridge.del", node: "S", ifname: "br0" },
      { kind: "link.mtu", node: "A", ifname: "eth0", mtu: 1400, previous: 1500 },
      { kind: "iface.move", ifname: "eth9", from: "host", to: "A" },
      { kind: "qdisc.set", node: "A", ifname: "eth0", conditions: { delay: 20 } },
      { kind: "fw.set", node: "A", rules: [], previous: [] },
      { kind: "proc.start", node: "A", id: 1, command: "sleep 1" },
      { kind: "proc.stop", node: "A", id: 1, command: "sleep 1" },
      { kind: "sysctl.set", node: "A", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
    ];
    for (const op of others) expect(record(op), op.kind).toBeUndefined();
  });

  it("are read back only as the records they are: a line of ip words is not one", () => {
    for (const text of ["p-A link set eth0 up", "p-A\tlink\teth0", "p-A\taddr\teth0\t4\t10.0.0.1\t24", "p-A\tneigh\tx"])
      expect(() => rtnlLine(text), text).toThrow(/not a record/);
  });
});
