// why's reasoning over a fake kernel (a Probe answered from tables), and its words; pingall's matrix.
import { describe, expect, it } from "vitest";
import type { WhyQuery } from "../../src/interpreter/plan.js";
import type { LinkState, Probe, RouteAnswer } from "../../src/interpreter/why/cause.js";
import { explain } from "../../src/interpreter/why/walk.js";
import type { World } from "../../src/interpreter/world.js";
import { pingallLines } from "../../src/present/pingall.js";
import { whyLines } from "../../src/present/why.js";
import { lab, query } from "../interpreter/harness.js";

// A -- R1 -- R2 -- B, all addressed; the kernel's answers are given per test.
const chain = lab(
  "ns A B",
  "router R1 R2",
  "link A <-> R1 10.70.1.0/24",
  "link R1 <-> R2 10.70.2.0/24",
  "link R2 <-> B 10.70.3.0/24",
);

interface Kernel {
  readonly reaches?: boolean;
  /** `node address` → answer; missing means no route. */
  readonly routes: Record<string, RouteAnswer>;
  /** `node:ifname` → state; missing means up with carrier. */
  readonly links?: Record<string, LinkState>;
  /** Nodes that do not forward. */
  readonly still?: readonly string[];
}

function probe(world: World, k: Kernel): Probe {
  return {
    ping: async () => k.reaches ?? false,
    route: async (node, address) => k.routes[`${node} ${address}`] ?? { kind: "none", error: "unreachable" },
    links: async (node) => {
      const ifaces = [...(world.nodes.get(node)?.ifaces.keys() ?? [])];
      return new Map(ifaces.map((i) => [i, k.links?.[`${node}:${i}`] ?? { up: true, carrier: true }]));
    },
    forwards: async (node) => !(k.still ?? []).includes(node),
  };
}

const via = (dev: string, gateway?: string, source?: string): RouteAnswer => ({
  kind: "via",
  dev,
  ...(gateway ? { gateway } : {}),
  ...(source ? { source } : {}),
});
const LOCAL: RouteAnswer = { kind: "local" };

/** A's route to B and every hop's, there and back: the good path. */
const good: Record<string, RouteAnswer> = {
  "A 10.70.3.2": via("eth0", "10.70.1.2", "10.70.1.1"),
  "R1 10.70.3.2": via("eth1", "10.70.2.2"),
  "R2 10.70.3.2": via("eth1"),
  "B 10.70.3.2": LOCAL,
  "B 10.70.1.1": via("eth0", "10.70.3.1"),
  "R2 10.70.1.1": via("eth0", "10.70.2.1"),
  "R1 10.70.1.1": via("eth0"),
  "A 10.70.1.1": LOCAL,
};

const without = (key: string): Record<string, RouteAnswer> =>
  Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));

async function why(world: World, line: string, k: Kernel): Promise<string[]> {
  const q = query(world, line) as WhyQuery;
  return whyLines(await explain(q, probe(world, k)));
}

