// Real-kernel tests that drive a Session in-process: open labs (each its own prefix), run one
// statement of netl text, and close every lab at the end.
import { expect } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver, type Outcome } from "../../src/driver/driver.js";
import { type Executor, ProcessExecutor } from "../../src/runtime/executor.js";

export function liveSessions() {
  const sessions: Driver[] = [];
  /** Each lab its own prefix (its name), so their namespaces never meet. */
  const open = (lab: string, executor: Executor = new ProcessExecutor()): Driver => {
    const s = Driver.open({ lab, prefix: lab, executor, runDir: "/run/netl" });
    if (!s.ok) throw new Error(s.error.message);
    sessions.push(s.value);
    return s.value;
  };
  const run = async (session: Driver, text: string) => {
    const { program, errors } = parse(text);
    expect(errors).toEqual([]);
    return session.execute(program.statements[0] as Statement, text);
  };
  const ok = async (session: Driver, text: string): Promise<Outcome> => {
    const r = await run(session, text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message} ${r.error.failed?.stderr ?? ""}`);
    return r.value;
  };
  /** Forget a session the test closed itself. */
  const forget = (session: Driver) => sessions.splice(sessions.indexOf(session), 1);
  const closeAll = async () => {
    for (const s of sessions.splice(0)) await s.close(false);
  };
  return { open, run, ok, forget, closeAll };
}
