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

/** Every token under a CST node, in no particular order. */
function tokensOf(node: CstNode, out: IToken[] = []): IToken[] {
  for (const list of Object.values(node.children)) {
    for (const child of list) {
      if ("children" in child) tokensOf(child, out);
      else out.push(child);
    }
  }
  return out;
}

/** From the node's first to its last real token. */
export function nodeSpan(node: CstNode, ctx: Ctx): Span {
  const tokens = tokensOf(node).filter(isReal);
  if (tokens.length === 0) return tokenSpan(ctx.anchor, ctx.anchor);
  const first = tokens.reduce((a, b) => (b.startOffset < a.startOffset ? b : a));
  const last = tokens.reduce((a, b) => (b.startOffset > a.startOffset ? b : a));
  return tokenSpan(first, last, ctx.anchor);
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
  if (t.tokenType !== IfRef || colon < 0) return { node: nameOf(t, ctx), span };
  return {
    node: { text: t.image.slice(0, colon), span: subSpan(t, 0, colon) },
    ifname: { text: t.image.slice(colon + 1), span: subSpan(t, colon + 1, t.image.length) },
    span,
  };
}
