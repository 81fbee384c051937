// CST→AST for routes (`route A 10.1.0.0/16 via B`, `route auto`) and the targets routes and pings share.
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { tokenSpan } from "../spans.js";
import { type Builder, nodeSpan, only, sub } from "./context.js";
import { addressOf, cidrOf, nameOf } from "./values.js";

export const destination: Builder<C.DestinationCstChildren, A.RouteStmt["destination"]> = (c, ctx) => {
  if (c.Default) return { kind: "default", span: tokenSpan(only(c.Default), only(c.Default), ctx.anchor) };
  return { kind: "prefix", ...cidrOf(only(c.Address), ctx) };
};

/** A node or a bare address: where a ping goes, or a route's next hop. */
export const target: Builder<C.TargetCstChildren, A.PingTarget> = (c, ctx) => {
  if (c.Identifier) return { kind: "node", name: nameOf(only(c.Identifier), ctx) };
  return { kind: "address", address: addressOf(only(c.Address), ctx) };
};

export const routeStmt: Builder<C.RouteStmtCstChildren, A.RouteStmt | A.RouteAutoStmt> = (c, ctx, node) => {
  if (c.Auto) return { kind: "route-auto", span: nodeSpan(node, ctx) };
  return {
    kind: "route",
    node: nameOf(only(c.Identifier), ctx),
    destination: sub(destination, c.destination, ctx),
    via: sub(target, c.target, ctx),
    span: nodeSpan(node, ctx),
  };
};

export const routeBuilders = { routeStmt, destination, target };
