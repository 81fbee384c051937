// CST → AST: spans for every node, addresses read and normalised, counts checked.
// Problems found here are parse-phase errors too; a statement with any of them is left out of the program.
import type { CstNode, IToken } from "chevrotain";
import { type NetlError, netlError, type Span } from "../src/diagnostic.js";
import { type Place, readAddress } from "./addresses.js";
import type * as A from "./ast.js";
import { type Ctx, countOf, endRefOf, nameOf, nodeSpan, only } from "./context.js";
import type * as C from "./cst.js";
import { ServiceBuilder } from "./services.js";
import { tokenSpan } from "./spans.js";
import * as T from "./tokens.js";

/** Exported for the grammar test that checks it has a method for every rule of the parser. */
export class AstBuilder extends ServiceBuilder {
  private name(t: IToken, ctx: Ctx): A.Name {
    return nameOf(t, ctx);
  }

  // A value built after an error is only a placeholder: the statement holding it is dropped.
  private read(t: IToken, place: Place, ctx: Ctx) {
    const span = tokenSpan(t, t, ctx.anchor);
    const r = readAddress(t.image, place);
    if (r.ok) return { address: r.address, family: r.family, prefixLength: r.prefixLength ?? 0, span };
    ctx.errors.push(netlError("parse", r.code, r.message, { span, hint: r.hint }));
    return { address: t.image, family: t.tokenType === T.IPv6 ? 6 : 4, prefixLength: 0, span } as const;
  }

  private cidr(t: IToken, ctx: Ctx): A.Cidr {
    return this.read(t, "prefix", ctx);
  }

  private address(t: IToken, ctx: Ctx): A.Address {
    const { address, family, span } = this.read(t, "address", ctx);
    return { address, family, span };
  }

  statement(c: C.StatementCstChildren, ctx: Ctx): A.Statement {
    if (c.nsStmt) return this.nsStmt(only(c.nsStmt).children, ctx, only(c.nsStmt));
    if (c.routerStmt) return this.routerStmt(only(c.routerStmt).children, ctx, only(c.routerStmt));
    if (c.switchStmt) return this.switchStmt(only(c.switchStmt).children, ctx, only(c.switchStmt));
    if (c.delStmt) return this.delStmt(only(c.delStmt).children, ctx, only(c.delStmt));
    if (c.linkStmt) return this.linkStmt(only(c.linkStmt).children, ctx, only(c.linkStmt));
    if (c.unlinkStmt) return this.unlinkStmt(only(c.unlinkStmt).children, ctx, only(c.unlinkStmt));
    if (c.setStmt) return this.setStmt(only(c.setStmt).children, ctx, only(c.setStmt));
    if (c.moveStmt) return this.moveStmt(only(c.moveStmt).children, ctx, only(c.moveStmt));
    if (c.addrStmt) return this.addrStmt(only(c.addrStmt).children, ctx, only(c.addrStmt));
    if (c.routeStmt) return this.routeStmt(only(c.routeStmt).children, ctx, only(c.routeStmt));
    if (c.Pingall) return { kind: "pingall", span: tokenSpan(only(c.Pingall), only(c.Pingall), ctx.anchor) };
    if (c.pingStmt) return this.pingStmt(only(c.pingStmt).children, ctx, only(c.pingStmt));
    if (c.whyStmt) return this.whyStmt(only(c.whyStmt).children, ctx, only(c.whyStmt));
    if (c.execStmt) return this.execStmt(only(c.execStmt).children, ctx, only(c.execStmt));
    if (c.spawnStmt) return this.spawnStmt(only(c.spawnStmt).children, ctx, only(c.spawnStmt));
    if (c.logsStmt) return this.logsStmt(only(c.logsStmt).children, ctx, only(c.logsStmt));
    if (c.Ps) return { kind: "ps", span: tokenSpan(only(c.Ps), only(c.Ps), ctx.anchor) };
    if (c.Graph) return { kind: "graph", span: tokenSpan(only(c.Graph), only(c.Graph), ctx.anchor) };
    if (c.firewallStmt) return this.firewallStmt(only(c.firewallStmt).children, ctx, only(c.firewallStmt));
    if (c.showStmt) return this.showStmt(only(c.showStmt).children, ctx, only(c.showStmt));
    if (c.expectStmt) return this.expectStmt(only(c.expectStmt).children, ctx, only(c.expectStmt));
    return this.sessionStatement(c, ctx);
  }

