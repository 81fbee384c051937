// CST→AST for the statements about the session rather than the lab: undo and redo, save and load,
// loops, explain, serve, help, and `shell`. (`history` and `reset` are one keyword each, built with the statement.)
import { netlError } from "../../src/diagnostic.js";
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { found } from "../messages.js";
import { tokenSpan } from "../spans.js";
import { type Builder, nodeSpan, only } from "./context.js";
import { countOf, nameOf } from "./values.js";

/** A string literal's content: `\"` and `\\` are escapes; any other backslash is kept as written. */
export const stringContent = (image: string): string => image.slice(1, -1).replace(/\\(["\\])/g, "$1");

export const undoStmt: Builder<C.UndoStmtCstChildren, A.UndoStmt> = (c, ctx, node) => ({
  kind: "undo",
  count: c.Integer ? countOf(only(c.Integer), "undo count", ctx) : 1,
  span: nodeSpan(node, ctx),
});

export const redoStmt: Builder<C.RedoStmtCstChildren, A.RedoStmt> = (c, ctx, node) => ({
  kind: "redo",
  count: c.Integer ? countOf(only(c.Integer), "redo count", ctx) : 1,
  span: nodeSpan(node, ctx),
});

export const fileStmt: Builder<C.FileStmtCstChildren, A.FileStmt> = (c, ctx, node) => {
  const t = only(c.String);
  const pathSpan = tokenSpan(t, t, ctx.anchor);
  const path = stringContent(t.image);
  if (path === "") ctx.errors.push(netlError("parse", "bad-path", "a file name cannot be empty", { span: pathSpan }));
  const force = c.Force?.[0];
  if (force !== undefined && c.Load)
    ctx.errors.push(
      netlError("parse", "syntax", "force goes with save only", {
        span: tokenSpan(force, force, ctx.anchor),
        hint: "load reads a file; it never needs force",
      }),
    );
  const kind = c.Save ? "save" : "load";
  return { kind, path, pathSpan, ...(force && kind === "save" ? { force: true } : {}), span: nodeSpan(node, ctx) };
};

export const explainStmt: Builder<C.ExplainStmtCstChildren, A.ExplainStmt> = (c, ctx, node) => {
  const t = only(c.Identifier);
  if (t.image !== "on" && t.image !== "off") {
    const span = tokenSpan(t, t, ctx.anchor);
    ctx.errors.push(netlError("parse", "syntax", `expected 'on' or 'off', found ${found(t)}`, { span }));
  }
  return { kind: "explain", on: t.image === "on", span: nodeSpan(node, ctx) };
};

/** `for i in 1..4 { … }`: the body stays text, expanded per value by grammar/loops.ts. */
export const forStmt: Builder<C.ForStmtCstChildren, A.ForStmt> = (c, ctx, node) => {
  const [from, to] = c.Integer.map((t) => Number(t.image));
  const body = only(c.ForBody);
  return {
    kind: "for",
    variable: nameOf(only(c.Identifier), ctx),
    from: from ?? 0,
    to: to ?? 0,
    body: body.image.slice(1, -1),
    bodyAt: { line: body.startLine ?? 1, col: (body.startColumn ?? 1) + 1, offset: body.startOffset + 1 },
    span: nodeSpan(node, ctx),
  };
};

export const helpStmt: Builder<C.HelpStmtCstChildren, A.HelpStmt> = (c, ctx, node) => {
  const t = c.Identifier?.[0] ?? c.Keyword?.[0];
  const span = nodeSpan(node, ctx);
  return t ? { kind: "help", topic: nameOf(t, ctx), span } : { kind: "help", span };
};

export const serveStmt: Builder<C.ServeStmtCstChildren, A.ServeStmt> = (c, ctx, node) => {
  const t = c.Identifier?.[0];
  if (t && t.image !== "on" && t.image !== "off") {
    const span = tokenSpan(t, t, ctx.anchor);
    ctx.errors.push(netlError("parse", "syntax", `expected 'off' or the end of the line, found ${found(t)}`, { span }));
  }
  return { kind: "serve", on: t?.image !== "off", span: nodeSpan(node, ctx) };
};

/** `shell A`: whether A is a node of the lab is the driver's to say, as for every statement. */
export const shellStmt: Builder<C.ShellStmtCstChildren, A.ShellStmt> = (c, ctx, node) => ({
  kind: "shell",
  node: nameOf(only(c.Identifier), ctx),
  span: nodeSpan(node, ctx),
});

export const sessionBuilders = { undoStmt, redoStmt, fileStmt, explainStmt, serveStmt, forStmt, helpStmt, shellStmt };
