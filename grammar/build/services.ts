// CST→AST for the commands and services run inside nodes: exec, spawn, logs. (`ps` is one keyword,
// built with the statement.)
import type * as A from "../ast.js";
import type * as C from "../generated/cst.js";
import { type Builder, nodeSpan, only } from "./context.js";
import { nameOf } from "./values.js";

export const execStmt: Builder<C.ExecStmtCstChildren, A.ExecStmt> = (c, ctx, node) => ({
  kind: "exec",
  node: nameOf(only(c.Identifier), ctx),
  command: only(c.ShellCommand).image,
  span: nodeSpan(node, ctx),
});

export const spawnStmt: Builder<C.SpawnStmtCstChildren, A.SpawnStmt> = (c, ctx, node) => ({
  kind: "spawn",
  node: nameOf(only(c.Identifier), ctx),
  command: only(c.ShellCommand).image,
  span: nodeSpan(node, ctx),
});

export const logsStmt: Builder<C.LogsStmtCstChildren, A.LogsStmt> = (c, ctx, node) => ({
  kind: "logs",
  node: nameOf(only(c.Identifier), ctx),
  span: nodeSpan(node, ctx),
});

export const serviceBuilders = { execStmt, spawnStmt, logsStmt };
