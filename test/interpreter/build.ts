// AST parts for the property tests that generate statements (arbitraries.ts, chain.test.ts), whose
// positions do not matter; tests of one line of netl read it with the real parser (harness.ts, stmt).
import ipaddr from "ipaddr.js";
import type { Address, Cidr, EndRef, LinkEnd, Name } from "../../grammar/ast.js";
import type { Span } from "../../src/diagnostic.js";

/** A span for ASTs whose positions do not matter (property tests): the first character. */
export const nowhere: Span = { line: 1, col: 1, endLine: 1, endCol: 2, offset: 0, endOffset: 1 };

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
