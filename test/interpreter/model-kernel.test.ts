// Issue 20, the model's side: each "Found" case where check, route auto or why said one thing and the
// kernel did another, held here against the model (why's walk over the World: interpreter/why/model.ts);
// test/e2e/model-kernel.test.ts holds the same cases against the real kernel.
import { describe, expect, it } from "vitest";
import type { PingQuery, WhyQuery } from "../../src/interpreter/plan.js";
import { predict } from "../../src/interpreter/why/model.js";
import type { World } from "../../src/interpreter/world.js";
import { whyLines } from "../../src/present/why.js";
import { change, failure, lab, query, spanOf } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

const why = async (world: World, line: string): Promise<string[]> => {
  const q = query(world, line) as WhyQuery;
  return whyLines(await predict(world, q.ping));
};

/** Every ordered pair of non-switch nodes that the model says does not reach. */
async function unreachable(world: World): Promise<string[]> {
  const q = query(world, "pingall");
  if (q.kind !== "pingall") throw new Error("pingall is no pingall");
  const out: string[] = [];
  for (const p of q.pings as PingQuery[])
    if ((await predict(world, p)).kind !== "reaches") out.push(`${p.from} -> ${p.target}`);
  return out;
}

describe("1. addressing across linked switches", () => {
  const chained = ["switch s1 10.0.0.0/8", "switch s2 s3 s4", "link s1 <-> s2", "link s2 <-> s3", "link s3 <-> s4"];

  it("the prefix of one switch numbers the hosts of every switch linked to it; pingall passes", async () => {
    const w = lab(...chained, "ns h2 h3 h4", "link h2 <-> s2", "link h3 <-> s3", "link h4 <-> s4");
    expect(["h2", "h3", "h4"].map((h) => w.nodes.get(h)?.ifaces.get("eth0")?.addresses)).toEqual([
      ["10.0.0.1/8"],
      ["10.0.0.2/8"],
      ["10.0.0.3/8"],
    ]);
    expect(await unreachable(w)).toEqual([]);
  });

  it("hosts linked before the switches join are numbered at the join", async () => {
    const w = lab("switch s1 10.0.0.0/8", "switch s2", "ns h1 h2", "link h1 <-> s1", "link h2 <-> s2");
    expect(w.nodes.get("h2")?.ifaces.get("eth0")?.addresses).toEqual([]);
    const c = change(w, "link s2 <-> s1");
    expect(c.summary).toEqual(["+ link s2:eth1 <-> s1:eth1", "+ addr h2:eth0 10.0.0.2/8"]);
    expectRoundTrip(c);
    expect(await unreachable(c.after)).toEqual([]);
  });

  it("two prefixes of one family on one segment, or a loop of switches, are refused before anything runs", () => {
    const w = lab("switch s1 10.0.0.0/8", "switch s2 10.1.0.0/16", "switch s3", "link s2 <-> s3");
    const line = "link s3 <-> s1";
    expect(failure(w, line)).toMatchObject({
      code: "segment-prefix",
      message:
        "s3's segment numbers from 10.1.0.0/16 and s1's from 10.0.0.0/8: linked, they would be one segment with two IPv4 prefixes",
      span: spanOf(line, line),
    });
    const tree = lab("switch s1 s2 s3", "link s1 <-> s2", "link s2 <-> s3");
    expect(failure(tree, "link s3 <-> s1")).toMatchObject({ code: "switch-loop" });
    expect(failure(tree, "link s1 <-> s2")).toMatchObject({ code: "switch-loop" });
    // Not refused: one prefix per family, or the same one twice; a switch of another segment.
    expect(change(lab("switch s1 10.0.0.0/8", "switch s2 fd00::/64"), "link s1 <-> s2").summary).toHaveLength(1);
    expect(change(lab("switch s1 10.0.0.0/8", "switch s2 10.0.0.0/8"), "link s1 <-> s2").summary).toHaveLength(1);
    expect(change(lab("switch s1 s2 s3", "link s1 <-> s2"), "link s3 <-> s1").summary).toHaveLength(1);
  });
});

