// The user's terminal, lent to a program inside a node: `shell A`, and `exec A …` in the REPL on a
// terminal (its output as it comes, its input from the keyboard, Ctrl-C its own). Without a terminal,
// `exec` is captured as before and `shell` is refused.
import type { ExecStmt, ShellStmt } from "../../grammar/ast.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import { step } from "../interpreter/step.js";
import type { Outcome } from "../present/outcome.js";
import { commandIn, shellIn } from "../runtime/node-shell.js";
import type { Session } from "../runtime/session.js";

/**
 * A front end's terminal (the REPL's), handed to a program while it runs: line editing paused, keys its
 * own; `stop` is aborted when netl must leave meanwhile (the terminal closed), and the program is ended.
 */
export interface Terminal {
  handOver<T>(run: (stop?: AbortSignal) => Promise<T>): Promise<T>;
}

/** Whether the session's executor can run a program on the terminal at all. */
export const canLend = (session: Session): boolean => session.options.executor.interactive !== undefined;

/** `exec A CMD` on the terminal: checked as always, then `sh -c CMD` in A with the terminal its own. */
export async function execOnTerminal(
  session: Session,
  terminal: Terminal,
  stmt: ExecStmt,
  text: string,
): Promise<Result<Outcome>> {
  const next = step(session.timeline, stmt, text);
  if (!next.ok) return next;
  if (next.value.kind !== "query" || next.value.query.kind !== "exec") return ok({ kind: "text", text: "" });
  const { node, command } = next.value.query;
  const ns = session.nsName(node);
  const exitCode = await terminal.handOver((stop) =>
    commandIn(session.options.executor, ns, ["sh", "-c", command], stop),
  );
  return ok({ kind: "terminal", what: "exec", node, exitCode });
}

/** `shell A`: the user's shell in A until they leave it; a terminal is needed. */
export async function shellOnTerminal(
  session: Session,
  terminal: Terminal | undefined,
  stmt: ShellStmt,
  text: string,
): Promise<Result<Outcome>> {
  const checked = step(session.timeline, stmt, text);
  if (!checked.ok) return checked;
  const node = stmt.node.text;
  if (terminal === undefined || !canLend(session))
    return fail(
      netlError("usage", "no-terminal", `shell needs a terminal: there is none to give to a shell in ${node}`, {
        span: stmt.span,
        hint: `run a command instead: exec ${node} CMD…; or from a terminal: netl shell ${session.options.lab} ${node}`,
      }),
    );
  const vars = { NETL_LAB: session.options.lab, NETL_NODE: node };
  const exitCode = await terminal.handOver((stop) =>
    shellIn(session.options.executor, session.nsName(node), { label: node, vars, ...(stop ? { stop } : {}) }),
  );
  return ok({ kind: "terminal", what: "shell", node, exitCode });
}