  private sessionStatement(c: C.StatementCstChildren, ctx: Ctx): A.SessionStatement {
    if (c.undoStmt) return this.undoStmt(only(c.undoStmt).children, ctx, only(c.undoStmt));
    if (c.redoStmt) return this.redoStmt(only(c.redoStmt).children, ctx, only(c.redoStmt));
    if (c.History) return this.word(only(c.History), "history", ctx);
    if (c.Reset) return this.word(only(c.Reset), "reset", ctx);
    if (c.fileStmt) return this.fileStmt(only(c.fileStmt).children, ctx, only(c.fileStmt));
    if (c.forStmt) return this.forStmt(only(c.forStmt).children, ctx, only(c.forStmt));
    if (c.explainStmt) return this.explainStmt(only(c.explainStmt).children, ctx, only(c.explainStmt));
    return this.helpStmt(only(c.helpStmt).children, ctx, only(c.helpStmt));
  }

  nsStmt(c: C.NsStmtCstChildren, ctx: Ctx, node: CstNode): A.NsStmt {
    return { kind: "ns", names: this.names(only(c.names).children, ctx), span: nodeSpan(node, ctx) };
  }

  routerStmt(c: C.RouterStmtCstChildren, ctx: Ctx, node: CstNode): A.RouterStmt {
    return { kind: "router", names: this.names(only(c.names).children, ctx), span: nodeSpan(node, ctx) };
  }

  switchStmt(c: C.SwitchStmtCstChildren, ctx: Ctx, node: CstNode): A.SwitchStmt {
    return {
      kind: "switch",
      names: this.names(only(c.names).children, ctx),
      prefixes: (c.Address ?? []).map((t) => this.cidr(t, ctx)),
      span: nodeSpan(node, ctx),
    };
  }

  delStmt(c: C.DelStmtCstChildren, ctx: Ctx, node: CstNode): A.DelStmt {
    return { kind: "del", names: this.names(only(c.names).children, ctx), span: nodeSpan(node, ctx) };
  }

  names(c: C.NamesCstChildren, ctx: Ctx): A.Name[] {
    return c.Identifier.map((t) => this.name(t, ctx));
  }

  linkStmt(c: C.LinkStmtCstChildren, ctx: Ctx, node: CstNode): A.LinkStmt {
    const [left, right] = c.linkEnd.map((e) => this.linkEnd(e.children, ctx, e));
    if (!left || !right) throw new Error("a link without two ends parsed cleanly");
    const span = nodeSpan(node, ctx);
    const conditions = this.conditions(c.condition, ctx);
    const a = linkEndOf(left.ref, left.addresses, left.span);
    // With addresses on the left end, those after the right end are the right end's own;
    // otherwise they are prefixes to number both ends from.
    if (a.addresses.length > 0) {
      const b = linkEndOf(right.ref, right.addresses, right.span);
      return { kind: "link", a, b, prefixes: [], conditions, span };
    }
    const b = linkEndOf(right.ref, [], right.ref.span);
    return { kind: "link", a, b, prefixes: right.addresses, conditions, span };
  }

  linkEnd(c: C.LinkEndCstChildren, ctx: Ctx, node: CstNode): { ref: A.EndRef; addresses: A.Cidr[]; span: Span } {
    const ref = endRefOf(only(c.EndRef), ctx);
    return { ref, addresses: (c.Address ?? []).map((t) => this.cidr(t, ctx)), span: nodeSpan(node, ctx) };
  }

  unlinkStmt(c: C.UnlinkStmtCstChildren, ctx: Ctx, node: CstNode): A.UnlinkStmt {
    const [a, b] = c.EndRef.map((t) => endRefOf(t, ctx));
    if (!a || !b) throw new Error("an unlink without two ends parsed cleanly");
    return { kind: "unlink", a, b, span: nodeSpan(node, ctx) };
  }

  moveStmt(c: C.MoveStmtCstChildren, ctx: Ctx, node: CstNode): A.MoveStmt {
    const ref = endRefOf(only(c.EndRef), ctx);
    // `eth5` alone is an interface of the machine: the name is the interface's, not a node's.
    const iface: A.IfaceRef = ref.ifname
      ? { node: ref.node, ifname: ref.ifname, span: ref.span }
      : { ifname: ref.node, span: ref.span };
    return {
      kind: "move",
      iface,
      to: this.name(only(c.Identifier), ctx),
      force: c.Force !== undefined,
      span: nodeSpan(node, ctx),
    };
  }

