// CST → AST: one visitor, a builder per grammar rule, composed from the builders of each group of
// statements (grammar/build/). Problems found here (addresses, numbers, names) are parse-phase errors
// too; a statement with any of them is left out of the program.
import type { ICstVisitor, IToken } from "chevrotain";
import type { NetlError, Span } from "../src/diagnostic.js";
import type * as A from "./ast.js";
import { conditionBuilders } from "./build/conditions.js";
import { type Builder, type Ctx, sub } from "./build/context.js";
import { firewallBuilders, firewallStmt } from "./build/firewall.js";
import { addrStmt, linkBuilders, linkStmt, moveStmt, unlinkStmt } from "./build/links.js";
import { delStmt, nodeBuilders, nsStmt, routerStmt, switchStmt } from "./build/nodes.js";
import { expectStmt, pingStmt, queryBuilders, showStmt, whyStmt } from "./build/queries.js";
import { routeBuilders, routeStmt } from "./build/routes.js";
import { captureStmt, execStmt, logsStmt, serviceBuilders, spawnStmt } from "./build/services.js";
import {
  explainStmt,
  fileStmt,
  forStmt,
  helpStmt,
  redoStmt,
  serveStmt,
  sessionBuilders,
  shellStmt,
  undoStmt,
} from "./build/session.js";
import { setBuilders, setStmt } from "./build/set.js";
import type * as C from "./generated/cst.js";
import { tokenSpan } from "./spans.js";

/** A statement that is a single keyword, consumed by the statement rule itself. */
function word<K extends string>(kind: K, tokens: IToken[], ctx: Ctx): { kind: K; span: Span } {
  const t = tokens[0] as IToken;
  return { kind, span: tokenSpan(t, t, ctx.anchor) };
}

export const statement: Builder<C.StatementCstChildren, A.Statement> = (c, ctx) => {
  if (c.nsStmt) return sub(nsStmt, c.nsStmt, ctx);
  if (c.routerStmt) return sub(routerStmt, c.routerStmt, ctx);
  if (c.switchStmt) return sub(switchStmt, c.switchStmt, ctx);
  if (c.delStmt) return sub(delStmt, c.delStmt, ctx);
  if (c.linkStmt) return sub(linkStmt, c.linkStmt, ctx);
  if (c.unlinkStmt) return sub(unlinkStmt, c.unlinkStmt, ctx);
  if (c.setStmt) return sub(setStmt, c.setStmt, ctx);
  if (c.moveStmt) return sub(moveStmt, c.moveStmt, ctx);
  if (c.addrStmt) return sub(addrStmt, c.addrStmt, ctx);
  if (c.routeStmt) return sub(routeStmt, c.routeStmt, ctx);
  if (c.Pingall) return word("pingall", c.Pingall, ctx);
  if (c.pingStmt) return sub(pingStmt, c.pingStmt, ctx);
  if (c.whyStmt) return sub(whyStmt, c.whyStmt, ctx);
  if (c.execStmt) return sub(execStmt, c.execStmt, ctx);
  if (c.spawnStmt) return sub(spawnStmt, c.spawnStmt, ctx);
  if (c.logsStmt) return sub(logsStmt, c.logsStmt, ctx);
  if (c.captureStmt) return sub(captureStmt, c.captureStmt, ctx);
  if (c.Ps) return word("ps", c.Ps, ctx);
  if (c.Graph) return word("graph", c.Graph, ctx);
  if (c.firewallStmt) return sub(firewallStmt, c.firewallStmt, ctx);
  if (c.showStmt) return sub(showStmt, c.showStmt, ctx);
  if (c.expectStmt) return sub(expectStmt, c.expectStmt, ctx);
  if (c.undoStmt) return sub(undoStmt, c.undoStmt, ctx);
  if (c.redoStmt) return sub(redoStmt, c.redoStmt, ctx);
  if (c.History) return word("history", c.History, ctx);
  if (c.Reset) return word("reset", c.Reset, ctx);
  if (c.fileStmt) return sub(fileStmt, c.fileStmt, ctx);
  if (c.forStmt) return sub(forStmt, c.forStmt, ctx);
  if (c.explainStmt) return sub(explainStmt, c.explainStmt, ctx);
  if (c.shellStmt) return sub(shellStmt, c.shellStmt, ctx);
  if (c.serveStmt) return sub(serveStmt, c.serveStmt, ctx);
  return sub(helpStmt, c.helpStmt, ctx);
};

/** The grammar's rules: the methods chevrotain's generated visitor interface has beyond its base's. */
type Rule = Exclude<keyof C.ICstNodeVisitor<Ctx, unknown>, keyof ICstVisitor<Ctx, unknown>>;
type ChildrenOf<R extends Rule> = Parameters<C.ICstNodeVisitor<Ctx, unknown>[R]>[0];

/**
 * The visitor: a builder for every rule, each taking that rule's CST children (the compiler checks
 * both). Plain functions, not chevrotain's base visitor, which needs the parser built at load time;
 * a grammar test checks at run time what chevrotain's validateVisitor would (no rule without its
 * builder, no builder without its rule).
 */
export const visitor: { readonly [R in Rule]: Builder<ChildrenOf<R>, unknown> } = {
  statement,
  ...nodeBuilders,
  ...linkBuilders,
  ...conditionBuilders,
  ...setBuilders,
  ...routeBuilders,
  ...queryBuilders,
  ...serviceBuilders,
  ...firewallBuilders,
  ...sessionBuilders,
};

/** The AST of one statement that parsed, and what is wrong with its addresses or numbers. */
export function toStatement(cst: C.StatementCstNode, anchor: IToken): { statement: A.Statement; errors: NetlError[] } {
  const ctx: Ctx = { errors: [], anchor };
  return { statement: statement(cst.children, ctx, cst), errors: ctx.errors };
}
