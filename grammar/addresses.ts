// Reading address tokens: validate with ipaddr.js, normalise, and say whether a prefix belongs here.
// The lexer accepts loose shapes (`10.0.0.300`, `10.0.0.0/`) on purpose so these messages can be precise.
import ipaddr from "ipaddr.js";
import { ipv4Value } from "../src/ipv4.js";

/** A prefix is required (`link`, `addr`, route destinations) or forbidden (ping and via targets). */
export type Place = "prefix" | "address";

export interface ReadAddress {
  readonly ok: true;
  readonly address: string;
  readonly family: 4 | 6;
  readonly prefixLength?: number;
}
export interface AddressProblem {
  readonly ok: false;
  readonly code: "bad-address" | "missing-prefix" | "unexpected-prefix";
  readonly message: string;
  readonly hint: string;
}

const example = (family: 4 | 6, place: Place): string =>
  family === 4 ? (place === "prefix" ? "10.0.0.0/24" : "10.0.0.2") : place === "prefix" ? "fd10::/64" : "fd10::2";

const bad = (message: string, hint: string): AddressProblem => ({ ok: false, code: "bad-address", message, hint });

function ipv4Problem(text: string): string {
  const parts = text.split(".");
  if (parts.some((p) => p.length > 1 && p.startsWith("0"))) return "numbers in an IPv4 address have no leading zeros";
  return "each number in an IPv4 address is at most 255";
}

/** `image` is one IPv4 or IPv6 token, with or without `/len`. */
export function readAddress(image: string, place: Place): ReadAddress | AddressProblem {
  const slash = image.indexOf("/");
  const text = slash < 0 ? image : image.slice(0, slash);
  const family: 4 | 6 = text.includes(":") ? 6 : 4;
  const form = `write it like ${example(family, place)}`;
  // Canonical IPv4 is exactly ipaddr.IPv4.isValidFourPartDecimal, and is its own normal form.
  const valid = family === 4 ? ipv4Value(text) !== undefined : ipaddr.IPv6.isValid(text);
  if (!valid) {
    return bad(`bad address '${image}': ${family === 4 ? ipv4Problem(text) : "not a valid IPv6 address"}`, form);
  }
  const address = family === 4 ? text : ipaddr.IPv6.parse(text).toString();
  if (slash < 0) {
    if (place === "address") return { ok: true, address, family };
    return {
      ok: false,
      code: "missing-prefix",
      message: `'${image}' needs a prefix length here`,
      hint: `write it like ${text}/${family === 4 ? 24 : 64}`,
    };
  }
  if (place === "address") {
    return {
      ok: false,
      code: "unexpected-prefix",
      message: `'${image}' has a prefix length, but here an address is expected`,
      hint: `write the address alone: ${text}`,
    };
  }
  const lengthText = image.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (lengthText === "") return bad(`bad prefix length in '${image}': write a number after '/'`, form);
  const prefixLength = Number(lengthText);
  if (prefixLength > max) {
    return bad(`bad prefix length in '${image}': an IPv${family} prefix is at most /${max}`, form);
  }
  return { ok: true, address, family, prefixLength };
}
