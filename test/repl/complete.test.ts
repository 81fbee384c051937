// Tab completion, called directly: keywords at a statement's start, node names where a node fits,
// NODE: interface names, help topics after `help`.
import { beforeAll, describe, expect, it } from "vitest";
import { KEYWORDS } from "../../grammar/index.js";
import type { World } from "../../src/interpreter/world.js";
import { complete } from "../../src/present/complete.js";
import { HELP_TOPICS } from "../../src/present/help.js";
import { startRepl } from "./harness.js";

let world: World;

beforeAll(async () => {
  const h = startRepl({ keep: true });
  h.type("ns A B Core", "link A <-> B 10.0.0.0/24", "link A <-> Core 10.0.1.0/24");
  h.end();
  await h.exit;
  world = h.driver.world;
});

const hits = (line: string) => complete(line, world)[0].sort();

describe("completion", () => {
  it("offers statement keywords at the start of a statement, and exit/quit", () => {
    expect(complete("", world)).toEqual([expect.arrayContaining(["ns", "link", "ping", "undo", "help", "exit"]), ""]);
    expect(complete("li", world)).toEqual([["link"], "li"]);
    expect(hits("un")).toEqual(["unblock", "undo", "unlink"]);
    expect(complete("ns A; li", world)).toEqual([["link"], "li"]);
    // The grammar says what may start a statement, statements without a help topic yet included.
    expect(complete("sw", world)).toEqual([["switch"], "sw"]);
    // Words that only continue a statement are not offered at its start.
    expect(hits("")).not.toContain("via");
    expect(hits("")).not.toContain("count");
  });

  it("every statement keyword with a help topic is offered", () => {
    for (const topic of HELP_TOPICS.filter((t) => KEYWORDS.includes(t))) expect(hits("")).toContain(topic);
  });

  it("offers node names where a node fits", () => {
    expect(hits("ping ")).toEqual(["A", "B", "Core"]);
    expect(complete("ping A C", world)).toEqual([["Core"], "C"]);
    expect(hits("link A <-> ")).toEqual(["A", "B", "Core", "host"]);
    expect(hits("link h")).toEqual(["host"]);
    expect(hits("del ")).toEqual(["A", "B", "Core"]);
    expect(hits("del A ")).toEqual(["A", "B", "Core"]);
    expect(hits("show ")).toEqual(["A", "B", "Core"]);
    expect(hits("exec ")).toEqual(["A", "B", "Core"]);
    expect(hits("shell ")).toEqual(["A", "B", "Core"]);
    // `shell` takes one node: nothing after it.
    expect(hits("shell A ")).toEqual([]);
    expect(hits("route A default via ")).toEqual(["A", "B", "Core"]);
    expect(hits("expect no ping A ")).toEqual(["A", "B", "Core"]);
  });

  it("offers the next keyword where one is due", () => {
    expect(hits("route A ")).toEqual(["default"]);
    expect(hits("route ")).toEqual(["A", "B", "Core", "auto"]);
    expect(hits("route A default ")).toEqual(["via"]);
    expect(hits("ping A B ")).toEqual(["count"]);
    expect(hits("expect ")).toEqual(["no", "ping", "tcp", "udp"]);
    expect(hits("explain ")).toEqual(["off", "on"]);
  });

  it("offers NODE: interface names", () => {
    expect(complete("link A:", world)).toEqual([["A:lo", "A:eth0", "A:eth1"], "A:"]);
    expect(complete("addr A:e", world)).toEqual([["A:eth0", "A:eth1"], "A:e"]);
    expect(complete("unlink A:eth1 <-> Core:e", world)).toEqual([["Core:eth0"], "Core:e"]);
    expect(hits("addr Z:")).toEqual([]);
  });

  it("offers help topics after help", () => {
    expect(complete("help li", world)).toEqual([["link"], "li"]);
    expect(hits("help ")).toEqual([...HELP_TOPICS].sort());
  });

  it("offers nothing where new names, numbers, shell commands or strings go", () => {
    expect(hits("ns ")).toEqual([]);
    expect(hits("router ")).toEqual([]);
    expect(hits("undo ")).toEqual([]);
    expect(hits("exec A ip r; ")).toEqual([]);
    expect(hits("exec A ping ")).toEqual([]);
    expect(hits('save "A')).toEqual([]);
    expect(hits("ping A B # ")).toEqual([]);
    // After a link's ends: an address (nothing to offer) or a condition, never a node.
    expect(hits("link A <-> B ")).toEqual(
      ["corrupt", "delay", "duplicate", "jitter", "limit", "loss", "mtu", "rate", "reorder"].sort(),
    );
  });
});

describe("completion of link conditions", () => {
  it("offers the conditions after a link's ends, and what set can do", () => {
    expect(hits("link A <-> B 10.0.0.0/24 de")).toEqual(["delay"]);
    expect(hits("set A <-> B ")).toEqual(
      [
        "clear",
        "corrupt",
        "delay",
        "down",
        "duplicate",
        "jitter",
        "limit",
        "loss",
        "mtu",
        "rate",
        "reorder",
        "up",
      ].sort(),
    );
  });
});
