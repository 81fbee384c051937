// What `move` reads of the interface it takes (runtime/machine-detail.ts, runtime/machine.ts): the root
// qdisc tc can take back, and nothing for the kernel's own; an address's peer, broadcast and label;
// the settings that differ from a new interface's. Each with the inputs that must not pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseInterfaces } from "../../src/runtime/machine.js";
import { ownSettings, rootQdisc } from "../../src/runtime/machine-detail.js";

describe("rootQdisc", () => {
  it("a classless qdisc set by hand: its words after root, without handle and refcnt", () => {
    expect(rootQdisc("qdisc tbf 8b03: root refcnt 3 rate 1Mbit burst 32Kb lat 50ms \n")).toEqual({
      qdisc: ["tbf", "rate", "1Mbit", "burst", "32Kb", "lat", "50ms"],
    });
    expect(rootQdisc("qdisc netem 8001: root refcnt 2 limit 1000 delay 100ms  10ms loss 1%")).toEqual({
      qdisc: ["netem", "limit", "1000", "delay", "100ms", "10ms", "loss", "1%"],
    });
  });

  it("nothing for the kernel's own: handle 0:, noqueue, mq, pfifo_fast; nothing for a line that is not a root qdisc", () => {
    for (const line of [
      "qdisc noqueue 0: root refcnt 2",
      "qdisc fq_codel 0: root refcnt 2 limit 10240p flows 1024",
      "qdisc mq 0: root",
      "qdisc pfifo_fast 0: root refcnt 2 bands 3",
      "qdisc ingress ffff: parent ffff:fff1 ----------------",
      "",
      "Error: Cannot find device",
    ])
      expect(rootQdisc(line), line).toEqual({});
  });

  it("a classful one is named as lost, never half put back", () => {
    expect(rootQdisc("qdisc htb 1: root refcnt 2 r2q 10 default 0x10 direct_packets_stat 0")).toEqual({
      lostQdisc: "htb",
    });
    expect(rootQdisc("qdisc prio 1: root refcnt 2 bands 3 priomap 1 2 2")).toEqual({ lostQdisc: "prio" });
  });
});

describe("addresses and settings", () => {
  it("an address's peer, broadcast and label (not the interface's own name)", () => {
    const json = JSON.stringify([
      {
        ifname: "e1",
        mtu: 1500,
        flags: ["UP"],
        addr_info: [
          { local: "10.0.0.1", prefixlen: 24, scope: "global", broadcast: "10.0.0.200", label: "e1:x" },
          { local: "10.1.0.1", address: "10.1.0.2", prefixlen: 32, scope: "global", label: "e1" },
          { local: "10.2.0.1", prefixlen: 24, scope: "global", label: "e1" },
          { local: "fe80::1", prefixlen: 64, scope: "link" },
        ],
      },
    ]);
    expect(parseInterfaces(json).get("e1")).toEqual({
      name: "e1",
      mtu: 1500,
      up: true,
      addresses: ["10.0.0.1/24", "10.1.0.1/32", "10.2.0.1/24"],
      details: {
        "10.0.0.1/24": { broadcast: "10.0.0.200", label: "e1:x" },
        "10.1.0.1/32": { peer: "10.1.0.2/32" },
      },
    });
  });

  it("the settings that differ from conf/default, not the read-only, unreadable or derived ones", () => {
    const sys = mkdtempSync(join(tmpdir(), "netl-procsys-"));
    try {
      const put = (family: string, iface: string, values: Record<string, string>, mode = 0o644) => {
        mkdirSync(join(sys, "net", family, "conf", iface), { recursive: true });
        for (const [k, v] of Object.entries(values))
          writeFileSync(join(sys, "net", family, "conf", iface, k), `${v}\n`, { mode });
      };
      put("ipv4", "default", { rp_filter: "0", forwarding: "0", mc_forwarding: "0" });
      put("ipv4", "e1", { rp_filter: "2", forwarding: "0" });
      put("ipv4", "e1", { mc_forwarding: "1" }, 0o444);
      put("ipv6", "default", { hop_limit: "64", mtu: "1280" });
      put("ipv6", "e1", { hop_limit: "33", mtu: "1500" });
      expect(ownSettings("e1", sys)).toEqual([
        { key: "ipv4/rp_filter", value: "2", fresh: "0" },
        { key: "ipv6/hop_limit", value: "33", fresh: "64" },
      ]);
      expect(ownSettings("e2", sys)).toEqual([]);
    } finally {
      rmSync(sys, { recursive: true, force: true });
    }
  });
});
