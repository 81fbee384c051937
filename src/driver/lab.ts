// One statement that builds or asks the lab, carried through: what the kernel must have, the machine
// read when the statement touches it, the interpreter's step, then the Session applies the change or
// answers the query.
import type { Statement } from "../../grammar/ast.js";
import { ok, type Result } from "../diagnostic.js";
import { machineDetailFor, needsMachine } from "../interpreter/machine.js";
import { step } from "../interpreter/step.js";
import type { Outcome } from "../present/outcome.js";
import type { Requirements } from "../runtime/requirements.js";
import type { Session } from "../runtime/session.js";

export async function labStatement(
  session: Session,
  needs: Requirements,
  stmt: Statement,
  text: string,
  signal?: AbortSignal,
): Promise<Result<Outcome>> {
  const required = await needs.check(stmt);
  if (!required.ok) return required;
  // A statement that touches the machine reads it, is checked and is committed under the machine's lock.
  if (needsMachine(stmt)) return session.withMachine(stmt.span, () => carry(session, stmt, text, true, signal));
  return carry(session, stmt, text, false, signal);
}

async function carry(
  session: Session,
  stmt: Statement,
  text: string,
  reads: boolean,
  signal?: AbortSignal,
): Promise<Result<Outcome>> {
  const machine = reads ? await session.readMachine(machineDetailFor(stmt)) : ok({ stem: session.stem });
  if (!machine.ok) return { ...machine, error: { ...machine.error, span: stmt.span } };
  const next = step(session.timeline, stmt, text, undefined, machine.value);
  if (!next.ok) return next;
  if (next.value.kind === "query") return ok(await session.ask(next.value.query, signal));
  if (next.value.kind === "none") return ok({ kind: "text", text: "" });
  const tr = next.value.transition;
  const applied = await session.commit([tr], stmt.span, signal);
  return applied.ok ? ok({ kind: "change", summary: tr.summary }) : applied;
}
