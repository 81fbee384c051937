// Services and firewalls in a real kernel: what spawn starts is ended on undo, del, reset and teardown
// (checked by pid); after each undo a node's nftables ruleset is what it was before; a statement that
// fails halfway leaves no rule and no process; expect tcp/udp tell open, refused and blocked apart.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Outcome } from "../../src/driver/driver.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";

const dir = mkdtempSync(join(tmpdir(), "netl-services-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The namespace's whole ruleset, without the handles the kernel numbers each new rule with. */
const ruleset = (ns: string): string =>
  execFileSync("ip", ["netns", "exec", ns, "nft", "-j", "list", "ruleset"], { encoding: "utf8" }).replace(
    /"handle": \d+, /g,
    "",
  );
const pidsIn = (ns: string) =>
  execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
const text = (o: Outcome) => (o.kind === "text" ? o.text : "");
/** The pids `ps` reports, by spawn id. */
const pids = (o: Outcome): Map<number, number> =>
  new Map([...text(o).matchAll(/^#(\d+) .* pid (\d+) running/gm)].map((m) => [Number(m[1]), Number(m[2])]));

describe.runIf(kernelTestsEnabled("services.test.ts"))("services and firewalls in the kernel", () => {
  const { open, ok, run, closeAll } = liveSessions();
  afterEach(closeAll);

  it("spawn runs in its node; undo, del and teardown end it (by pid); undo of del starts it again", async () => {
    const lab = testPrefix("svc-proc");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "spawn B sleep 1000");
    const first = pids(await ok(s, "ps")).get(1) as number;
    expect(first).toBeGreaterThan(1);
    expect(pidsIn(`${lab}-B`)).toContain(first);
    await ok(s, "undo");
    expect(alive(first)).toBe(false);
    await ok(s, "redo");
    const second = pids(await ok(s, "ps")).get(1) as number;
    expect(alive(second)).toBe(true);
    await ok(s, "del B");
    expect(alive(second)).toBe(false);
    await ok(s, "undo");
    const third = pids(await ok(s, "ps")).get(1) as number;
    expect(third).not.toBe(second);
    expect(pidsIn(`${lab}-B`)).toContain(third);
    await ok(s, "spawn A sh -c 'echo hello from A; sleep 1000'");
    // The program writes its log when it runs: ask until it has, rather than wait a fixed time.
    let log = "";
    for (let i = 0; i < 100 && !log.includes("hello from A"); i++) {
      log = text(await ok(s, "logs A"));
      if (!log.includes("hello from A")) await new Promise((r) => setTimeout(r, 20));
    }
    expect(log).toContain("hello from A");
    const fourth = pids(await ok(s, "ps")).get(2) as number;
    await closeAll();
    expect([third, fourth].map(alive)).toEqual([false, false]);
  });

  it("after each undo the node's nftables ruleset is what it was before", async () => {
    const lab = testPrefix("svc-fw");
    const s = open(lab);
    await ok(s, "ns A B C");
    await ok(s, "link A <-> B 10.0.0.0/24 fd10::/64");
    await ok(s, "link A <-> C 10.0.1.0/24");
    const steps = [
      "block A -> B",
      "allow A -> B tcp 22",
      "block A -> any udp",
      "block A -> 10.0.1.0/24 tcp 80",
      "unblock A -> B",
    ];
    const before: string[] = [];
    for (const step of steps) {
      before.push(ruleset(`${lab}-A`));
      await ok(s, step);
      expect(ruleset(`${lab}-A`)).not.toBe(before[before.length - 1]);
    }
    for (const expected of before.reverse()) {
      await ok(s, "undo");
      expect(ruleset(`${lab}-A`)).toBe(expected);
    }
    expect(JSON.parse(ruleset(`${lab}-A`)).nftables.filter((x: object) => "table" in x)).toEqual([]);
  });

  it("expect tcp tells open, refused and blocked apart; udp wants an answer", async () => {
    const lab = testPrefix("svc-reach");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24");
    await ok(s, `spawn B ${process.execPath} -e "require('net').createServer(c => c.end()).listen(8080)"`);
    await ok(
      s,
      `spawn B ${process.execPath} -e "const s = require('dgram').createSocket('udp4'); s.on('message', (m, r) => s.send(m, r.port, r.address)); s.bind(5353)"`,
    );
    const expectText = async (line: string) => {
      const o = await ok(s, line);
      return o.kind === "expect" ? `${o.passed} ${o.text}` : "not an expect";
    };
    expect(await expectText("expect tcp A B 8080")).toBe("true A -> 10.0.0.2 tcp 8080: open");
    expect(await expectText("expect udp A B 5353")).toBe("true A -> 10.0.0.2 udp 5353: open");
    expect(await expectText("expect no tcp A B 9")).toBe("true A -> 10.0.0.2 tcp 9: refused (nothing listens there)");
    expect(await expectText("expect tcp A B 9")).toMatch(/^false .*refused/);
    await ok(s, "block A -> B tcp 8080");
    expect(await expectText("expect no tcp A B 8080")).toMatch(/^true A -> 10.0.0.2 tcp 8080: (no answer|blocked)/);
    await ok(s, "block A -> B udp");
    expect(await expectText("expect no udp A B 5353")).toMatch(/^true /);
  });

  it("a statement that fails halfway leaves no rule and no process", async () => {
    const lab = testPrefix("svc-half");
    const s = open(lab);
    await ok(s, "ns A B");
    await ok(s, "link A <-> B 10.0.0.0/24");
    const before = { rules: ruleset(`${lab}-A`), pids: pidsIn(`${lab}-B`) };
    const file = join(dir, "half.netl");
    writeFileSync(file, "spawn B sleep 1000\nblock A -> B\nroute A 10.9.0.0/16 via C\n");
    const r = await run(s, `load "${file}"`);
    expect(r.ok).toBe(false);
    expect({ rules: ruleset(`${lab}-A`), pids: pidsIn(`${lab}-B`) }).toEqual(before);
  });

  it("the machine and host are refused as firewall nodes", async () => {
    const s = open(testPrefix("svc-host"));
    await ok(s, "ns A");
    const r = await run(s, "block host -> A");
    expect(r.ok ? "" : r.error.code).toBe("host-firewall");
  });
});
