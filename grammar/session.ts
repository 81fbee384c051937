// CST→AST for the statements about the session rather than the lab: undo and redo, history, reset,
// save and load, explain, help. The visitor in visitor.ts extends this class with the lab's statements.
import type { CstNode, IToken } from "chevrotain";
import { netlError } from "../src/diagnostic.js";
import type * as A from "./ast.js";
import { type Ctx, countOf, nameOf, nodeSpan, only } from "./context.js";
import type * as C from "./cst.js";
import { found } from "./messages.js";
import { tokenSpan } from "./spans.js";

/** A string literal's content: `\"` and `\\` are escapes; any other backslash is kept as written. */
const stringContent = (image: string): string => image.slice(1, -1).replace(/\\(["\\])/g, "$1");

/**
 * The root of the CST→AST builders: plain classes whose methods are named after the grammar's rules and
 * call each other directly. Not chevrotain's base visitor, which needs the parser built at load time; a
 * grammar test checks that every rule has its method (what chevrotain's validateVisitor did at start-up).
 */
export abstract class SessionBuilder {
  undoStmt(c: C.UndoStmtCstChildren, ctx: Ctx, node: CstNode): A.UndoStmt {
    return {
      kind: "undo",
      count: c.Integer ? countOf(only(c.Integer), "undo count", ctx) : 1,
      span: nodeSpan(node, ctx),
    };
  }

  redoStmt(c: C.RedoStmtCstChildren, ctx: Ctx, node: CstNode): A.RedoStmt {
    return {
      kind: "redo",
      count: c.Integer ? countOf(only(c.Integer), "redo count", ctx) : 1,
      span: nodeSpan(node, ctx),
    };
  }

  /** `history` and `reset` are a single keyword each, consumed by the statement rule itself. */
  protected word(t: IToken, kind: "history" | "reset", ctx: Ctx): A.HistoryStmt | A.ResetStmt {
    return { kind, span: tokenSpan(t, t, ctx.anchor) };
  }

  fileStmt(c: C.FileStmtCstChildren, ctx: Ctx, node: CstNode): A.FileStmt {
    const t = only(c.String);
    const pathSpan = tokenSpan(t, t, ctx.anchor);
    const path = stringContent(t.image);
    if (path === "") ctx.errors.push(netlError("parse", "bad-path", "a file name cannot be empty", { span: pathSpan }));
    return { kind: c.Save ? "save" : "load", path, pathSpan, span: nodeSpan(node, ctx) };
  }

  explainStmt(c: C.ExplainStmtCstChildren, ctx: Ctx, node: CstNode): A.ExplainStmt {
    const t = only(c.Identifier);
    if (t.image !== "on" && t.image !== "off") {
      const span = tokenSpan(t, t, ctx.anchor);
      ctx.errors.push(netlError("parse", "syntax", `expected 'on' or 'off', found ${found(t)}`, { span }));
    }
    return { kind: "explain", on: t.image === "on", span: nodeSpan(node, ctx) };
  }

  forStmt(c: C.ForStmtCstChildren, ctx: Ctx, node: CstNode): A.ForStmt {
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
  }

  helpStmt(c: C.HelpStmtCstChildren, ctx: Ctx, node: CstNode): A.HelpStmt {
    const t = c.Identifier?.[0] ?? c.Keyword?.[0];
    const span = nodeSpan(node, ctx);
    return t ? { kind: "help", topic: nameOf(t, ctx), span } : { kind: "help", span };
  }
}