describe("why", () => {
  it("a ping that arrives needs no explaining", async () => {
    expect(await why(chain, "why A B", { reaches: true, routes: {} })).toEqual([
      "A reaches 10.70.3.2: nothing to explain",
    ]);
  });

  it("no route in A, or none back in B", async () => {
    expect(await why(chain, "why A B", { routes: without("A 10.70.3.2") })).toEqual([
      "A has no route to 10.70.3.2",
      "fix: route auto, or a route by hand: route A default via NEIGHBOUR",
    ]);
    expect(await why(chain, "why A B", { routes: without("B 10.70.1.1") })).toEqual([
      "on the way back: B has no route to 10.70.1.1",
      "fix: route auto, or a route by hand: route B default via NEIGHBOUR",
    ]);
  });

  it("a transit node that does not forward", async () => {
    expect(await why(chain, "why A B", { routes: good, still: ["R2"] })).toEqual([
      "R2 does not forward IPv4: make it a router (router R2)",
    ]);
  });

  it("a link down: the end that is down, here or across the link", async () => {
    // A's own end down: its routes are gone too.
    const own = { routes: without("A 10.70.3.2"), links: { "A:eth0": { up: false, carrier: false } } };
    expect(await why(chain, "why A B", own)).toEqual([
      "A:eth0 is down",
      "fix: bring it up: exec A ip link set eth0 up",
    ]);
    // R2's end towards B down: R2 still routes, but has no carrier; B's end is the one set down.
    const far = {
      routes: good,
      links: { "R2:eth1": { up: true, carrier: false }, "B:eth0": { up: false, carrier: false } },
    };
    expect((await why(chain, "why A B", far))[0]).toBe("B:eth0 is down");
  });

  it("a next hop no node has, or one that is not on the link", async () => {
    const unknown = { ...good, "A 10.70.3.2": via("eth0", "10.70.1.99", "10.70.1.1") };
    expect((await why(chain, "why A B", { routes: unknown }))[0]).toBe(
      "A sends it to 10.70.1.99, which no node of the lab has",
    );
    const offLink = { ...good, "A 10.70.3.2": via("eth0", "10.70.2.2", "10.70.1.1") };
    expect((await why(chain, "why A B", { routes: offLink }))[0]).toBe(
      "A sends it out of eth0 to 10.70.2.2, but R2:eth0 (which has 10.70.2.2) is not on that link",
    );
  });

  it("a loop, and a path that looks fine", async () => {
    const loop = { ...good, "R2 10.70.3.2": via("eth0", "10.70.2.1") };
    expect((await why(chain, "why A B", { routes: loop }))[0]).toBe(
      "the packet goes round in a loop: A -> R1 -> R2 -> R1",
    );
    expect(await why(chain, "why A B", { routes: good })).toEqual([
      "every hop has a route, its links are up and its routers forward (A -> R1 -> R2 -> B -> R2 -> R1 -> A); something else drops the ping",
      "look for: a firewall, loss on a link, or a change made with exec",
    ]);
  });

  it("a target without an address", async () => {
    expect(await why(lab("ns A B"), "why A B", { routes: {} })).toEqual([
      "B has no address to ping",
      "fix: give it one, e.g. addr B:eth0 ADDRESS/LEN",
    ]);
  });

  it("across a switch: the segment decides who is on the link", async () => {
    const star = lab("switch S 10.71.1.0/24", "ns A B", "link A <-> S", "link B <-> S");
    const routes = { "A 10.71.1.2": via("eth0", undefined, "10.71.1.1"), "B 10.71.1.2": LOCAL };
    const down = { routes, links: { "A:eth0": { up: true, carrier: true }, "B:eth0": { up: true, carrier: false } } };
    const s = probe(star, down);
    const links = s.links;
    // The switch's port to B is the end that is down.
    const withPort: Probe = {
      ...s,
      links: async (node) => (node === "S" ? new Map([["eth1", { up: false, carrier: false }]]) : links(node)),
    };
    const q = query(star, "why A B") as WhyQuery;
    expect(whyLines(await explain(q, withPort))[0]).toBe("S:eth1 is down");
  });
});

describe("pingall's matrix", () => {
  it("rows of reached nodes, X for the others, and the drop rate", () => {
    const rows = [
      {
        from: "h1",
        results: [
          { to: "h2", ok: true },
          { to: "r10", ok: false },
        ],
      },
      {
        from: "h2",
        results: [
          { to: "h1", ok: true },
          { to: "r10", ok: true },
        ],
      },
      {
        from: "r10",
        results: [
          { to: "h1", ok: false },
          { to: "h2", ok: true },
        ],
      },
    ];
    expect(pingallLines({ kind: "pingall", rows, lost: 2, total: 6 })).toEqual([
      "h1  -> h2 X",
      "h2  -> h1 r10",
      "r10 -> X  h2",
      "drop rate 33% (2/6 lost)",
    ]);
    expect(pingallLines({ kind: "pingall", rows: [], lost: 0, total: 0 })).toEqual([
      "pingall: fewer than two nodes, nothing to ping",
    ]);
  });
});
