// CST→AST for link conditions (`delay 20ms loss 1%`, after a link or a `set`) and the `set` statement.
// Values are read here (quantities.ts); whether they make sense together is the interpreter's call.
import type { CstNode } from "chevrotain";
import { netlError } from "../src/diagnostic.js";
import type * as A from "./ast.js";
import { type Ctx, endRefOf, nodeSpan, only } from "./context.js";
import type * as C from "./cst.js";
import { readCondition } from "./quantities.js";
import { SessionBuilder } from "./session.js";
import { tokenSpan } from "./spans.js";

export abstract class ConditionBuilder extends SessionBuilder {
  condition(c: C.ConditionCstChildren, ctx: Ctx, node: CstNode): A.Condition {
    const name = only(c.ConditionWord).image as A.ConditionName;
    const t = only(c.Quantity) ?? only(c.Integer);
    const span = nodeSpan(node, ctx);
    const read = readCondition(name, t.image);
    if (read.ok) return { name, value: read.value, span };
    ctx.errors.push(
      netlError("parse", "bad-value", read.message, { span: tokenSpan(t, t, ctx.anchor), hint: read.hint }),
    );
    return { name, value: 0, span };
  }

  /** The conditions of one statement; a word given twice is an error at its second place. */
  protected conditions(nodes: readonly C.ConditionCstNode[] | undefined, ctx: Ctx): A.Condition[] {
    const out: A.Condition[] = [];
    for (const n of nodes ?? []) {
      const cond = this.condition(n.children, ctx, n);
      if (out.some((o) => o.name === cond.name))
        ctx.errors.push(
          netlError("parse", "repeated-condition", `${cond.name} is given twice`, {
            span: cond.span,
            hint: `write each condition once: ${cond.name} …`,
          }),
        );
      out.push(cond);
    }
    return out;
  }

  setStmt(c: C.SetStmtCstChildren, ctx: Ctx, node: CstNode): A.SetStmt {
    const [a, b] = c.EndRef.map((t) => endRefOf(t, ctx));
    if (!a) throw new Error("a set without an end parsed cleanly");
    const span = nodeSpan(node, ctx);
    const word = only(c.Clear) ?? only(c.Up) ?? only(c.Down);
    const change: A.SetChange =
      word === undefined
        ? { kind: "conditions", conditions: this.conditions(c.condition, ctx) }
        : word === only(c.Clear)
          ? { kind: "clear", span: tokenSpan(word, word, ctx.anchor) }
          : { kind: "state", up: word === only(c.Up), span: tokenSpan(word, word, ctx.anchor) };
    return { kind: "set", a, ...(b ? { b } : {}), directed: c.Arrow1 !== undefined, change, span };
  }
}
