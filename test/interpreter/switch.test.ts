// switch: a bridge in a namespace, its ports, numbering from its prefixes, and taking it apart again.
import { describe, expect, it } from "vitest";
import { emptyWorld } from "../../src/interpreter/world.js";
import { saveScript } from "../../src/present/save.js";
import { showWorld } from "../../src/present/show.js";
import { change, checkInvariants, failure, lab, spanOf } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

describe("switch", () => {
  it("makes a namespace with lo up and a bridge br0 up", () => {
    const c = change(emptyWorld, "switch S 10.0.1.0/24 fd01::/64");
    expect(c.ops).toEqual([
      { kind: "netns.add", node: "S" },
      { kind: "link.set", node: "S", ifname: "lo", up: true },
      { kind: "sysctl.set", node: "S", key: "net.ipv6.conf.default.accept_dad", value: "0", previous: "1" },
      { kind: "bridge.add", node: "S", ifname: "br0" },
      { kind: "link.set", node: "S", ifname: "br0", up: true },
    ]);
    expect(c.summary).toEqual(["+ switch S 10.0.1.0/24 fd01::/64"]);
    expect(c.after.nodes.get("S")).toMatchObject({ kind: "switch", prefixes: ["10.0.1.0/24", "fd01::/64"] });
    expect(c.after.nodes.get("S")?.ifaces.get("br0")).toEqual({ name: "br0", addresses: [], up: true, bridge: true });
    expectRoundTrip(c);
  });

  it("several switches without prefixes", () => {
    const c = change(emptyWorld, "switch S1 S2");
    expect(c.summary).toEqual(["+ switch S1", "+ switch S2"]);
    expect(c.after.nodes.get("S2")?.prefixes).toBeUndefined();
    expectRoundTrip(c);
  });

  it("refuses bad prefixes", () => {
    const cases: [string, string, string, string][] = [
      ["switch S T 10.0.1.0/24", "shared-prefix", "10.0.1.0/24", "a prefix numbers one switch"],
      ["switch S 10.0.1.0/24 10.0.2.0/24", "prefix-twice", "10.0.2.0/24", "a second IPv4 prefix: 10.0.2.0/24"],
      ["switch S 10.0.1.5/24", "not-a-network", "10.0.1.5/24", "10.0.1.5/24 is an address, not a network"],
      ["switch S fd01::/128", "prefix-too-small", "fd01::/128", "fd01::/128 is too small for a switch"],
    ];
    for (const [line, code, at, message] of cases) {
      const e = failure(emptyWorld, line);
      expect(e.code).toBe(code);
      expect(e.message).toContain(message);
      expect(e.span).toMatchObject(spanOf(line, at));
      expect(e.hint).toBeTruthy();
    }
    expect(failure(lab("ns S"), "switch S").code).toBe("node-exists");
  });
});

describe("links to a switch", () => {
  const star = lab("switch S 10.0.1.0/24 fd01::/64", "ns A B C");

  it("the switch's end joins the bridge; the other end gets the next free address of each prefix", () => {
    const c = change(star, "link A <-> S");
    expect(c.ops).toEqual([
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "S", ifname: "eth0" } },
      { kind: "link.set", node: "A", ifname: "eth0", up: true },
      { kind: "link.set", node: "S", ifname: "eth0", up: true },
      { kind: "link.master", node: "S", ifname: "eth0", master: "br0" },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.1.1/24" },
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "fd01::1/64" },
    ]);
    expect(c.summary).toEqual(["+ link A:eth0 10.0.1.1/24 fd01::1/64 <-> S:eth0"]);
    expect(c.after.nodes.get("S")?.ifaces.get("eth0")).toMatchObject({ master: "br0", addresses: [] });
    expectRoundTrip(c);
  });

  it("numbers in order, either way round, and reuses a freed address", () => {
    const w = lab("switch S 10.0.1.0/24", "ns A B C", "link A <-> S", "link S <-> B", "addr C:lo 10.0.1.3/32");
    expect(w.nodes.get("B")?.ifaces.get("eth0")?.addresses).toEqual(["10.0.1.2/24"]);
    const c = change(w, "link C <-> S");
    expect(c.summary).toEqual(["+ link C:eth0 10.0.1.4/24 <-> S:eth2"]);
    const again = change(change(w, "unlink A <-> S").after, "link C <-> S");
    expect(again.summary).toEqual(["+ link C:eth0 10.0.1.1/24 <-> S:eth0"]);
  });

  it("written addresses on the other end replace the numbering", () => {
    const c = change(star, "link A 10.0.1.77/24 <-> S");
    expect(c.summary).toEqual(["+ link A:eth0 10.0.1.77/24 <-> S:eth0"]);
    expectRoundTrip(c);
  });

  it("a /30 runs out", () => {
    const w = lab("switch S 10.0.1.0/30", "ns A B C", "link A <-> S", "link B <-> S");
    const line = "link C <-> S";
    expect(failure(w, line)).toMatchObject({
      code: "prefix-full",
      message: "the prefix 10.0.1.0/30 of S's segment has no free address left for C",
    });
  });

  it("refuses addresses for the switch's own end", () => {
    const line = "link A <-> S 10.0.9.0/24";
    expect(failure(star, line)).toMatchObject({
      code: "switch-port-address",
      message: "a link to switch S takes no prefix: its ports have no addresses",
      span: spanOf(line, "10.0.9.0/24"),
      // Never the network address as an end's (issue 20 #5).
      hint: "give the switch the prefix (switch S 10.0.9.0/24), or A an address of it: link A 10.0.9.1/24 <-> S",
    });
    const line2 = "link A 10.0.9.1/24 <-> S 10.0.9.2/24";
    expect(failure(star, line2)).toMatchObject({ code: "switch-port-address", span: spanOf(line2, "10.0.9.2/24") });
    expect(failure(star, "addr S:br0 10.0.1.200/24").code).toBe("switch-address");
  });

  it("two switches linked: both ends are ports, no addresses", () => {
    const w = lab("switch S T 10.0.2.0/24".replace(" 10.0.2.0/24", ""));
    const c = change(w, "link S <-> T");
    expect(c.ops.filter((op) => op.kind === "link.master")).toHaveLength(2);
    expectRoundTrip(c);
  });

  it("unlink and del take ports out of the bridge first, so undo puts them back", () => {
    const w = lab("switch S 10.0.1.0/24", "ns A B", "link A <-> S", "link B <-> S", "route A 10.9.0.0/16 via B");
    const unlink = change(w, "unlink A <-> S");
    expect(unlink.ops.map((op) => op.kind)).toEqual([
      "route.del",
      "addr.del",
      "link.nomaster",
      "link.set",
      "link.set",
      "veth.del",
    ]);
    expectRoundTrip(unlink);
    const del = change(w, "del S");
    expect(del.ops.map((op) => op.kind)).toContain("bridge.del");
    expectRoundTrip(del);
    checkInvariants(del.after);
  });
});

describe("show and save", () => {
  const w = lab("switch S 10.0.1.0/24", "ns A B", "link A <-> S", "link S <-> B");

  it("show lists a switch's prefixes and members", () => {
    expect(showWorld(w).split("\n")).toContain("  S  switch  10.0.1.0/24  members: A:eth0, B:eth0");
  });

  it("save writes the switch with its prefix and the members' addresses on their own ends", () => {
    const script = saveScript(w, "t");
    expect(script).toContain("switch S 10.0.1.0/24\n");
    expect(script).toContain("link A:eth0 10.0.1.1/24 <-> S:eth0\n");
    expect(script).toContain("link B:eth0 10.0.1.2/24 <-> S:eth1\n");
  });
});
