// Link conditions and `set`: values in their stored units, every form of `set`, and the errors
// for nonsense values (a caret at the value, the allowed form as the hint).
import { describe, expect, test } from "vitest";
import { parse } from "../../grammar/index.js";
import { formatCondition, readCondition } from "../../grammar/quantities.js";
import { errorsOf, statementsOf } from "./helpers.js";

const name = (text: string) => ({ text });
const cond = (n: string, value: number) => ({ name: n, value });
const hintOf = (text: string) => parse(text).errors[0]?.hint;

describe("conditions on a link", () => {
  test("every condition, in its stored unit (µs, %, bit/s, packets, bytes)", () => {
    const [link] = statementsOf(
      "link A <-> B 10.0.0.0/24 delay 20ms jitter 5ms loss 1% rate 10mbit corrupt 0.1% duplicate 2% reorder 25% limit 1000 mtu 1400",
    ) as { conditions: unknown }[];
    expect(link?.conditions).toEqual([
      cond("delay", 20_000),
      cond("jitter", 5000),
      cond("loss", 1),
      cond("rate", 10_000_000),
      cond("corrupt", 0.1),
      cond("duplicate", 2),
      cond("reorder", 25),
      cond("limit", 1000),
      cond("mtu", 1400),
    ]);
  });

  test("units: us, ms, s; bit, kbit, mbit, gbit; fractions", () => {
    expect(readCondition("delay", "250us")).toEqual({ ok: true, value: 250 });
    expect(readCondition("delay", "1.5s")).toEqual({ ok: true, value: 1_500_000 });
    expect(readCondition("rate", "500kbit")).toEqual({ ok: true, value: 500_000 });
    expect(readCondition("rate", "1gbit")).toEqual({ ok: true, value: 1e9 });
    expect(readCondition("rate", "1.5mbit")).toEqual({ ok: true, value: 1_500_000 });
    expect(readCondition("loss", "0%")).toEqual({ ok: true, value: 0 });
  });

  test("written back the short way", () => {
    expect(formatCondition("delay", 1500)).toBe("1.5ms");
    expect(formatCondition("delay", 50_000)).toBe("50ms");
    expect(formatCondition("delay", 2_000_000)).toBe("2s");
    expect(formatCondition("delay", 250)).toBe("250us");
    expect(formatCondition("rate", 2_000_000)).toBe("2mbit");
    expect(formatCondition("rate", 1_500_000)).toBe("1.5mbit");
    expect(formatCondition("loss", 0.5)).toBe("0.5%");
    expect(formatCondition("mtu", 1400)).toBe("1400");
  });

  test("a link without conditions has none", () => {
    expect(statementsOf("link A <-> B")).toEqual([
      {
        kind: "link",
        a: { node: name("A"), addresses: [] },
        b: { node: name("B"), addresses: [] },
        prefixes: [],
        conditions: [],
      },
    ]);
  });
});

describe("set", () => {
  test("both ends, one direction, one interface", () => {
    expect(statementsOf("set A <-> B delay 50ms")).toEqual([
      {
        kind: "set",
        a: { node: name("A") },
        b: { node: name("B") },
        directed: false,
        change: { kind: "conditions", conditions: [cond("delay", 50_000)] },
      },
    ]);
    expect(statementsOf("set A -> B delay 30ms loss 2%")).toEqual([
      {
        kind: "set",
        a: { node: name("A") },
        b: { node: name("B") },
        directed: true,
        change: { kind: "conditions", conditions: [cond("delay", 30_000), cond("loss", 2)] },
      },
    ]);
    expect(statementsOf("set A:eth0 up")).toEqual([
      {
        kind: "set",
        a: { node: name("A"), ifname: name("eth0") },
        directed: false,
        change: { kind: "state", up: true },
      },
    ]);
  });

  test("clear, down, up", () => {
    expect(statementsOf("set A <-> B clear; set A <-> B down; set A:eth1 <-> B up")).toEqual([
      expect.objectContaining({ change: { kind: "clear" } }),
      expect.objectContaining({ change: { kind: "state", up: false } }),
      expect.objectContaining({ a: { node: name("A"), ifname: name("eth1") }, change: { kind: "state", up: true } }),
    ]);
  });

  test("something to set is required", () => {
    expect(errorsOf("set A <-> B")).toEqual([
      "1:12 expected 'clear', 'up', 'down' or a condition such as delay 20ms, found end of line",
    ]);
  });
});

describe("nonsense values are errors at the value, with the allowed form", () => {
  test.each([
    [
      "link A <-> B delay -5ms",
      "1:20 delay cannot be negative: -5ms",
      "durations are written with us, ms or s, such as 20ms",
    ],
    [
      "link A <-> B delay 50",
      "1:20 '50' needs a unit: delay 50ms",
      "durations are written with us, ms or s, such as 20ms",
    ],
    [
      "link A <-> B delay 50xs",
      "1:20 unknown unit 'xs' in '50xs'",
      "durations are written with us, ms or s, such as 20ms",
    ],
    [
      "link A <-> B loss 150%",
      "1:19 loss is from 0% to 100%, not 150%",
      "percentages are written with %, such as 1% or 0.5%",
    ],
    ["link A <-> B loss 1", "1:19 '1' needs a unit: loss 1%", "percentages are written with %, such as 1% or 0.5%"],
    [
      "link A <-> B rate 10mbps",
      "1:19 unknown unit 'mbps' in '10mbps'",
      "rates are bits per second, written with bit, kbit, mbit or gbit, such as 10mbit",
    ],
    [
      "link A <-> B mtu 40",
      "1:18 mtu is from 68 to 65535 bytes, not 40",
      "the MTU is a number of bytes, such as mtu 1400",
    ],
    [
      "link A <-> B mtu 1400b",
      "1:18 mtu takes a plain number, not '1400b'",
      "the MTU is a number of bytes, such as mtu 1400",
    ],
    [
      "link A <-> B limit 0",
      "1:20 limit is from 1 to 1000000 packets, not 0",
      "the queue limit is a number of packets, such as limit 1000",
    ],
    [
      "link A <-> B delay 1.5us",
      "1:20 delay 1.5us is not a whole number of microseconds",
      "durations are written with us, ms or s, such as 20ms",
    ],
  ])("%s", (text, error, hint) => {
    expect(errorsOf(text)).toEqual([error]);
    expect(hintOf(text)).toBe(hint);
  });

  test("a condition given twice", () => {
    expect(errorsOf("link A <-> B delay 5ms delay 10ms")).toEqual(["1:24 delay is given twice"]);
  });

  test("a value that is not a number", () => {
    expect(errorsOf("link A <-> B delay fast")).toEqual(["1:20 expected a duration such as 20ms, found 'fast'"]);
    expect(errorsOf("set A <-> B loss")).toEqual(["1:17 expected a percentage such as 1%, found end of line"]);
  });

  test("a condition word is a keyword, not a node name", () => {
    expect(errorsOf("ns delay")).toEqual(["1:4 'delay' is a keyword, not a node name"]);
  });
});
