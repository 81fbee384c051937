// CST→AST for the statements that make and delete nodes: ns, router, switch, del.
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { type Builder, nodeSpan, sub } from "./context.js";
import { cidrOf, nameOf } from "./values.js";

/** `A B C` or `A, B, C`. */
export const names: Builder<C.NamesCstChildren, A.Name[]> = (c, ctx) => c.Identifier.map((t) => nameOf(t, ctx));

export const nsStmt: Builder<C.NsStmtCstChildren, A.NsStmt> = (c, ctx, node) => ({
  kind: "ns",
  names: sub(names, c.names, ctx),
  span: nodeSpan(node, ctx),
});

export const routerStmt: Builder<C.RouterStmtCstChildren, A.RouterStmt> = (c, ctx, node) => ({
  kind: "router",
  names: sub(names, c.names, ctx),
  span: nodeSpan(node, ctx),
});

export const switchStmt: Builder<C.SwitchStmtCstChildren, A.SwitchStmt> = (c, ctx, node) => ({
  kind: "switch",
  names: sub(names, c.names, ctx),
  prefixes: (c.Address ?? []).map((t) => cidrOf(t, ctx)),
  span: nodeSpan(node, ctx),
});

export const delStmt: Builder<C.DelStmtCstChildren, A.DelStmt> = (c, ctx, node) => ({
  kind: "del",
  names: sub(names, c.names, ctx),
  span: nodeSpan(node, ctx),
});

export const nodeBuilders = { nsStmt, routerStmt, switchStmt, delStmt, names };
