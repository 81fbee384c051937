// The plain forms of the statements a built lab is mostly made of (`ns`, `router`, `link` without
// conditions, `route`), read straight from their tokens into the AST the parser and visitor would build.
// Anything else, and any of these with an error in it, is left to the parser (undefined), which says
// what is wrong exactly as before: this path only ever answers for a statement that parses cleanly.
import type { IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import type { Ctx } from "./build/context.js";
import { addressOf, cidrOf, endRefOf, nameOf } from "./build/values.js";
import { tokenSpan } from "./spans.js";
import * as T from "./tokens.js";

const isAddress = (t: TokenType): boolean => t === T.IPv4 || t === T.IPv6;
const isEndRef = (t: TokenType): boolean => t === T.Identifier || t === T.IfRef;
const isEnd = (t: TokenType): boolean => t === T.Newline || t === T.Semicolon || t === T.EndOfInput;

/** `ns A B`, `router A, B`: the keyword, then names with optional commas between them. */
function names(kind: "ns" | "router", tokens: readonly IToken[], ctx: Ctx): A.NsStmt | A.RouterStmt | undefined {
  const out: A.Name[] = [];
  const last = tokens.length - 2;
  for (let i = 1; i <= last; i++) {
    const t = tokens[i] as IToken;
    // One comma at most between two names.
    if (t.tokenType === T.Comma && i > 1 && i < last && (tokens[i - 1] as IToken).tokenType !== T.Comma) continue;
    if (t.tokenType !== T.Identifier) return undefined;
    out.push(nameOf(t, ctx));
  }
  if (out.length === 0) return undefined;
  return { kind, names: out, span: tokenSpan(tokens[0] as IToken, tokens[last] as IToken, ctx.anchor) };
}

/** One written end of a link from `at`: its reference, its addresses, where it stopped. */
function linkEnd(tokens: readonly IToken[], at: number, ctx: Ctx) {
  const ref = tokens[at] as IToken;
  if (!isEndRef(ref.tokenType)) return undefined;
  let i = at + 1;
  const addresses: A.Cidr[] = [];
  while (isAddress((tokens[i] as IToken).tokenType)) addresses.push(cidrOf(tokens[i++] as IToken, ctx));
  const span = tokenSpan(ref, tokens[i - 1] as IToken, ctx.anchor);
  return { ref: endRefOf(ref, ctx), addresses, span, next: i };
}

/** As the visitor's linkEndOf: the same fields, in the same order. */
const linkEndOf = (ref: A.EndRef, addresses: A.Cidr[], span: A.LinkEnd["span"]): A.LinkEnd =>
  ref.ifname === undefined
    ? { node: ref.node, span, addresses }
    : { node: ref.node, ifname: ref.ifname, span, addresses };

/** `link A [ADDR…] <-> B [ADDR…]`, no conditions. */
function link(tokens: readonly IToken[], ctx: Ctx): A.LinkStmt | undefined {
  const left = linkEnd(tokens, 1, ctx);
  if (left === undefined || (tokens[left.next] as IToken).tokenType !== T.BothWays) return undefined;
  const right = linkEnd(tokens, left.next + 1, ctx);
  if (right === undefined || right.next !== tokens.length - 1) return undefined;
  const span = tokenSpan(tokens[0] as IToken, tokens[right.next - 1] as IToken, ctx.anchor);
  const a = linkEndOf(left.ref, left.addresses, left.span);
  if (a.addresses.length > 0) {
    const b = linkEndOf(right.ref, right.addresses, right.span);
    return { kind: "link", a, b, prefixes: [], conditions: [], span };
  }
  const b = linkEndOf(right.ref, [], right.ref.span);
  return { kind: "link", a, b, prefixes: right.addresses, conditions: [], span };
}

/** `route A default|PREFIX via B|ADDRESS`. */
function route(tokens: readonly IToken[], ctx: Ctx): A.RouteStmt | undefined {
  if (tokens.length !== 6) return undefined;
  const [keyword, node, dest, via, target] = tokens as [IToken, IToken, IToken, IToken, IToken];
  if (node.tokenType !== T.Identifier || via.tokenType !== T.Via) return undefined;
  let destination: A.RouteStmt["destination"];
  if (dest.tokenType === T.Default) destination = { kind: "default", span: tokenSpan(dest, dest, ctx.anchor) };
  else if (isAddress(dest.tokenType)) destination = { kind: "prefix", ...cidrOf(dest, ctx) };
  else return undefined;
  let to: A.PingTarget;
  if (target.tokenType === T.Identifier) to = { kind: "node", name: nameOf(target, ctx) };
  else if (isAddress(target.tokenType)) to = { kind: "address", address: addressOf(target, ctx) };
  else return undefined;
  return {
    kind: "route",
    node: nameOf(node, ctx),
    destination,
    via: to,
    span: tokenSpan(keyword, target, ctx.anchor),
  };
}

/** The statement of these tokens (its end token last) when it is one of the plain forms and has no error. */
export function plainStatement(tokens: readonly IToken[]): A.Statement | undefined {
  const first = tokens[0] as IToken;
  if (tokens.length < 3 || !isEnd((tokens[tokens.length - 1] as IToken).tokenType)) return undefined;
  const ctx: Ctx = { errors: [], anchor: first };
  let statement: A.Statement | undefined;
  switch (first.tokenType) {
    case T.Ns:
      statement = names("ns", tokens, ctx);
      break;
    case T.Router:
      statement = names("router", tokens, ctx);
      break;
    case T.Link:
      statement = link(tokens, ctx);
      break;
    case T.Route:
      statement = route(tokens, ctx);
      break;
  }
  return ctx.errors.length === 0 ? statement : undefined;
}
