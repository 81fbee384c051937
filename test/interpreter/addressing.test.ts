// addressing: normal forms, networks, membership and the auto-addressing pair, via ipaddr.js.
import { describe, expect, it } from "vitest";
import {
  autoPair,
  hasRoomForTwo,
  isNetwork,
  neighbour,
  networkOf,
  normalize,
  offset,
  onSubnet,
  subnetOf,
} from "../../src/interpreter/addressing.js";

describe("addressing", () => {
  it("normalises as the kernel prints", () => {
    expect(normalize("fd10:0:0:0::1")).toBe("fd10::1");
    expect(normalize("10.0.0.1")).toBe("10.0.0.1");
  });

  it("networks and subnets", () => {
    expect(networkOf("10.0.0.5", 24)).toBe("10.0.0.0");
    expect(networkOf("fd10::5", 64)).toBe("fd10::");
    expect(subnetOf("10.1.2.3/16")).toBe("10.1.0.0/16");
    expect(isNetwork("10.0.0.4", 30)).toBe(true);
    expect(isNetwork("10.0.0.5", 30)).toBe(false);
  });

  it("membership respects family", () => {
    expect(onSubnet("10.0.0.1/24", "10.0.0.200")).toBe(true);
    expect(onSubnet("10.0.0.1/24", "10.0.1.1")).toBe(false);
    expect(onSubnet("fd00::1/64", "10.0.0.1")).toBe(false);
  });

  it("offsets carry across bytes", () => {
    expect(offset("10.0.0.255", 1)).toBe("10.0.1.0");
    expect(offset("10.0.1.0", -1)).toBe("10.0.0.255");
    expect(offset("fd00::ffff", 1)).toBe("fd00::1:0");
  });

  it("auto pairs", () => {
    expect(autoPair("10.0.0.0", 24, 4)).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(autoPair("10.0.0.4", 31, 4)).toEqual(["10.0.0.4", "10.0.0.5"]);
    expect(autoPair("fd00::", 127, 6)).toEqual(["fd00::", "fd00::1"]);
    expect(autoPair("fd00::", 64, 6)).toEqual(["fd00::1", "fd00::2"]);
    expect(hasRoomForTwo(31, 4)).toBe(true);
    expect(hasRoomForTwo(32, 4)).toBe(false);
    expect(hasRoomForTwo(128, 6)).toBe(false);
  });

  it("a neighbour for hints stays inside the prefix and off the broadcast", () => {
    expect(neighbour("10.0.0.5", 24, 4)).toBe("10.0.0.6");
    expect(neighbour("10.0.0.254", 24, 4)).toBe("10.0.0.253");
    expect(neighbour("10.0.0.5", 31, 4)).toBe("10.0.0.4");
  });
});
