// Shared by the CST→AST builders (visitor.ts and session.ts): the context and the helpers they both need.
import type { CstNode, IToken } from "chevrotain";
import { type NetlError, netlError, type Span } from "../src/diagnostic.js";
import type * as A from "./ast.js";
import { isReal, subSpan, tokenSpan } from "./spans.js";
import { IfRef } from "./tokens.js";

export interface Ctx {
  readonly errors: NetlError[];
  /** The statement's first token: a real position when recovered tokens have none. */
  readonly anchor: IToken;
}

export const MAX_COUNT = 1000;

/** The first and last real tokens under a CST node (children are listed by name, not in order). */
function extremes(node: CstNode, found: { first?: IToken; last?: IToken }): void {
  for (const key in node.children) {
    for (const child of node.children[key] ?? []) {
      if ("children" in child) extremes(child, found);
      else if (isReal(child)) {
        if (found.first === undefined || child.startOffset < found.first.startOffset) found.first = child;
        if (found.last === undefined || child.startOffset > found.last.startOffset) found.last = child;
      }
    }
  }
}

/** From the node's first to its last real token. */
export function nodeSpan(node: CstNode, ctx: Ctx): Span {
  const found: { first?: IToken; last?: IToken } = {};
  extremes(node, found);
  if (found.first === undefined || found.last === undefined) return tokenSpan(ctx.anchor, ctx.anchor);
  return tokenSpan(found.first, found.last, ctx.anchor);
}

export const only = <X>(xs: readonly X[] | undefined): X => xs?.[0] as X;

export const nameOf = (t: IToken, ctx: Ctx): A.Name => ({ text: t.image, span: tokenSpan(t, t, ctx.anchor) });

/** A count token's value; out of 1 to MAX_COUNT is a `bad-count` error naming `what` ("count", "undo count"). */
export function countOf(t: IToken, what: string, ctx: Ctx): number {
  const count = Number(t.image);
  if (!(count >= 1 && count <= MAX_COUNT)) {
    const span = tokenSpan(t, t, ctx.anchor);
    ctx.errors.push(
      netlError("parse", "bad-count", `${what} must be from 1 to ${MAX_COUNT}, not ${t.image}`, { span }),
    );
  }
  return count;
}

/** `A` or `A:eth0`, split into its node and interface names with their own spans. */
export function endRefOf(t: IToken, ctx: Ctx): A.EndRef {
  const span = tokenSpan(t, t, ctx.anchor);
  const colon = t.image.indexOf(":");
  // The node's name is the whole token: it shares the reference's span (spans are values, never changed).
  if (t.tokenType !== IfRef || colon < 0) return { node: { text: t.image, span }, span };
  return {
    node: { text: t.image.slice(0, colon), span: subSpan(t, 0, colon) },
    ifname: { text: t.image.slice(colon + 1), span: subSpan(t, colon + 1, t.image.length) },
    span,
  };
}
