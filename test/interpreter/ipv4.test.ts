// The canonical-IPv4 fast path (src/ipv4.ts) gives what ipaddr.js gives, value for value and error for
// error: the address functions are checked against their ipaddr.js-only forms on texts of every shape.
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { readAddress } from "../../grammar/addresses.js";
import {
  addressOf,
  familyOf,
  isNetwork,
  networkOf,
  normalize,
  offset,
  onSubnet,
  overlaps,
  prefixLengthOf,
  subnetOf,
} from "../../src/interpreter/addressing.js";
import { ipv4Value } from "../../src/ipv4.js";

// What addressing.ts computed with ipaddr.js alone (the family told by a colon).
const parseIp = (a: string) => (a.includes(":") ? ipaddr.IPv6.parse(a) : ipaddr.IPv4.parse(a));
const parseCidr = (c: string): [ipaddr.IPv4 | ipaddr.IPv6, number] =>
  c.includes(":") ? ipaddr.IPv6.parseCIDR(c) : ipaddr.IPv4.parseCIDR(c);
const ref = {
  normalize: (a: string) => parseIp(a).toString(),
  familyOf: (a: string) => (parseIp(a).kind() === "ipv4" ? 4 : 6),
  addressOf: (c: string) => parseCidr(c)[0].toString(),
  prefixLengthOf: (c: string) => parseCidr(c)[1],
  networkOf: (a: string, len: number) => {
    const text = `${a}/${len}`;
    return ref.familyOf(a) === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(text).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(text).toString();
  },
  subnetOf: (c: string) => {
    const [ip, len] = parseCidr(c);
    return `${ref.networkOf(ip.toString(), len)}/${len}`;
  },
  isNetwork: (a: string, len: number) => ref.networkOf(a, len) === ref.normalize(a),
  onSubnet: (c: string, a: string) => {
    const [net, len] = parseCidr(c);
    const ip = parseIp(a);
    return ip.kind() === net.kind() && ip.match(net, len);
  },
  offset: (a: string, steps: number) => {
    const bytes = parseIp(a).toByteArray();
    let value = bytes.reduce((acc, byte) => acc * 256n + BigInt(byte), 0n) + BigInt(steps);
    for (let i = bytes.length - 1; i >= 0; i--) {
      bytes[i] = Number(value % 256n);
      value /= 256n;
    }
    return ipaddr.fromByteArray(bytes).toString();
  },
  overlaps: (a: string, b: string) => {
    const [netA, lenA] = parseCidr(a);
    const [netB, lenB] = parseCidr(b);
    return netA.kind() === netB.kind() && netA.match(netB, Math.min(lenA, lenB));
  },
};

/** The value, or the error's message: the fast path must throw where ipaddr.js throws. */
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
};

const part = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(String),
  fc.constantFrom("0", "00", "01", "010", "255", "256", "300", "0x1f", "", "1e1", " 1", "-1", "999999999999"),
);
const v4 = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(part, part, part, part).map((p) => p.join(".")) },
  fc.constantFrom("1.2.3", "1.2.3.4.5", "1..2.3", "10.0.0.1.", ".10.0.0.1", "fd10::1", "::ffff:10.0.0.1", "::"),
);
const length = fc.oneof(
  fc.integer({ min: 0, max: 33 }).map(String),
  fc.constantFrom("", "032", "0024", "x", "128", "1/2", "-1"),
);
const cidr = fc.tuple(v4, length).map(([a, l]) => `${a}/${l}`);
const len = fc.oneof(fc.integer({ min: -1, max: 33 }), fc.constantFrom(1.5, 128));

describe("canonical IPv4 fast path", () => {
  it("accepts exactly ipaddr.js's four-part decimal form", () => {
    fc.assert(
      fc.property(v4, (a) => {
        expect(ipv4Value(a) !== undefined).toBe(ipaddr.IPv4.isValidFourPartDecimal(a));
        expect(readAddress(a, "address")).toEqual(outcome(() => readAddressRef(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it("addresses and prefixes: the same values and the same errors as ipaddr.js", () => {
    fc.assert(
      fc.property(v4, cidr, cidr, len, fc.integer({ min: -300, max: 300 }), (a, c, d, l, steps) => {
        expect(outcome(() => normalize(a))).toEqual(outcome(() => ref.normalize(a)));
        expect(outcome(() => familyOf(a))).toEqual(outcome(() => ref.familyOf(a)));
        expect(outcome(() => addressOf(c))).toEqual(outcome(() => ref.addressOf(c)));
        expect(outcome(() => prefixLengthOf(c))).toEqual(outcome(() => ref.prefixLengthOf(c)));
        expect(outcome(() => networkOf(a, l))).toEqual(outcome(() => ref.networkOf(a, l)));
        expect(outcome(() => subnetOf(c))).toEqual(outcome(() => ref.subnetOf(c)));
        expect(outcome(() => isNetwork(a, l))).toEqual(outcome(() => ref.isNetwork(a, l)));
        expect(outcome(() => onSubnet(c, a))).toEqual(outcome(() => ref.onSubnet(c, a)));
        expect(outcome(() => offset(a, steps))).toEqual(outcome(() => ref.offset(a, steps)));
        expect(outcome(() => overlaps(c, d))).toEqual(outcome(() => ref.overlaps(c, d)));
      }),
      { numRuns: 3000 },
    );
  });

  it("at the edges of the address space", () => {
    for (const [a, steps] of [
      ["255.255.255.255", 1],
      ["0.0.0.0", -1],
      ["255.255.255.254", 1],
      ["0.0.0.1", -1],
    ] as const)
      expect(outcome(() => offset(a, steps))).toEqual(outcome(() => ref.offset(a, steps)));
    for (const c of ["0.0.0.0/0", "255.255.255.255/32", "128.0.0.0/1", "10.0.0.1/32"]) {
      expect(subnetOf(c)).toBe(ref.subnetOf(c));
      expect(overlaps(c, "0.0.0.0/0")).toBe(ref.overlaps(c, "0.0.0.0/0"));
    }
  });
});

/** readAddress for an IPv4 text as it was written with ipaddr.js alone. */
function readAddressRef(text: string) {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return readAddress(text, "address");
  return { ok: true, address: ipaddr.parse(text).toString(), family: 4 };
}
