// AST builders for interpreter tests: each takes the span its part would have in the source.
// `at` makes a span on line 1 from a 1-based column and a length.
import ipaddr from "ipaddr.js";
import type { Address, Cidr, EndRef, LinkEnd, Name } from "../../grammar/ast.js";
import type { Span } from "../../src/diagnostic.js";

export const at = (col: number, length: number, line = 1): Span => ({
  line,
  col,
  endLine: line,
  endCol: col + length,
  offset: col - 1,
  endOffset: col - 1 + length,
});

/** A span for ASTs whose positions do not matter (property tests). */
export const nowhere: Span = at(1, 1);

export const name = (text: string, span: Span = nowhere): Name => ({ text, span });

export function cidr(text: string, span: Span = nowhere): Cidr {
  const [ip, prefixLength] = ipaddr.parseCIDR(text);
  return { address: ip.toString(), prefixLength, family: ip.kind() === "ipv4" ? 4 : 6, span };
}

export function address(text: string, span: Span = nowhere): Address {
  const ip = ipaddr.parse(text);
  return { address: ip.toString(), family: ip.kind() === "ipv4" ? 4 : 6, span };
}

export const endRef = (node: Name, ifname?: Name, span: Span = node.span): EndRef =>
  ifname === undefined ? { node, span } : { node, ifname, span };

export const linkEnd = (ref: EndRef, addresses: readonly Cidr[] = []): LinkEnd => ({ ...ref, addresses });
