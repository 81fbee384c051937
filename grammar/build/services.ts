// CST→AST for the commands and services run inside nodes: exec, spawn, logs, capture. (`ps` is one
// keyword, built with the statement.)
import type { IToken } from "chevrotain";
import { netlError } from "../../src/diagnostic.js";
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { found } from "../messages.js";
import { tokenSpan } from "../spans.js";
import { type Builder, type Ctx, nodeSpan, only } from "./context.js";
import { stringContent } from "./session.js";
import { countOf, endRefOf, nameOf } from "./values.js";

export const execStmt: Builder<C.ExecStmtCstChildren, A.ExecStmt> = (c, ctx, node) => ({
  kind: "exec",
  node: nameOf(only(c.Identifier), ctx),
  command: only(c.ShellCommand).image,
  span: nodeSpan(node, ctx),
});

export const spawnStmt: Builder<C.SpawnStmtCstChildren, A.SpawnStmt> = (c, ctx, node) => ({
  kind: "spawn",
  node: nameOf(only(c.Identifier), ctx),
  command: only(c.ShellCommand).image,
  span: nodeSpan(node, ctx),
});

export const logsStmt: Builder<C.LogsStmtCstChildren, A.LogsStmt> = (c, ctx, node) => ({
  kind: "logs",
  node: nameOf(only(c.Identifier), ctx),
  span: nodeSpan(node, ctx),
});

/** `count 4`, `filter "arp"`, `to "a.pcap"`, each at most once. */
export const captureStmt: Builder<C.CaptureStmtCstChildren, A.CaptureStmt> = (c, ctx, node) => {
  const span = nodeSpan(node, ctx);
  const problem = (t: IToken, message: string) =>
    ctx.errors.push(netlError("parse", "syntax", message, { span: tokenSpan(t, t, ctx.anchor) }));
  const [count, twice] = c.Integer ?? [];
  if (twice) problem(twice, "capture takes one count");
  const strings = new Map<string, { text: string; span: A.CaptureStmt["span"] }>();
  for (const [i, word] of (c.Identifier ?? []).entries()) {
    const t = c.String?.[i] as IToken;
    if (word.image !== "filter" && word.image !== "to") {
      problem(word, `expected 'count', 'filter' or 'to', found ${found(word)}`);
      continue;
    }
    if (strings.has(word.image)) problem(word, `capture takes one ${word.image}`);
    const text = stringContent(t.image);
    if (text.trim() === "") problem(t, word.image === "to" ? "a file name cannot be empty" : "an empty filter");
    strings.set(word.image, { text, span: tokenSpan(t, t, ctx.anchor) });
  }
  const filter = strings.get("filter");
  const file = strings.get("to");
  return {
    kind: "capture",
    end: endRefOf(only(c.EndRef), ctx),
    ...(count ? { count: countOf(count, "count", ctx as Ctx) } : {}),
    ...(filter ? { filter: filter.text } : {}),
    ...(file ? { file: { path: file.text, span: file.span } } : {}),
    span,
  };
};

export const serviceBuilders = { execStmt, spawnStmt, logsStmt, captureStmt };
