// CST→AST for link conditions: `delay 20ms loss 1%`, after a `link` or a `set`.
// Values are read here (quantities.ts); whether they make sense together is the interpreter's call.
import { netlError } from "../../src/diagnostic.js";
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { readCondition } from "../quantities.js";
import { tokenSpan } from "../spans.js";
import { type Builder, type Ctx, nodeSpan, only } from "./context.js";

export const condition: Builder<C.ConditionCstChildren, A.Condition> = (c, ctx, node) => {
  const name = only(c.ConditionWord).image as A.ConditionName;
  const t = only(c.Quantity) ?? only(c.Integer);
  const span = nodeSpan(node, ctx);
  const read = readCondition(name, t.image);
  if (read.ok) return { name, value: read.value, span };
  ctx.errors.push(
    netlError("parse", "bad-value", read.message, { span: tokenSpan(t, t, ctx.anchor), hint: read.hint }),
  );
  return { name, value: 0, span };
};

/** The conditions of one statement; a word given twice is an error at its second place. */
export function conditions(nodes: readonly C.ConditionCstNode[] | undefined, ctx: Ctx): A.Condition[] {
  const out: A.Condition[] = [];
  for (const n of nodes ?? []) {
    const cond = condition(n.children, ctx, n);
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

export const conditionBuilders = { condition };
