// CST→AST for the firewall rules inside nodes: block, allow, unblock.
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { tokenSpan } from "../spans.js";
import { type Builder, nodeSpan, only, sub } from "./context.js";
import { hostOrNetworkOf, nameOf, portOf } from "./values.js";

/** `tcp` or `udp`: of a firewall rule, and of `expect tcp A B 8080`. */
export const protocol: Builder<C.ProtocolCstChildren, "tcp" | "udp"> = (c) => (c.Tcp ? "tcp" : "udp");

export const firewallStmt: Builder<C.FirewallStmtCstChildren, A.FirewallStmt> = (c, ctx, node) => {
  const kind = c.Block ? "block" : c.Allow ? "allow" : "unblock";
  const [from, toName] = c.Identifier.map((t) => nameOf(t, ctx));
  if (!from) throw new Error("a firewall rule without its node parsed cleanly");
  const any = only(c.Any);
  const to: A.FirewallTarget = toName
    ? { kind: "node", name: toName }
    : any
      ? { kind: "any", span: tokenSpan(any, any, ctx.anchor) }
      : { kind: "address", address: hostOrNetworkOf(only(c.Address), ctx) };
  const proto = c.protocol ? sub(protocol, c.protocol, ctx) : undefined;
  const port = c.Integer ? portOf(only(c.Integer), ctx) : undefined;
  return {
    kind,
    from,
    to,
    ...(proto ? { protocol: proto } : {}),
    ...(port === undefined ? {} : { port }),
    span: nodeSpan(node, ctx),
  };
};

export const firewallBuilders = { firewallStmt, protocol };
