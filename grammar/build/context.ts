// What every CST→AST builder shares: the context it reports errors into, and the span of a CST node.
import type { CstNode, IToken } from "chevrotain";
import type { NetlError, Span } from "../../src/diagnostic.js";
import { isReal, tokenSpan } from "../spans.js";

export interface Ctx {
  readonly errors: NetlError[];
  /** The statement's first token: a real position when recovered tokens have none. */
  readonly anchor: IToken;
}

/**
 * A rule's builder: its CST children in, its piece of AST out; what is wrong goes to `ctx.errors`.
 * Named after the rule, as in chevrotain's visitors; a value built after an error is only a
 * placeholder, as the statement holding it is dropped.
 */
export type Builder<Children, Out> = (c: Children, ctx: Ctx, node: CstNode) => Out;

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

/** The one child of a name: the CST lists every child in an array, even where the grammar allows one. */
export const only = <X>(xs: readonly X[] | undefined): X => xs?.[0] as X;

/** A subrule's one CST node, built by its builder. */
export function sub<N extends CstNode, Out>(
  build: Builder<N["children"], Out>,
  nodes: readonly N[] | undefined,
  ctx: Ctx,
): Out {
  const node = only(nodes);
  return build(node.children, ctx, node);
}
