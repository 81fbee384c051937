// Single tokens read into AST values: names, link ends, addresses, counts and ports. Each checks
// its token and reports what is wrong at the token's own span.
import type { IToken } from "chevrotain";
import { netlError } from "../../src/diagnostic.js";
import { type Place, readAddress } from "../addresses.js";
import type * as A from "../ast.js";
import { subSpan, tokenSpan } from "../spans.js";
import { IfRef, IPv6 } from "../tokens.js";
import type { Ctx } from "./context.js";

export const MAX_COUNT = 1000;
const MAX_PORT = 65535;

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

/** A port: 1 to 65535, else a `bad-port` error at it. */
export function portOf(t: IToken, ctx: Ctx): number {
  const port = Number(t.image);
  if (!(port >= 1 && port <= MAX_PORT))
    ctx.errors.push(
      netlError("parse", "bad-port", `a port is from 1 to ${MAX_PORT}, not ${t.image}`, {
        span: tokenSpan(t, t, ctx.anchor),
        hint: "such as tcp 8080",
      }),
    );
  return port;
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

function read(t: IToken, place: Place, ctx: Ctx): A.Cidr {
  const span = tokenSpan(t, t, ctx.anchor);
  const r = readAddress(t.image, place);
  if (r.ok) return { address: r.address, family: r.family, prefixLength: r.prefixLength ?? 0, span };
  ctx.errors.push(netlError("parse", r.code, r.message, { span, hint: r.hint }));
  return { address: t.image, family: t.tokenType === IPv6 ? 6 : 4, prefixLength: 0, span };
}

/** An address with its prefix length: `10.0.0.1/24`; without one is a `missing-prefix` error. */
export const cidrOf = (t: IToken, ctx: Ctx): A.Cidr => read(t, "prefix", ctx);

/** A bare address: `10.0.0.2`; with a prefix length is an `unexpected-prefix` error. */
export function addressOf(t: IToken, ctx: Ctx): A.Address {
  const { address, family, span } = read(t, "address", ctx);
  return { address, family, span };
}

/** A firewall rule's address: one host (`10.0.0.2`, as a /32 or /128) or a network (`10.0.0.0/24`). */
export function hostOrNetworkOf(t: IToken, ctx: Ctx): A.Cidr {
  const span = tokenSpan(t, t, ctx.anchor);
  const r = readAddress(t.image, t.image.includes("/") ? "prefix" : "address");
  if (!r.ok) {
    ctx.errors.push(netlError("parse", r.code, r.message, { span, hint: r.hint }));
    return { address: t.image, family: 4, prefixLength: 32, span };
  }
  return { address: r.address, family: r.family, prefixLength: r.prefixLength ?? (r.family === 4 ? 32 : 128), span };
}
