// CST→AST for services and firewalls inside nodes: spawn, logs, ps, block, allow, unblock.
import type { CstNode, IToken } from "chevrotain";
import { netlError } from "../src/diagnostic.js";
import { readAddress } from "./addresses.js";
import type * as A from "./ast.js";
import { ConditionBuilder } from "./conditions.js";
import { type Ctx, nameOf, nodeSpan, only } from "./context.js";
import type * as C from "./cst.js";
import { tokenSpan } from "./spans.js";

const MAX_PORT = 65535;

export abstract class ServiceBuilder extends ConditionBuilder {
  spawnStmt(c: C.SpawnStmtCstChildren, ctx: Ctx, node: CstNode): A.SpawnStmt {
    const command = only(c.ExecRest).image;
    return { kind: "spawn", node: nameOf(only(c.Identifier), ctx), command, span: nodeSpan(node, ctx) };
  }

  logsStmt(c: C.LogsStmtCstChildren, ctx: Ctx, node: CstNode): A.LogsStmt {
    return { kind: "logs", node: nameOf(only(c.Identifier), ctx), span: nodeSpan(node, ctx) };
  }

  protocol(c: C.ProtocolCstChildren): "tcp" | "udp" {
    return c.Tcp ? "tcp" : "udp";
  }

  /** A port: 1 to 65535, else a `bad-port` error at it. */
  protected port(t: IToken, ctx: Ctx): number {
    const port = Number(t.image);
    if (!(port >= 1 && port <= MAX_PORT))
      ctx.errors.push(
        netlError("parse", "bad-port", `a port is from 1 to ${MAX_PORT}, not ${t.image}`, {
          span: tokenSpan(t, t, ctx.anchor),
          hint: "such as tcp 8080",
        }),
      );
    return port;
  }

  firewallStmt(c: C.FirewallStmtCstChildren, ctx: Ctx, node: CstNode): A.FirewallStmt {
    const kind = c.Block ? "block" : c.Allow ? "allow" : "unblock";
    const [from, toName] = c.Identifier.map((t) => nameOf(t, ctx));
    if (!from) throw new Error("a firewall rule without its node parsed cleanly");
    const any = only(c.Any);
    const to: A.FirewallTarget = toName
      ? { kind: "node", name: toName }
      : any
        ? { kind: "any", span: tokenSpan(any, any, ctx.anchor) }
        : { kind: "address", address: this.destination1(only(c.Address), ctx) };
    const protocol = c.protocol ? this.protocol(only(c.protocol).children) : undefined;
    const port = c.Integer ? this.port(only(c.Integer), ctx) : undefined;
    return {
      kind,
      from,
      to,
      ...(protocol ? { protocol } : {}),
      ...(port === undefined ? {} : { port }),
      span: nodeSpan(node, ctx),
    };
  }

  /** A rule's address: one host (`10.0.0.2`, as a /32 or /128) or a network (`10.0.0.0/24`). */
  private destination1(t: IToken, ctx: Ctx): A.Cidr {
    const span = tokenSpan(t, t, ctx.anchor);
    const r = readAddress(t.image, t.image.includes("/") ? "prefix" : "address");
    if (!r.ok) {
      ctx.errors.push(netlError("parse", r.code, r.message, { span, hint: r.hint }));
      return { address: t.image, family: 4, prefixLength: 32, span };
    }
    return { address: r.address, family: r.family, prefixLength: r.prefixLength ?? (r.family === 4 ? 32 : 128), span };
  }
}
