// kernelView: the kernel state a World implies, sorted, JSON-comparable; and the simulator's own rules.
import { describe, expect, it } from "vitest";
import { kernelView } from "../../src/interpreter/kernel-view.js";
import { simulate } from "../../src/interpreter/ops/simulate.js";
import type { Op } from "../../src/interpreter/ops/types.js";
import { emptyWorld } from "../../src/interpreter/world.js";
import { lab } from "./harness.js";

describe("kernelView", () => {
  it("is empty for an empty lab", () => {
    expect(kernelView(emptyWorld)).toEqual({ namespaces: [] });
  });

  it("lists namespaces, interfaces with peers, sorted addresses and routes, forwarding", () => {
    const world = lab(
      "ns B A",
      "router R",
      "link R <-> A fd01::/64 10.1.0.0/24",
      "route A default via R",
      "route A 10.9.0.0/16 via R",
    );
    const view = kernelView(world);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view.namespaces.map((n) => n.name)).toEqual(["A", "B", "R"]);
    expect(view.namespaces[0]).toEqual({
      name: "A",
      interfaces: [
        { name: "eth0", up: true, addresses: ["10.1.0.2/24", "fd01::2/64"], peer: "R:eth0" },
        { name: "lo", up: true, addresses: [] },
      ],
      routes: [
        { destination: "10.9.0.0/16", family: 4, via: "10.1.0.1", dev: "eth0" },
        { destination: "default", family: 4, via: "10.1.0.1", dev: "eth0" },
        { destination: "default", family: 6, via: "fd01::1", dev: "eth0" },
      ],
      sysctls: {
        "net.ipv4.ip_forward": "0",
        "net.ipv6.conf.all.forwarding": "0",
        "net.ipv6.conf.default.accept_dad": "0",
      },
    });
    expect(view.namespaces[2]?.sysctls).toEqual({
      "net.ipv4.ip_forward": "1",
      "net.ipv6.conf.all.forwarding": "1",
      "net.ipv6.conf.default.accept_dad": "0",
    });
  });
});

describe("the simulator", () => {
  const two = kernelView(lab("ns A B", "link A <-> B 10.0.0.0/24", "route A default via B"));
  const refuses = (ops: Op[]) => expect(() => simulate(two, ops)).toThrow(/simulate/);

  it("refuses impossible ops", () => {
    refuses([{ kind: "netns.add", node: "A" }]);
    refuses([{ kind: "netns.del", node: "Z" }]);
    refuses([{ kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" }]);
    refuses([{ kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.0.9/24" }]);
    refuses([
      { kind: "route.del", node: "A", route: { destination: "10.5.0.0/16", family: 4, via: "10.0.0.2", dev: "eth0" } },
    ]);
    refuses([
      { kind: "route.add", node: "A", route: { destination: "10.5.0.0/16", family: 4, via: "10.7.0.2", dev: "eth0" } },
    ]);
    refuses([{ kind: "link.set", node: "A", ifname: "eth0", up: true }]);
    refuses([{ kind: "sysctl.set", node: "A", key: "net.ipv4.ip_forward", value: "1", previous: "1" }]);
    refuses([{ kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth9" } }]);
  });

  it("deleting one end of a veth takes the peer and the routes through it", () => {
    const after = simulate(two, [
      { kind: "veth.del", a: { node: "B", ifname: "eth0" }, b: { node: "A", ifname: "eth0" } },
    ]);
    const a = after.namespaces.find((n) => n.name === "A");
    expect(a?.interfaces.map((i) => i.name)).toEqual(["lo"]);
    expect(a?.routes).toEqual([]);
  });

  it("deleting a namespace takes its veth peers elsewhere", () => {
    const after = simulate(two, [{ kind: "netns.del", node: "B" }]);
    expect(after.namespaces.map((n) => n.name)).toEqual(["A"]);
    expect(after.namespaces[0]?.interfaces.map((i) => i.name)).toEqual(["lo"]);
  });

  it("the last IPv4 address takes the IPv4 routes through its interface", () => {
    const after = simulate(two, [{ kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" }]);
    expect(after.namespaces[0]?.routes).toEqual([]);
  });
});
