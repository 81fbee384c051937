// CST→AST for the statements about links and interfaces: link, unlink, move, addr.
import type { Span } from "../../src/diagnostic.js";
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { conditions } from "./conditions.js";
import { type Builder, nodeSpan, only } from "./context.js";
import { cidrOf, endRefOf, nameOf } from "./values.js";

/** An end as written: its reference, then the addresses after it (whose they are is the link's call). */
interface WrittenEnd {
  readonly ref: A.EndRef;
  readonly addresses: A.Cidr[];
  readonly span: Span;
}

export const linkEnd: Builder<C.LinkEndCstChildren, WrittenEnd> = (c, ctx, node) => ({
  ref: endRefOf(only(c.EndRef), ctx),
  addresses: (c.Address ?? []).map((t) => cidrOf(t, ctx)),
  span: nodeSpan(node, ctx),
});

/**
 * An end of a link: its reference, then its addresses. Written out, not spread: V8 gives an object made
 * by `{ ...ref, addresses }` a hidden class of its own, one per end of every link parsed.
 */
const linkEndOf = (ref: A.EndRef, addresses: A.Cidr[], span: Span): A.LinkEnd =>
  ref.ifname === undefined
    ? { node: ref.node, span, addresses }
    : { node: ref.node, ifname: ref.ifname, span, addresses };

export const linkStmt: Builder<C.LinkStmtCstChildren, A.LinkStmt> = (c, ctx, node) => {
  const [left, right] = c.linkEnd.map((e) => linkEnd(e.children, ctx, e));
  if (!left || !right) throw new Error("a link without two ends parsed cleanly");
  const span = nodeSpan(node, ctx);
  const conds = conditions(c.condition, ctx);
  const a = linkEndOf(left.ref, left.addresses, left.span);
  // With addresses on the left end, those after the right end are the right end's own;
  // otherwise they are prefixes to number both ends from.
  if (a.addresses.length > 0) {
    const b = linkEndOf(right.ref, right.addresses, right.span);
    return { kind: "link", a, b, prefixes: [], conditions: conds, span };
  }
  const b = linkEndOf(right.ref, [], right.ref.span);
  return { kind: "link", a, b, prefixes: right.addresses, conditions: conds, span };
};

export const unlinkStmt: Builder<C.UnlinkStmtCstChildren, A.UnlinkStmt> = (c, ctx, node) => {
  const [a, b] = c.EndRef.map((t) => endRefOf(t, ctx));
  if (!a || !b) throw new Error("an unlink without two ends parsed cleanly");
  return { kind: "unlink", a, b, span: nodeSpan(node, ctx) };
};

export const moveStmt: Builder<C.MoveStmtCstChildren, A.MoveStmt> = (c, ctx, node) => {
  const ref = endRefOf(only(c.EndRef), ctx);
  // `eth5` alone is an interface of the machine: the name is the interface's, not a node's.
  const iface: A.IfaceRef = ref.ifname
    ? { node: ref.node, ifname: ref.ifname, span: ref.span }
    : { ifname: ref.node, span: ref.span };
  return {
    kind: "move",
    iface,
    to: nameOf(only(c.Identifier), ctx),
    force: c.Force !== undefined,
    span: nodeSpan(node, ctx),
  };
};

export const addrStmt: Builder<C.AddrStmtCstChildren, A.AddrStmt> = (c, ctx, node) => ({
  kind: "addr",
  target: endRefOf(only(c.EndRef), ctx),
  cidr: cidrOf(only(c.Address), ctx),
  span: nodeSpan(node, ctx),
});

export const linkBuilders = { linkStmt, linkEnd, unlinkStmt, moveStmt, addrStmt };
