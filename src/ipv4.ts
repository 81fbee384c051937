// IPv4 in its canonical text (four decimal numbers 0–255, no leading zeros: what the grammar accepts
// and the World holds) as a 32-bit number and back. The hot path of planning; any other text (IPv6,
// octal or hex forms, errors) is left to ipaddr.js, so results and errors stay ipaddr.js's own.

/** The value of canonical `a.b.c.d` (0 to 2^32-1); undefined for any other text. */
export function ipv4Value(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined;
      part = part * 10 + (c - 48);
      if (part > 255) return undefined;
      digits++;
    } else return undefined;
  }
  return digits === 0 || dots !== 3 ? undefined : value * 256 + part;
}

/** Canonical text of a value from 0 to 2^32-1. */
export const ipv4Text = (value: number): string =>
  `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;

/** The netmask of a prefix length from 0 to 32, as an unsigned value. */
export const ipv4Mask = (length: number): number => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0);

/** `value` with the host bits of `length` cleared. */
export const ipv4Network = (value: number, length: number): number => (value & ipv4Mask(length)) >>> 0;

/**
 * `a.b.c.d/len` with a canonical address and a decimal length up to 32, as ipaddr.js's parseCIDR
 * reads it (the length after the last `/`, leading zeros allowed); undefined for any other text.
 */
export function ipv4Cidr(text: string): { readonly value: number; readonly length: number } | undefined {
  const slash = text.lastIndexOf("/");
  if (slash < 0 || slash === text.length - 1) return undefined;
  let length = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    length = length * 10 + (c - 48);
    if (length > 32) return undefined;
  }
  const value = ipv4Value(text.slice(0, slash));
  return value === undefined ? undefined : { value, length };
}
