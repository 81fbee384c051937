// The lessons as data (no root): every one in both languages, Chinese written as Chinese is written,
// every check line a check; what an exec line is read as; the plain commands that build a final lab.
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { lessonVars, tutorialPrefix } from "../../src/cli/tutorial.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, type Timeline } from "../../src/interpreter/timeline.js";
import type { Outcome } from "../../src/present/outcome.js";
import { type Check, counted, parseCheck } from "../../src/tutorial/checks.js";
import { commandListsInterfaces, decidingPingTarget, pingTargets } from "../../src/tutorial/commands.js";
import { readLessons } from "../../src/tutorial/lessons.js";
import { plainCommands } from "../../src/tutorial/plain.js";
import type { Did } from "../../src/tutorial/record.js";
import { textProblems } from "../support/zh-text.js";

const lessons = readLessons("lessons", lessonVars("tut"));

describe("the lessons", () => {
  it("follow the seed tutorial and go on to routers, switches, bad links, undo, packets and the seed done right", () => {
    expect(lessons.map((l) => `${l.number} ${l.name}`)).toEqual([
      "1 namespaces",
      "2 exec",
      "3 loopback",
      "4 veth",
      "5 move",
      "6 host",
      "7 two-and-host",
      "8 router",
      "9 route-auto",
      "10 switch",
      "11 bad-links",
      "12 undo",
      "13 capture",
      "14 seed-done-right",
    ]);
    for (const l of lessons) {
      expect(l.problems, l.name).toEqual([]);
      expect(l.checks.length, l.name).toBeGreaterThan(0);
    }
  });

  it("say everything in English and in Chinese, the Chinese with full-width punctuation", () => {
    const problems: string[] = [];
    for (const l of lessons)
      for (const key of ["title", "about", "task"] as const)
        problems.push(...textProblems(`${l.name} ${key}`, l.words.en[key], l.words.zh[key]));
    // A hint may be commands alone; any words around them are Chinese, punctuated as Chinese.
    for (const l of lessons) {
      expect(l.words.zh.hint, l.name).not.toBe("");
      const words = l.words.zh.hint.replace(/[\x20-\x7e]+/g, (ascii) => (/[;:]\s*$/.test(ascii) ? "" : ascii));
      if (/\p{Script=Han}/u.test(words)) problems.push(...textProblems(`${l.name} hint`, l.words.en.hint, words));
    }
    expect(problems).toEqual([]);
    // Words the issue found awkward are gone.
    const zh = lessons.map((l) => Object.values(l.words.zh).join("\n")).join("\n");
    for (const awkward of ["糟糕的链路", "退一步", "任务:", "网卡"]) expect(zh).not.toContain(awkward);
  });

  it("fill in each learner's own names: side by side, two prefixes share no interface or host prefix", () => {
    const mine = lessonVars("alice");
    const theirs = lessonVars("bob");
    expect(lessonVars("tut")).toMatchObject({ if0: "netltut0", host6: "10.213.199.0/30" });
    for (const key of Object.keys(mine)) expect(mine[key], key).not.toBe(theirs[key]);
    expect((mine.if0 ?? "").length).toBeLessThanOrEqual(15);
    const five = readLessons("lessons", mine).find((l) => l.number === 5);
    expect(five?.words.en.task).toBe(`Make a namespace A and move ${mine.if0} into it.`);
    expect(five?.setup[0]).toContain(`ip link add ${mine.if0} type dummy`);
  });

  it("take the names' prefix from --prefix, else from --lab given alone, so that two labs share no name", () => {
    expect(tutorialPrefix({})).toBe("tut");
    expect(tutorialPrefix({ prefix: "alice", lab: "x" })).toBe("alice");
    expect(tutorialPrefix({ lab: "bob" })).toBe("bob");
    const long = tutorialPrefix({ lab: "a-very-long-lab-name-one" });
    expect(long).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);
    expect(tutorialPrefix({ lab: "a-very-long-lab-name-two" })).not.toBe(long);
    expect(lessonVars(tutorialPrefix({ lab: "bob" })).if0).not.toBe(lessonVars(tutorialPrefix({})).if0);
  });

  it("refuse a check line that is not a check", () => {
    expect(parseCheck(["link", "A"])).toBe("not a check: link A");
    expect(parseCheck(["link", "A", "B", "10.0.0.0"])).toBe("not a check: link A B 10.0.0.0");
    expect(parseCheck(["frobnicate", "A"])).toBe("not a check: frobnicate A");
    expect(parseCheck(["condition", "A", "B", "rate", "fast"])).toMatch(/fast/);
    expect(parseCheck(["exec", "A", "ip"])).toBe("exec takes NODE ifaces");
    expect(parseCheck(["condition", "A", "B", "rate", "1mbit"])).toEqual({
      kind: "condition",
      a: "A",
      b: "B",
      text: "rate 1mbit",
      value: 1_000_000,
    });
  });
});