describe("2. why over long paths", () => {
  const chain = (n: number): World =>
    lab(
      `router ${Array.from({ length: n }, (_, i) => `n${i + 1}`).join(" ")}`,
      ...Array.from({ length: n - 1 }, (_, i) => `link n${i + 1} <-> n${i + 2} 10.77.${i + 1}.0/24`),
      "route auto",
    );

  it("40 routers, the last link down: why names that end, from near and from far", async () => {
    const w = change(chain(40), "set n39 <-> n40 down").after;
    const down = ["n39:eth1 is down", "fix: bring it up: set n39:eth1 up"];
    expect(await why(w, "why n20 n40")).toEqual(down);
    expect(await why(w, "why n1 n40")).toEqual(down);
    expect(await why(chain(40), "why n1 n40")).toEqual(["n1 reaches 10.77.39.2: nothing to explain"]);
  });

  it("only the ping's TTL limits a path: 64 routers on the way is too far, 63 is not", async () => {
    const long = chain(66);
    expect((await why(long, "why n1 n65"))[0]).toBe("n1 reaches 10.77.64.2: nothing to explain");
    expect((await why(long, "why n1 n66"))[0]).toBe(
      "more than 63 routers on the way (n1 -> … -> n65): a ping's TTL of 64 runs out",
    );
  });
});

describe("3. route auto through a node that does not forward: one rule", () => {
  it("the seed's full example and an A–B–C chain are refused alike, naming the node and the fix", () => {
    const seed = lab("ns ns_A ns_B", "link ns_A <-> ns_B 10.0.0.0/24", "link ns_A <-> host 198.51.100.0/24");
    expect(failure(seed, "route auto")).toMatchObject({
      code: "not-a-router",
      message: "ns_B reaches 198.51.100.0/24 only through ns_A, which does not forward: it is not a router",
      hint: "make it a router: router ns_A",
    });
    const abc = lab("ns A B C", "link A <-> B 10.0.1.0/24", "link B <-> C 10.0.2.0/24");
    expect(failure(abc, "route auto")).toMatchObject({ code: "not-a-router", hint: "make it a router: router B" });
    // Once it forwards, both are routed.
    expect(change(change(seed, "router ns_A").after, "route auto").summary).toEqual([
      "+ route ns_B default via 10.0.0.1 dev eth0",
    ]);
    expect(change(change(abc, "router B").after, "route auto").summary).toHaveLength(2);
  });
});

describe("4. routes toward the machine", () => {
  const seed = lab(
    "router ns_A",
    "ns ns_B",
    "link ns_A <-> ns_B 10.0.0.0/24",
    "link ns_A <-> host 198.51.100.0/24",
    "route auto",
  );

  it("route host SUBNET via NODE: a route on the machine, through the host end; why explains every pair", async () => {
    expect(await why(seed, "why ns_B host")).toEqual([
      "on the way back: host has no route to 10.0.0.2 through the lab",
      "fix: a route on the machine into the lab: route host 10.0.0.0/24 via ns_A",
    ]);
    expect(await why(seed, "why host ns_B")).toEqual([
      "host has no route to 10.0.0.2 through the lab",
      "fix: a route on the machine into the lab: route host 10.0.0.0/24 via ns_A",
    ]);
    const c = change(seed, "route host 10.0.0.0/24 via ns_A");
    expect(c.summary).toEqual(["+ route host 10.0.0.0/24 via 198.51.100.1 dev nl000000h0"]);
    expect(c.ops).toEqual([
      {
        kind: "route.add",
        node: "host",
        route: { destination: "10.0.0.0/24", family: 4, via: "198.51.100.1", dev: "nl000000h0" },
      },
    ]);
    expectRoundTrip(c);
    for (const [a, b] of [
      ["ns_A", "ns_B"],
      ["ns_A", "host"],
      ["ns_B", "host"],
    ])
      for (const line of [`why ${a} ${b}`, `why ${b} ${a}`])
        expect((await why(c.after, line))[0]).toMatch(/ reaches .*: nothing to explain$/);
  });

  it("owned by the lab: unlink and del take it away first, so undo puts it back", () => {
    const routed = change(seed, "route host 10.0.0.0/24 via ns_A").after;
    for (const line of ["unlink ns_A <-> host", "del ns_A"]) {
      const c = change(routed, line);
      expect(c.ops).toContainEqual(expect.objectContaining({ kind: "route.del", node: "host" }));
      expect(c.after.host.routes).toEqual([]);
      expectRoundTrip(c);
    }
  });

  it("refused: the default route, a subnet outside the lab, one the machine is on already", () => {
    const line = "route host default via ns_A";
    expect(failure(seed, line)).toMatchObject({ code: "host-default", span: spanOf(line, "default") });
    expect(failure(seed, "route host 10.9.0.0/24 via ns_A")).toMatchObject({ code: "not-in-lab" });
    expect(failure(seed, "route host 198.51.100.0/24 via ns_A")).toMatchObject({ code: "connected-subnet" });
    expect(failure(seed, "route host 198.51.100.0/25 via ns_A")).toMatchObject({ code: "host-overlap" });
    expect(failure(seed, "route host 10.0.0.0/24 via ns_B")).toMatchObject({ code: "no-shared-link" });
  });
});

