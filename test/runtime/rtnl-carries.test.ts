// Which `ip` batch lines the many-namespace rtnetlink process takes (src/runtime/rtnl-batch.ts):
// exactly the forms netl's lowering writes for a link up or down, an address added, a route added.
// Anything else keeps its namespace on `ip -n NS -batch -`.
import { describe, expect, it } from "vitest";
import { lower } from "../../src/interpreter/ops/lower.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { rtnlCarries } from "../../src/runtime/rtnl-batch.js";

const words = (line: string) => line.split(" ");

describe("rtnlCarries", () => {
  it("takes what the lowering writes for link up/down, addr add and route add", () => {
    const nsName = (n: string) => `p-${n}`;
    const ops: Op[] = [
      { kind: "link.set", node: "A", ifname: "eth0", up: true },
      { kind: "link.set", node: "A", ifname: "lo", up: false },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "fd00::1/64" },
      { kind: "route.add", node: "A", route: { destination: "default", family: 4, via: "10.0.0.2", dev: "eth0" } },
      { kind: "route.add", node: "A", route: { destination: "10.9.0.0/16", family: 4, via: "10.0.0.2" } },
      { kind: "route.add", node: "A", route: { destination: "fd09::/48", family: 6, via: "fd00::2", metric: 7 } },
    ];
    for (const op of ops) expect(rtnlCarries(lower(op, nsName).line), JSON.stringify(op)).toBe(true);
  });

  it("leaves every other line to ip", () => {
    for (const line of [
      "addr del 10.0.0.1/24 dev eth0",
      "route del default via 10.0.0.2 dev eth0",
      "link set eth0 master br0",
      "link set eth0 mtu 1400",
      "link set eth0 netns other",
      "link add br0 type bridge",
      "route add 10.9.0.0/16 dev eth0",
      "route add default via 10.0.0.2 dev eth0 onlink",
      "route add default via 10.0.0.2 table 7",
      "addr add 10.0.0.1/24 dev eth0 brd +",
      "addr add 10.0.0.1 dev eth0",
      "addr add 10.0.0.1/24",
      "addr add 10.0.0.1/24 dev a-name-longer-than-15",
      "route add default via not-an-address",
      "link set eth0 up extra",
      "netns add x",
    ])
      expect(rtnlCarries(words(line)), line).toBe(false);
  });
});