describe("an exec line, as the checks read it", () => {
  it("lists interfaces with ip addr or link (any spelling), ifconfig or /sys/class/net, and not otherwise", () => {
    for (const yes of [
      "ip addr",
      "ip a",
      "ip -br addr show",
      "ip -4 a s",
      "ip link",
      "ip -br l",
      "ifconfig",
      "ls /sys/class/net",
      "ip route; ip addr",
      "sudo ip addr",
    ])
      expect(commandListsInterfaces(yes), yes).toBe(true);
    for (const no of [
      "ip route",
      "ip link set lo down",
      "ip addr add 10.0.0.1/24 dev lo",
      "ip -n B addr",
      "echo ip addr",
      "ip neigh",
      "ls /tmp",
      "ifconfig lo down",
    ])
      expect(commandListsInterfaces(no), no).toBe(false);
  });

  it("pings the last plain word after ping's options", () => {
    expect(pingTargets("ping -c1 -W1 127.0.0.1")).toEqual(["127.0.0.1"]);
    expect(pingTargets("ping -I eth0 -c 2 10.0.0.2")).toEqual(["10.0.0.2"]);
    expect(pingTargets("ping6 -c1 ::1; ping 10.0.0.2")).toEqual(["::1", "10.0.0.2"]);
    expect(pingTargets("echo ping 1.2.3.4")).toEqual([]);
    expect(pingTargets("ip route")).toEqual([]);
  });

  it("counts a ping for the line only when its exit status is the line's", () => {
    expect(decidingPingTarget("ping -c1 127.0.0.1")).toBe("127.0.0.1");
    expect(decidingPingTarget("ip link set lo up && ping -c1 -W1 127.0.0.1")).toBe("127.0.0.1");
    expect(decidingPingTarget("ip route; ping -c 1 10.0.0.2")).toBe("10.0.0.2");
    for (const hidden of [
      "ping -c1 -W1 127.0.0.1 || true",
      "ping -c1 -W1 127.0.0.1 | cat",
      "ping -c1 -W1 127.0.0.1; echo done",
      "ping -c1 -W1 127.0.0.1 &",
      "echo ping 127.0.0.1",
      "ip route",
    ])
      expect(decidingPingTarget(hidden), hidden).toBeUndefined();
  });
});

/** The learner's statements, run through the interpreter alone (no kernel), as the tutorial records them. */
function didAll(lines: readonly [string, Outcome | undefined][]): { dids: Did[]; timeline: Timeline } {
  let timeline = emptyTimeline;
  const dids: Did[] = [];
  for (const [text, given] of lines) {
    const stmt = parse(text).program.statements[0] as Statement;
    const before = timeline.world;
    const r = step(timeline, stmt, text);
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.kind === "transition") timeline = r.value.transition.next;
    const outcome: Outcome =
      given ?? (r.value.kind === "transition" ? { kind: "change", summary: [] } : { kind: "text", text: "" });
    dids.push({ stmt, text, before, after: timeline.world, outcome });
  }
  return { dids, timeline };
}

describe("the plain commands of a final lab", () => {
  const ns = (n: string) => `P-${n}`;

  it("build what is there, not what was undone or deleted, then what worked of what the learner asked", () => {
    const { dids, timeline } = didAll([
      ["ns A B C", undefined],
      ["link A <-> B 10.0.1.0/24", undefined],
      ["undo", undefined],
      ["link A <-> B 10.0.0.0/24", undefined],
      ["del C", undefined],
      ["exec A ip -br addr", { kind: "exec", exitCode: 0, output: "" }],
      ["exec A ip addrr", { kind: "exec", exitCode: 1, output: "" }],
      ["exec A ip route | grep 10.0", { kind: "exec", exitCode: 0, output: "" }],
      ["exec A ping -c1 10.0.1.2", { kind: "exec", exitCode: 0, output: "" }],
      ["ping A B", { kind: "ping", ok: true, text: "", address: "10.0.0.2" }],
      ["ping A B", { kind: "ping", ok: true, text: "", address: "10.0.0.2" }],
    ]);
    const plain = plainCommands(timeline.world, { did: dids, seen: [] }, ns);
    const text = plain.build.join("\n");
    expect(plain.build.slice(0, 1)).toEqual(["ip netns add P-A"]);
    expect(text).toContain("ip link add eth0 netns P-A type veth peer name eth0 netns P-B");
    expect(text).toContain("ip -n P-A addr add 10.0.0.1/24 dev eth0");
    expect(text).not.toContain("10.0.1.1");
    expect(text).not.toContain("P-C");
    expect(plain.build.slice(-3)).toEqual([
      "ip netns exec P-A ip -br addr",
      "ip netns exec P-A sh -c 'ip route | grep 10.0'",
      "ip netns exec P-A ping -c 1 10.0.0.2",
    ]);
    expect(plain.remove).toEqual(["ip netns del P-A", "ip netns del P-B"]);
  });

  it("leave out a ping that got no reply, and what the lesson's checks did not count", () => {
    const { dids, timeline } = didAll([
      ["ns A", undefined],
      ["ping A 127.0.0.2", { kind: "ping", ok: false, text: "", address: "127.0.0.2" }],
      ["ping host 127.0.0.1", { kind: "ping", ok: true, text: "", address: "127.0.0.1" }],
      ["exec A ip route", { kind: "exec", exitCode: 0, output: "" }],
      ["exec A ping -c1 127.0.0.1", { kind: "exec", exitCode: 0, output: "" }],
    ]);
    const record = { did: dids, seen: [] };
    const all = plainCommands(timeline.world, record, ns).build;
    expect(all).toContain("ping -c 1 127.0.0.1");
    expect(all).toContain("ip netns exec P-A ip route");
    expect(all.join("\n")).not.toContain("127.0.0.2");
    const checks = [parseCheck(["node", "A"]), parseCheck(["pinged", "A", "127.0.0.1"])] as Check[];
    const asked = new Set(checks.flatMap((c) => counted(c, timeline.world, record)));
    const kept = plainCommands(timeline.world, record, ns, (d) => asked.has(d)).build;
    expect(kept.slice(-1)).toEqual(["ip netns exec P-A ping -c1 127.0.0.1"]);
    expect(kept.filter((l) => /ping|route/.test(l))).toHaveLength(1);
  });
});