describe("5. addresses", () => {
  const ab = lab("ns A B");

  it("the network and broadcast addresses of a /30 or wider, and multicast, are refused where written", () => {
    const line = "link A 10.9.0.0/24 <-> B 10.9.0.255/24";
    expect(failure(ab, line)).toMatchObject({ code: "network-address", span: spanOf(line, "10.9.0.0/24") });
    const line2 = "link A 10.9.0.1/24 <-> B 10.9.0.255/24";
    expect(failure(ab, line2)).toMatchObject({
      code: "broadcast-address",
      message: "10.9.0.255 is the broadcast address of 10.9.0.0/24: no interface can have it",
      span: spanOf(line2, "10.9.0.255/24"),
      hint: "pick a host address of it, e.g. 10.9.0.254/24",
    });
    expect(failure(ab, "link A 10.9.0.3/30 <-> B 10.9.0.2/30").code).toBe("broadcast-address");
    for (const bad of [
      "link A <-> B 224.0.0.0/30",
      "link A <-> host 224.0.0.0/30",
      "link A 239.1.1.1/24 <-> B",
      "link A <-> B ff02::/64",
      "switch S 224.1.0.0/24",
    ])
      expect(failure(ab, bad).code).toBe("multicast-address");
    const linked = lab("ns A B", "link A <-> B 10.9.0.0/24");
    expect(failure(linked, "addr A:eth0 10.9.1.255/24").code).toBe("broadcast-address");
    expect(failure(linked, "addr A:lo 224.0.0.5/32").code).toBe("multicast-address");
    // Not refused: both ends of a /31, a /32, a host address next to the broadcast, unicast IPv6.
    expect(change(ab, "link A 10.9.0.0/31 <-> B 10.9.0.1/31").ops.length).toBeGreaterThan(0);
    expect(change(ab, "link A 10.9.0.254/24 <-> B 10.9.0.1/24").ops.length).toBeGreaterThan(0);
    expect(change(linked, "addr A:lo 10.9.9.9/32").ops.length).toBe(1);
    expect(change(ab, "link A <-> B fd00:ff02::/64").ops.length).toBeGreaterThan(0);
  });

  it("the hint for a prefix written on a link to a switch is a host address, never the network", () => {
    const line = "link h1 <-> S 10.0.1.0/24";
    expect(failure(lab("switch S", "ns h1"), line).hint).toBe(
      "give the switch the prefix (switch S 10.0.1.0/24), or h1 an address of it: link h1 10.0.1.1/24 <-> S",
    );
  });

  it("one node's interfaces on overlapping subnets are refused, with the position and what overlaps", () => {
    const w = lab("ns A B C", "link A <-> B 10.0.0.0/24");
    const line = "link A <-> C 10.0.0.4/30";
    expect(failure(w, line)).toMatchObject({
      code: "subnet-overlap",
      message: "A:eth1 10.0.0.5/30 overlaps A:eth0 10.0.0.1/24: one node's interfaces must be on subnets apart",
      span: spanOf(line, "10.0.0.4/30"),
    });
    expect(failure(w, "link A 10.0.0.9/16 <-> C").code).toBe("subnet-overlap");
    expect(failure(change(w, "link A <-> C").after, "addr A:eth1 10.0.0.200/25").code).toBe("subnet-overlap");
    // Not refused: another subnet, the same subnet on the same interface, a loopback's single address inside.
    expect(change(w, "link A <-> C 10.0.1.0/24").ops.length).toBeGreaterThan(0);
    expect(change(w, "addr A:eth0 10.0.0.77/24").ops.length).toBe(1);
    expect(change(w, "addr A:lo 10.0.0.99/32").ops.length).toBe(1);
  });
});

