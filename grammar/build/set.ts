// CST→AST for `set`: change a link's conditions (both ends, or one way), clear them, or bring ends up or down.
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { tokenSpan } from "../spans.js";
import { conditions } from "./conditions.js";
import { type Builder, nodeSpan, only } from "./context.js";
import { endRefOf } from "./values.js";

export const setStmt: Builder<C.SetStmtCstChildren, A.SetStmt> = (c, ctx, node) => {
  const [a, b] = c.EndRef.map((t) => endRefOf(t, ctx));
  if (!a) throw new Error("a set without an end parsed cleanly");
  const span = nodeSpan(node, ctx);
  const word = only(c.Clear) ?? only(c.Up) ?? only(c.Down);
  const change: A.SetChange =
    word === undefined
      ? { kind: "conditions", conditions: conditions(c.condition, ctx) }
      : word === only(c.Clear)
        ? { kind: "clear", span: tokenSpan(word, word, ctx.anchor) }
        : { kind: "state", up: word === only(c.Up), span: tokenSpan(word, word, ctx.anchor) };
  return { kind: "set", a, ...(b ? { b } : {}), directed: c.OneWay !== undefined, change, span };
};

export const setBuilders = { setStmt };
