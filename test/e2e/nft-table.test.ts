// Issue 25 #8: a table someone else made in a node is never taken over. Made by hand as `inet netl`
// (the name netl used to take), it keeps its own chain and rule through `block` and `unblock`; made
// with the lab's own table name, `block` is refused and the table is left exactly as it was.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";

const nft = (ns: string, ...args: string[]) =>
  execFileSync("ip", ["netns", "exec", ns, "nft", ...args], { encoding: "utf8" });
/** The namespace's ruleset without the handles the kernel numbers each rule with. */
const ruleset = (ns: string) => nft(ns, "-j", "list", "ruleset").replace(/"handle": \d+, /g, "");
const tables = (ns: string) =>
  (JSON.parse(nft(ns, "-j", "list", "tables")).nftables as { table?: { name: string } }[]).flatMap((x) =>
    x.table ? [x.table.name] : [],
  );

const USERS = [
  "add table inet netl",
  "add chain inet netl mine { type filter hook input priority 10 ; policy accept ; }",
  "add rule inet netl mine udp dport 9999 counter drop",
].join(" ; ");

describe.runIf(kernelTestsEnabled("nft-table.test.ts"))("the lab's nftables table is its own", () => {
  const { open, ok, run, closeAll } = liveSessions();
  afterAll(closeAll);

  it("a hand-made `inet netl` in the node survives block and unblock, chain and rule and all", async () => {
    const lab = testPrefix("nft-other");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24");
    const A = `${lab}-A`;
    nft(A, USERS);
    const theirs = ruleset(A);
    await ok(s, "block A -> B tcp 22");
    expect(tables(A).sort()).toEqual(["netl", `netl_${A}`]);
    expect(nft(A, "list", "table", "inet", "netl")).toContain("udp dport 9999 counter");
    await ok(s, "unblock A -> B tcp 22");
    expect(ruleset(A)).toBe(theirs);
    await ok(s, "block A -> B");
    await ok(s, "undo");
    expect(ruleset(A)).toBe(theirs);
  });

  it("a table with the lab's own name already there: block is refused, the table untouched", async () => {
    const lab = testPrefix("nft-same");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24");
    const A = `${lab}-A`;
    nft(A, USERS.replaceAll("inet netl", `inet netl_${A}`));
    const theirs = ruleset(A);
    const r = await run(s, "block A -> B");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.failed?.stderr).toContain("File exists");
    expect(ruleset(A)).toBe(theirs);
    expect(s.world.nodes.get("A")?.firewall ?? []).toEqual([]);
  });
});