describe("7. words that differ from what happens", () => {
  it("expect no tcp after block names the rule that drops it (the runtime says blocked, not no answer)", () => {
    const w = lab("ns A B", "link A <-> B 10.0.0.0/24", "block A -> B tcp 8080");
    expect(query(w, "expect no tcp A B 8080")).toMatchObject({ blockedBy: "block A -> B tcp 8080" });
    expect(query(w, "expect no tcp A B 8081")).not.toHaveProperty("blockedBy");
    expect(query(change(w, "allow A -> B tcp").after, "expect no tcp A B 8080")).not.toHaveProperty("blockedBy");
    expect(query(lab("ns A B", "link A <-> B 10.0.0.0/24", "block A -> any"), "expect tcp A B 22")).toMatchObject({
      blockedBy: "block A -> any",
    });
  });

  it("why never proposes route auto where route auto is refused: it names the router it waits for", async () => {
    const w = lab("ns A B M", "link A <-> M 10.72.1.0/24", "link M <-> B 10.72.2.0/24");
    expect(failure(w, "route auto").code).toBe("not-a-router");
    const lines = await why(w, "why A B");
    expect(lines).toEqual([
      "A has no route to 10.72.2.2",
      "fix: router M, then route auto (it will not route through M while it does not forward)",
    ]);
    expect(lines.join("\n")).not.toMatch(/fix: route auto/);
    // Where route auto would add the route, it is the fix; where it would not change that node, a route by hand.
    expect((await why(change(w, "router M").after, "why A B"))[1]).toBe(
      "fix: route auto, or a route by hand: route A default via NEIGHBOUR",
    );
    // A destination no node has: route auto would add nothing for it.
    const routed = change(change(w, "router M").after, "route auto").after;
    expect(await why(routed, "why M 10.72.9.1")).toEqual([
      "M has no route to 10.72.9.1",
      "fix: a route by hand: route M default via NEIGHBOUR",
    ]);
  });

  it("a ping the node's own firewall drops: why names the rule", async () => {
    const w = lab("ns A B", "link A <-> B 10.0.0.0/24", "block A -> B");
    expect(await why(w, "why A B")).toEqual(["A's firewall drops it: block A -> B", "fix: unblock A -> B"]);
    expect((await why(change(w, "unblock A -> B").after, "why A B"))[0]).toMatch(/reaches/);
    expect((await why(lab("ns A B", "link A <-> B 10.0.0.0/24", "block A -> B tcp 80"), "why A B"))[0]).toMatch(
      /reaches/,
    );
  });

  it("the host end of a host link is named host:IFNAME, as show prints it, in set, unlink and addr", () => {
    const w = lab("ns A", "link A <-> host 10.209.0.0/30");
    expect(change(w, "set host:nl000000h0 down").summary).toEqual(["~ host:nl000000h0: down (was up)"]);
    expect(change(w, "addr host:nl000000h0 10.209.5.1/24").summary).toEqual(["+ addr host:nl000000h0 10.209.5.1/24"]);
    expect(change(w, "unlink host:nl000000h0 <-> A").summary).toEqual(["- link A:eth0 <-> host:nl000000h0"]);
    expect(failure(w, "addr host:nl000000h1 10.209.5.1/24").code).toBe("unknown-interface");
    expect(failure(w, "addr host:nl000000h0 10.209.1.1/16").code).toBe("host-overlap");
  });
});

describe("found by the differential test", () => {
  it("a switch-to-switch link set down splits the segment: why names its end, route auto does not route across it", async () => {
    const built = [
      "switch s1 10.238.1.0/24",
      "switch s2",
      "link s1 <-> s2",
      "ns h1 h3",
      "router r1",
      "link h1 <-> s1",
      "link r1 <-> s2",
      "link r1 <-> h3 10.238.2.0/24",
    ];
    const w = lab(...built, "set s1 <-> s2 down");
    expect(await why(w, "why h1 r1")).toEqual(["s1:eth0 is down", "fix: bring it up: set s1:eth0 up"]);
    // h1 no longer reaches r1 in one hop: no route through it is made for h1 (there was, with the link up).
    expect(change(lab(...built), "route auto").summary).toContain("+ route h1 default via 10.238.1.2 dev eth0");
    expect(change(w, "route auto").summary).not.toContainEqual(expect.stringMatching(/^\+ route h1 /));
    expect(await why(change(w, "set s1 <-> s2 up").after, "why h1 r1")).toEqual([
      "h1 reaches 10.238.1.2: nothing to explain",
    ]);
  });
});
