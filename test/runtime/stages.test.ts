import { describe, expect, it } from "vitest";
import type { Op } from "../../src/interpreter/ops/types.js";
import { byTool } from "../../src/runtime/batch.js";
import { planStages, type Stage } from "../../src/runtime/stages.js";

const ns = (node: string) => `p-${node}`;
const lines = (stage: Stage) => ({
  create: stage.create.map((l) => l.step.line.join(" ")),
  ns: Object.fromEntries([...stage.ns].map(([k, v]) => [k, v.map((l) => l.step.line.join(" "))])),
  destroy: stage.destroy.map((l) => l.step.line.join(" ")),
});

const twoHosts: Op[] = [
  { kind: "netns.add", node: "A" },
  { kind: "link.set", node: "A", ifname: "lo", up: true },
  { kind: "netns.add", node: "B" },
  { kind: "link.set", node: "B", ifname: "lo", up: true },
  { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
  { kind: "link.set", node: "A", ifname: "eth0", up: true },
  { kind: "link.set", node: "B", ifname: "eth0", up: true },
  { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
  { kind: "addr.add", node: "B", ifname: "eth0", cidr: "fd10::2/64" },
];

describe("planStages", () => {
  it("builds a lab in one stage: one global batch, then one batch per namespace", () => {
    const stages = planStages(twoHosts, ns);
    expect(stages.map(lines)).toEqual([
      {
        create: ["netns add p-A", "netns add p-B", "link add eth0 netns p-A type veth peer name eth0 netns p-B"],
        ns: {
          "p-A": ["link set lo up", "link set eth0 up", "addr add 10.0.0.1/24 dev eth0"],
          "p-B": ["link set lo up", "link set eth0 up", "addr add fd10::2/64 dev eth0 nodad"],
        },
        destroy: [],
      },
    ]);
    expect(stages[0]?.create[2]?.step.command).toEqual([
      "ip",
      ...["link", "add", "eth0", "netns", "p-A", "type", "veth", "peer", "name", "eth0", "netns", "p-B"],
    ]);
  });

  it("drops work inside a namespace that the same change deletes, and counts it as done by the delete; a veth to a namespace that stays is deleted from there", () => {
    const del: Op[] = [
      { kind: "addr.del", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "link.set", node: "B", ifname: "eth0", up: false },
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "link.set", node: "A", ifname: "lo", up: false },
      { kind: "netns.del", node: "A" },
    ];
    const stages = planStages(del, ns);
    expect(stages.map(lines)).toEqual([
      { create: [], ns: { "p-B": ["link set eth0 down", "link del eth0"] }, destroy: ["netns del p-A"] },
    ]);
    // A's end goes with the veth at once (a namespace's own clean-up runs after `netns del` returns).
    expect(stages[0]?.ns.get("p-B")?.[1]?.ops).toEqual([2, 0]);
    expect(stages[0]?.destroy[0]?.ops).toEqual([4, 3]);
  });

  it("starts a new stage when a creation must wait for work in the same namespace", () => {
    const ops: Op[] = [
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "C", ifname: "eth0" } },
    ];
    expect(planStages(ops, ns).map(lines)).toEqual([
      { create: [], ns: { "p-A": ["link del eth0"] }, destroy: [] },
      { create: ["link add eth0 netns p-A type veth peer name eth0 netns p-C"], ns: {}, destroy: [] },
    ]);
  });

  it("orders a veth deletion after earlier work in the peer's namespace", () => {
    const ops: Op[] = [
      { kind: "route.del", node: "B", route: { destination: "default", family: 4, via: "10.0.0.1", dev: "eth0" } },
      { kind: "veth.del", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "addr.add", node: "B", ifname: "eth1", cidr: "10.1.0.1/24" },
    ];
    expect(planStages(ops, ns).map(lines)).toEqual([
      { create: [], ns: { "p-B": ["route del default via 10.0.0.1 dev eth0"] }, destroy: [] },
      { create: [], ns: { "p-A": ["link del eth0"] }, destroy: [] },
      { create: [], ns: { "p-B": ["addr add 10.1.0.1/24 dev eth1"] }, destroy: [] },
    ]);
  });

  it("re-creates a namespace deleted earlier in the same change only after the delete", () => {
    const ops: Op[] = [
      { kind: "netns.del", node: "A" },
      { kind: "netns.add", node: "A" },
      { kind: "link.set", node: "A", ifname: "lo", up: true },
    ];
    expect(planStages(ops, ns).map(lines)).toEqual([
      { create: [], ns: {}, destroy: ["netns del p-A"] },
      { create: ["netns add p-A"], ns: { "p-A": ["link set lo up"] }, destroy: [] },
    ]);
  });

  it("puts a router's sysctl in the global batch after its namespace", () => {
    const ops: Op[] = [
      { kind: "netns.add", node: "R" },
      { kind: "sysctl.set", node: "R", key: "net.ipv4.ip_forward", value: "1", previous: "0" },
    ];
    expect(planStages(ops, ns).map(lines)).toEqual([
      { create: ["netns add p-R", "netns exec p-R sysctl -qw net.ipv4.ip_forward=1"], ns: {}, destroy: [] },
    ]);
  });

  it("a namespace's sysctls go in one process, at the place of its first one", () => {
    const sysctl = (key: string, value: string, previous: string): Op => ({
      kind: "sysctl.set",
      node: "R",
      key,
      value,
      previous,
    });
    const ops: Op[] = [
      { kind: "netns.add", node: "R" },
      sysctl("net.ipv6.conf.default.accept_dad", "0", "1"),
      { kind: "netns.add", node: "A" },
      { kind: "veth.add", a: { node: "R", ifname: "eth0" }, b: { node: "A", ifname: "eth0" } },
      sysctl("net.ipv4.ip_forward", "1", "0"),
      sysctl("net.ipv6.conf.all.forwarding", "1", "0"),
    ];
    const [stage] = planStages(ops, ns);
    expect(stage?.create.map((l) => l.step.line.join(" "))).toEqual([
      "netns add p-R",
      "netns add p-A",
      "netns exec p-R sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1",
      "link add eth0 netns p-R type veth peer name eth0 netns p-A",
    ]);
    expect(stage?.create[2]?.ops).toEqual([1, 4, 5]);
  });

  it("orders creations as namespaces, then every sysctl, then the rest: three processes for a whole chain", () => {
    const ops: Op[] = ["A", "R", "B"].flatMap((node): Op[] => [
      { kind: "netns.add", node },
      { kind: "sysctl.set", node, key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
    ]);
    ops.push({ kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "R", ifname: "eth0" } });
    ops.push({ kind: "veth.add", a: { node: "R", ifname: "eth1" }, b: { node: "B", ifname: "eth0" } });
    const [stage] = planStages(ops, ns);
    const runs = byTool(stage?.create ?? []).map((run) =>
      run.map((l) => `${l.step.tool}: ${l.step.line.slice(0, 3).join(" ")}`),
    );
    expect(runs).toEqual([
      // Namespaces are made by the journaling maker (runtime/netns-batch.ts), a process of their own.
      ["netns: netns add p-A", "netns: netns add p-R", "netns: netns add p-B"],
      ["sysctl: netns exec p-A", "sysctl: netns exec p-R", "sysctl: netns exec p-B"],
      ["ip: link add eth0", "ip: link add eth1"],
    ]);
  });
});

