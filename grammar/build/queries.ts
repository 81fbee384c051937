// CST→AST for the statements that look at the lab rather than change it: ping, why, show, and the
// checks of `expect` (a ping, or a port reached over tcp or udp).
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { type Builder, nodeSpan, only, sub } from "./context.js";
import { protocol } from "./firewall.js";
import { target } from "./routes.js";
import { countOf, nameOf, portOf } from "./values.js";

export const pingStmt: Builder<C.PingStmtCstChildren, A.PingStmt> = (c, ctx, node) => {
  const ping: A.PingStmt = {
    kind: "ping",
    from: nameOf(only(c.Identifier), ctx),
    to: sub(target, c.target, ctx),
    span: nodeSpan(node, ctx),
  };
  return c.Integer ? { ...ping, count: countOf(only(c.Integer), "count", ctx) } : ping;
};

export const whyStmt: Builder<C.WhyStmtCstChildren, A.WhyStmt> = (c, ctx, node) => ({
  kind: "why",
  from: nameOf(only(c.Identifier), ctx),
  to: sub(target, c.target, ctx),
  span: nodeSpan(node, ctx),
});

export const showStmt: Builder<C.ShowStmtCstChildren, A.ShowStmt> = (c, ctx, node) => {
  const span = nodeSpan(node, ctx);
  return c.Identifier ? { kind: "show", node: nameOf(only(c.Identifier), ctx), span } : { kind: "show", span };
};

export const reachStmt: Builder<C.ReachStmtCstChildren, A.ReachStmt> = (c, ctx, node) => ({
  kind: "reach",
  protocol: sub(protocol, c.protocol, ctx),
  from: nameOf(only(c.Identifier), ctx),
  to: sub(target, c.target, ctx),
  port: portOf(only(c.Integer), ctx),
  span: nodeSpan(node, ctx),
});

export const expectStmt: Builder<C.ExpectStmtCstChildren, A.ExpectStmt> = (c, ctx, node) => ({
  kind: "expect",
  negated: c.No !== undefined,
  check: c.pingStmt ? sub(pingStmt, c.pingStmt, ctx) : sub(reachStmt, c.reachStmt, ctx),
  span: nodeSpan(node, ctx),
});

export const queryBuilders = { pingStmt, whyStmt, showStmt, expectStmt, reachStmt };