  addrStmt(c: C.AddrStmtCstChildren, ctx: Ctx, node: CstNode): A.AddrStmt {
    const target = endRefOf(only(c.EndRef), ctx);
    return { kind: "addr", target, cidr: this.cidr(only(c.Address), ctx), span: nodeSpan(node, ctx) };
  }

  routeStmt(c: C.RouteStmtCstChildren, ctx: Ctx, node: CstNode): A.RouteStmt | A.RouteAutoStmt {
    if (c.Auto) return { kind: "route-auto", span: nodeSpan(node, ctx) };
    return {
      kind: "route",
      node: this.name(only(c.Identifier), ctx),
      destination: this.destination(only(c.destination).children, ctx),
      via: this.target(only(c.target).children, ctx),
      span: nodeSpan(node, ctx),
    };
  }

  destination(c: C.DestinationCstChildren, ctx: Ctx): A.RouteStmt["destination"] {
    if (c.Default) return { kind: "default", span: tokenSpan(only(c.Default), only(c.Default), ctx.anchor) };
    return { kind: "prefix", ...this.cidr(only(c.Address), ctx) };
  }

  target(c: C.TargetCstChildren, ctx: Ctx): A.PingTarget {
    if (c.Identifier) return { kind: "node", name: this.name(only(c.Identifier), ctx) };
    return { kind: "address", address: this.address(only(c.Address), ctx) };
  }

  pingStmt(c: C.PingStmtCstChildren, ctx: Ctx, node: CstNode): A.PingStmt {
    const ping: A.PingStmt = {
      kind: "ping",
      from: this.name(only(c.Identifier), ctx),
      to: this.target(only(c.target).children, ctx),
      span: nodeSpan(node, ctx),
    };
    return c.Integer ? { ...ping, count: countOf(only(c.Integer), "count", ctx) } : ping;
  }

  whyStmt(c: C.WhyStmtCstChildren, ctx: Ctx, node: CstNode): A.WhyStmt {
    return {
      kind: "why",
      from: this.name(only(c.Identifier), ctx),
      to: this.target(only(c.target).children, ctx),
      span: nodeSpan(node, ctx),
    };
  }

  execStmt(c: C.ExecStmtCstChildren, ctx: Ctx, node: CstNode): A.ExecStmt {
    const command = only(c.ExecRest).image;
    return { kind: "exec", node: this.name(only(c.Identifier), ctx), command, span: nodeSpan(node, ctx) };
  }

  showStmt(c: C.ShowStmtCstChildren, ctx: Ctx, node: CstNode): A.ShowStmt {
    const span = nodeSpan(node, ctx);
    return c.Identifier ? { kind: "show", node: this.name(only(c.Identifier), ctx), span } : { kind: "show", span };
  }

  expectStmt(c: C.ExpectStmtCstChildren, ctx: Ctx, node: CstNode): A.ExpectStmt {
    const ping = only(c.pingStmt);
    const reach = only(c.reachStmt);
    const check = ping ? this.pingStmt(ping.children, ctx, ping) : this.reachStmt(reach.children, ctx, reach);
    return { kind: "expect", negated: c.No !== undefined, check, span: nodeSpan(node, ctx) };
  }

  reachStmt(c: C.ReachStmtCstChildren, ctx: Ctx, node: CstNode): A.ReachStmt {
    return {
      kind: "reach",
      protocol: this.protocol(only(c.protocol).children),
      from: this.name(only(c.Identifier), ctx),
      to: this.target(only(c.target).children, ctx),
      port: this.port(only(c.Integer), ctx),
      span: nodeSpan(node, ctx),
    };
  }
}

/**
 * An end of a link: its reference, then its addresses. Written out, not spread: V8 gives an object made
 * by `{ ...ref, addresses }` a hidden class of its own, one per end of every link parsed.
 */
const linkEndOf = (ref: A.EndRef, addresses: A.Cidr[], span: Span): A.LinkEnd =>
  ref.ifname === undefined
    ? { node: ref.node, span, addresses }
    : { node: ref.node, ifname: ref.ifname, span, addresses };

const builder = new AstBuilder();

/** The AST of one statement that parsed, and what is wrong with its addresses or numbers. */
export function toStatement(cst: C.StatementCstNode, anchor: IToken): { statement: A.Statement; errors: NetlError[] } {
  const ctx: Ctx = { errors: [], anchor };
  return { statement: builder.statement(cst.children, ctx), errors: ctx.errors };
}
