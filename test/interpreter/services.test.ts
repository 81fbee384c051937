// spawn and the firewall in the model: ops, the nftables script, undo through teardown, and the checks.
import { describe, expect, it } from "vitest";
import { lower } from "../../src/interpreter/ops/lower.js";
import { change, failure, lab } from "./harness.js";
import { expectRoundTrip } from "./scenario.js";

const nft = (c: ReturnType<typeof change>) =>
  c.ops
    .map((op) => lower(op, (n) => `p-${n}`))
    .filter((s) => s.tool === "nft")
    .map((s) => s.line[0]);

describe("firewall", () => {
  const world = () => lab("ns A B C", "link A <-> B 10.0.0.0/24 fd10::/64", "link A <-> C 10.0.1.0/24");

  it("block A -> B tcp 8080: one transaction in A's own table, for each of B's addresses", () => {
    const c = change(world(), "block A -> B tcp 8080");
    expect(c.summary).toEqual(["+ block A -> B tcp 8080"]);
    expect(nft(c)).toEqual([
      "create table inet netl_p-A ; add chain inet netl_p-A output { type filter hook output priority 0 ; policy accept ; } ; flush chain inet netl_p-A output ; add rule inet netl_p-A output ct state established,related accept ; add rule inet netl_p-A output icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept ; add rule inet netl_p-A output ip daddr { 10.0.0.2/32 } tcp dport 8080 drop ; add rule inet netl_p-A output ip6 daddr { fd10::2/128 } tcp dport 8080 drop",
    ]);
    expect(c.ops[0]).toMatchObject({ kind: "fw.set", node: "A", previous: [] });
    expectRoundTrip(c);
  });

  it("allows come before blocks, whatever the order written; any and protocols without ports", () => {
    const blocked = change(world(), "block A -> any udp").after;
    const c = change(blocked, "allow A -> C udp 53");
    const script = nft(c)[0] ?? "";
    expect(script.indexOf("udp dport 53 accept")).toBeLessThan(script.indexOf("meta l4proto udp drop"));
    expectRoundTrip(c);
  });

  it("unblock removes the rule with that target; the last one deletes the table", () => {
    const blocked = change(world(), "block A -> B").after;
    const c = change(blocked, "unblock A -> B");
    expect(nft(c)).toEqual(["delete table inet netl_p-A"]);
    expect(c.summary).toEqual(["- block A -> B"]);
    expect(c.after.nodes.get("A")?.firewall).toBeUndefined();
    expectRoundTrip(c);
  });

  it("refuses a rule twice, a rule to remove that is not there, host, and a node with no address", () => {
    const blocked = change(world(), "block A -> B").after;
    expect(failure(blocked, "block A -> B")).toMatchObject({
      code: "rule-exists",
      message: "A already has block A -> B",
      hint: "unblock A -> B first, or undo it",
    });
    expect(failure(blocked, "allow A -> B")).toMatchObject({ code: "rule-exists" });
    expect(failure(blocked, "unblock A -> B tcp 22")).toMatchObject({
      code: "no-rule",
      message: "A has no rule -> B tcp 22",
      hint: "its rules: block A -> B",
    });
    expect(failure(world(), "block host -> A")).toMatchObject({ code: "host-firewall" });
    expect(failure(world(), "block A -> host")).toMatchObject({ code: "host-firewall" });
    expect(failure(lab("ns A B"), "block A -> B")).toMatchObject({ code: "no-address" });
    expect(failure(world(), "block A -> D")).toMatchObject({ code: "unknown-node" });
  });
});

describe("spawn", () => {
  it("a change whose op starts the process; undo stops it", () => {
    const c = change(lab("ns A B"), "spawn B sleep 1000");
    expect(c.ops).toEqual([{ kind: "proc.start", node: "B", id: 1, command: "sleep 1000" }]);
    expect(c.summary).toEqual(["+ spawn B #1: sleep 1000"]);
    expect(c.after.nextProcId).toBe(2);
    expectRoundTrip(c);
  });

  it("del stops the node's processes first, and its firewall goes with it; undo brings both back", () => {
    const world = lab("ns A B", "link A <-> B 10.0.0.0/24", "spawn A sleep 1", "spawn A sleep 2", "block A -> B");
    const c = change(world, "del A");
    expect(c.ops.slice(0, 3)).toEqual([
      { kind: "proc.stop", node: "A", id: 2, command: "sleep 2" },
      { kind: "proc.stop", node: "A", id: 1, command: "sleep 1" },
      expect.objectContaining({ kind: "fw.set", node: "A", rules: [] }),
    ]);
    expectRoundTrip(c);
  });

  it("needs a lab node", () => {
    expect(failure(lab("ns A"), "spawn B sleep 1")).toMatchObject({ code: "unknown-node" });
    expect(failure(lab("ns A"), "spawn host sleep 1")).toMatchObject({ code: "not-supported" });
  });
});
