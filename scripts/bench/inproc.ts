// What the benchmark drives in-process (bundled by run.mjs with esbuild): planning a script with the
// interpreter alone, and a warm Session for the REPL's per-statement latency.
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import { step } from "../../src/interpreter/step.js";
import { emptyTimeline, type Timeline } from "../../src/interpreter/timeline.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";

/** Parse and plan a whole script (every statement through the interpreter, no kernel); ms. */
export function planMs(text: string): { ms: number; statements: number } {
  const start = performance.now();
  const { program, errors } = parse(text);
  if (errors.length > 0) throw new Error(errors[0]?.message);
  const machine = { stem: hostStem("bench", undefined) };
  let t: Timeline = emptyTimeline;
  for (const stmt of program.statements) {
    const next = step(t, stmt, "", undefined, machine);
    if (!next.ok) throw new Error(next.error.message);
    if (next.value.kind === "transition") t = next.value.transition.next;
  }
  return { ms: performance.now() - start, statements: program.statements.length };
}

/** A live session on the real kernel; `run` executes one line of netl and returns its time in ms. */
export function openSession(lab: string, prefix: string, runDir: string) {
  const opened = Driver.open({ lab, prefix, executor: new ProcessExecutor(), runDir });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  return {
    async run(line: string): Promise<number> {
      const { program, errors } = parse(line);
      const stmt = program.statements[0];
      if (errors.length > 0 || stmt === undefined) throw new Error(`cannot parse: ${line}`);
      const start = performance.now();
      const r = await session.execute(stmt, line);
      const ms = performance.now() - start;
      if (!r.ok) throw new Error(`${line}: ${r.error.message}`);
      return ms;
    },
    close: () => session.close(false),
  };
}