describe("a change whose one creation is a veth pair (a REPL's link)", () => {
  const link: Op[] = [
    { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
    { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
    { kind: "link.set", node: "A", ifname: "eth0", up: true },
    { kind: "addr.add", node: "B", ifname: "eth0", cidr: "10.0.0.2/24" },
    { kind: "link.set", node: "B", ifname: "eth0", up: true },
  ];

  it("makes the pair in the first end's batch, which runs first: two processes, not three", () => {
    const [stage, ...more] = planStages(link, ns);
    expect(more).toEqual([]);
    expect(stage?.create).toEqual([]);
    expect(stage?.first).toBe("p-A");
    expect(stage?.ns.get("p-A")?.map((l) => l.step.command.join(" "))).toEqual([
      "ip -n p-A link add eth0 type veth peer name eth0 netns p-B",
      "ip -n p-A addr add 10.0.0.1/24 dev eth0",
      "ip -n p-A link set eth0 up",
    ]);
    expect(stage?.ns.get("p-A")?.[0]?.ops).toEqual([0]);
    expect(stage?.ns.get("p-B")?.length).toBe(2);
  });

  it("keeps a global batch when there is more to create", () => {
    const [stage] = planStages([{ kind: "netns.add", node: "C" }, ...link], ns);
    expect(stage?.first).toBeUndefined();
    expect(stage?.create.map((l) => l.step.line.join(" "))).toEqual([
      "netns add p-C",
      "link add eth0 netns p-A type veth peer name eth0 netns p-B",
    ]);
  });
});

describe("a veth whose two namespaces both go in the change", () => {
  // `undo 7` of: ns n1 / ns n2 / link n2 <-> n1 / del n2 / router r3 / link n1 <-> r3, in short:
  // n1:eth0 is made again (n2's peer) after r3 goes and before n1 does.
  const reused: Op[] = [
    { kind: "veth.del", a: { node: "n1", ifname: "eth0" }, b: { node: "r3", ifname: "eth0" } },
    { kind: "netns.del", node: "r3" },
    { kind: "netns.add", node: "n2" },
    { kind: "veth.add", a: { node: "n2", ifname: "eth0" }, b: { node: "n1", ifname: "eth0" } },
    { kind: "addr.add", node: "n1", ifname: "eth0", cidr: "10.0.3.2/24" },
    { kind: "veth.del", a: { node: "n2", ifname: "eth0" }, b: { node: "n1", ifname: "eth0" } },
    { kind: "netns.del", node: "n2" },
    { kind: "netns.del", node: "n1" },
  ];

  it("is deleted itself when an end's name is made again before that end's namespace goes", () => {
    // The first `netns del` would leave n1:eth0 until the kernel's clean-up ran, after ip returned.
    const stages = planStages(reused, ns).map(lines);
    expect(stages[0]).toEqual({
      create: ["netns add p-n2"],
      ns: { "p-n1": ["link del eth0"] },
      destroy: ["netns del p-r3"],
    });
    expect(stages.slice(1).flatMap((s) => s.create)).toContain(
      "link add eth0 netns p-n2 type veth peer name eth0 netns p-n1",
    );
  });

  it("goes with the first namespace deleted when no name of its is made again", () => {
    const plain: Op[] = [reused[0] as Op, reused[1] as Op, { kind: "netns.del", node: "n1" }];
    expect(planStages(plain, ns).map(lines)).toEqual([
      { create: [], ns: {}, destroy: ["netns del p-r3", "netns del p-n1"] },
    ]);
    // Another name made in n1 does not keep the pair from going with r3.
    const eth1 = { node: "n1", ifname: "eth1" };
    const other: Op[] = [
      reused[0] as Op,
      reused[1] as Op,
      { kind: "netns.add", node: "n2" },
      { kind: "veth.add", a: { node: "n2", ifname: "eth0" }, b: eth1 },
      { kind: "veth.del", a: { node: "n2", ifname: "eth0" }, b: eth1 },
      { kind: "netns.del", node: "n2" },
      { kind: "netns.del", node: "n1" },
    ];
    expect(planStages(other, ns).map(lines)[0]?.ns).toEqual({});
  });
});
