// The interpreter's entry: one statement against the World gives a Plan (a Change to the lab
// or a Query about it) or a positioned check error. Pure: no I/O, no processes.
import type { Statement } from "../../grammar/ast.js";
import { ok, type Result } from "../diagnostic.js";
import { type MachineFacts, UNREAD } from "./machine.js";
import type { Change, Plan, Query } from "./plan.js";
import { evaluateAddr } from "./statements/addr.js";
import { evaluateCapture } from "./statements/capture.js";
import { evaluateDel } from "./statements/del.js";
import { evaluateExec } from "./statements/exec.js";
import { evaluateExpect } from "./statements/expect.js";
import { evaluateFirewall } from "./statements/firewall.js";
import { evaluateLink } from "./statements/link.js";
import { evaluateMove } from "./statements/move.js";
import { evaluateNs } from "./statements/ns.js";
import { pingQuery } from "./statements/ping.js";
import { evaluatePingall } from "./statements/pingall.js";
import { evaluateRoute } from "./statements/route.js";
import { evaluateRouteAuto } from "./statements/route-auto.js";
import { evaluateRouter } from "./statements/router.js";
import { evaluateSet } from "./statements/set.js";
import { evaluateShow } from "./statements/show.js";
import { evaluateLogs, evaluatePs, evaluateSpawn } from "./statements/spawn.js";
import { evaluateSwitch } from "./statements/switch.js";
import { evaluateUnlink } from "./statements/unlink.js";
import { evaluateWhy } from "./statements/why.js";
import type { World } from "./world.js";

/** The statement kinds the interpreter evaluates; the session handles the others (undo, load, …). */
const LAB_KINDS = [
  "ns",
  "router",
  "switch",
  "del",
  "link",
  "unlink",
  "set",
  "move",
  "addr",
  "route",
  "route-auto",
  "ping",
  "pingall",
  "why",
  "exec",
  "spawn",
  "logs",
  "ps",
  "graph",
  "block",
  "allow",
  "unblock",
  "show",
  "expect",
  "capture",
] as const;

/** A statement about the lab itself, which `evaluate` takes. */
export type EvaluableStatement = Extract<Statement, { readonly kind: (typeof LAB_KINDS)[number] }>;

const EVALUABLE: ReadonlySet<string> = new Set(LAB_KINDS);

export const isEvaluable = (stmt: Statement): stmt is EvaluableStatement => EVALUABLE.has(stmt.kind);

const change = (r: Result<Change>): Result<Plan> => (r.ok ? ok({ kind: "change", change: r.value }) : r);
const query = (r: Result<Query>): Result<Plan> => (r.ok ? ok({ kind: "query", query: r.value }) : r);

/** `machine`: what the runtime read of the machine for a statement that touches it (see needsMachine). */
export function evaluate(world: World, stmt: EvaluableStatement, machine: MachineFacts = UNREAD): Result<Plan> {
  switch (stmt.kind) {
    case "ns":
      return change(evaluateNs(world, stmt));
    case "router":
      return change(evaluateRouter(world, stmt));
    case "switch":
      return change(evaluateSwitch(world, stmt));
    case "del":
      return change(evaluateDel(world, stmt));
    case "link":
      return change(evaluateLink(world, stmt, machine));
    case "unlink":
      return change(evaluateUnlink(world, stmt));
    case "set":
      return change(evaluateSet(world, stmt));
    case "move":
      return change(evaluateMove(world, stmt, machine));
    case "addr":
      return change(evaluateAddr(world, stmt, machine));
    case "route":
      return change(evaluateRoute(world, stmt, machine));
    case "route-auto":
      return change(evaluateRouteAuto(world, stmt));
    case "ping":
      return query(pingQuery(world, stmt));
    case "pingall":
      return query(evaluatePingall(world, stmt));
    case "why":
      return query(evaluateWhy(world, stmt));
    case "exec":
      return query(evaluateExec(world, stmt));
    case "spawn":
      return change(evaluateSpawn(world, stmt));
    case "logs":
      return query(evaluateLogs(world, stmt));
    case "ps":
      return query(evaluatePs(world, stmt));
    case "graph":
      return query(ok({ kind: "graph", span: stmt.span }));
    case "block":
    case "allow":
    case "unblock":
      return change(evaluateFirewall(world, stmt));
    case "show":
      return query(evaluateShow(world, stmt));
    case "expect":
      return query(evaluateExpect(world, stmt));
    case "capture":
      return change(evaluateCapture(world, stmt));
  }
}
