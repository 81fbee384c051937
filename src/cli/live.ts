// `netl run` and `netl test`: build a lab from a script in the real kernel.

import { renderError } from "../present/render-error.js";
import { ProcessExecutor } from "../runtime/executor.js";
import { DEFAULT_RUN_DIR } from "../runtime/lab-record.js";
import { Session } from "../runtime/session.js";
import { type Io, shellLine } from "./io.js";
import { runScript } from "./script.js";
import { labNameFor, readProgram } from "./source.js";

export interface LiveOptions {
  readonly prefix?: string;
  readonly lab?: string;
  readonly explain?: boolean;
  /** run: tear the lab down at the end (test always does). */
  readonly down?: boolean;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** `command` is the sub-command, or "" for the REPL (plain `netl`). */
export function needRoot(command: string, io: Io): boolean {
  if (process.getuid?.() === 0) return true;
  const netl = command === "" ? "netl" : `netl ${command}`;
  io.err(
    `${netl} needs root: it creates network namespaces. Run it as root (sudo ${netl} …), or use 'netl plan' / 'netl check', which need no root.`,
  );
  return false;
}

/** Ctrl-C: finish (or roll back) the statement in flight, then stop. */
function interruptFlag(io: Io): { readonly set: () => boolean; readonly dispose: () => void } {
  let hit = false;
  const onSigint = () => {
    if (hit) io.err("netl: still finishing the statement in flight; please wait");
    hit = true;
  };
  process.on("SIGINT", onSigint);
  return { set: () => hit, dispose: () => process.off("SIGINT", onSigint) };
}

async function runFile(mode: "run" | "test", file: string, options: LiveOptions, io: Io): Promise<number> {
  const read = readProgram(file, io);
  if (!read) return EXIT.usage;
  const { source, program } = read;
  const lab = options.lab ?? labNameFor(file);
  const opened = Session.open({
    lab,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    executor: new ProcessExecutor(),
    runDir: process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR,
    explain: options.explain ?? false,
    onCommand: (argv) => io.out(io.c.dim(`$ ${shellLine(argv)}`)),
  });
  if (!opened.ok) {
    io.err(renderError(opened.error, undefined, source.name, io.c));
    return EXIT.usage;
  }
  const session = opened.value;
  const interrupt = interruptFlag(io);
  try {
    const result = await runScript(session, program, source, io, interrupt.set);
    const total = result.expectsPassed + result.expectsFailed;
    if (mode === "test" || total > 0) {
      io.out(
        `${source.name}: ${result.expectsPassed} passed, ${result.expectsFailed} failed${result.failed ? " (stopped at a failed statement)" : ""}`,
      );
    }
    const keep = mode === "run" && !options.down;
    const closed = await session.close(keep);
    for (const f of closed.failures) io.err(io.c.red(`teardown: ${f}`));
    if (keep)
      io.out(io.c.dim(`lab '${lab}' is up (${session.world.nodes.size} nodes); remove it with: netl down ${lab}`));
    else if (closed.removed.length > 0) io.out(io.c.dim(`removed lab '${lab}' (${closed.removed.length} namespaces)`));
    if (result.interrupted) return EXIT.interrupted;
    return result.failed || result.expectsFailed > 0 || closed.failures.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

export async function runCommand(file: string, options: LiveOptions, io: Io): Promise<number> {
  if (!needRoot("run", io)) return EXIT.usage;
  return runFile("run", file, options, io);
}

export async function testCommand(files: readonly string[], options: LiveOptions, io: Io): Promise<number> {
  if (!needRoot("test", io)) return EXIT.usage;
  let worst = EXIT.ok as number;
  for (const file of files) {
    if (files.length > 1 && options.lab) {
      io.err("--lab names one lab; with several files each gets its own (the file's name)");
      return EXIT.usage;
    }
    const code = await runFile("test", file, options, io);
    worst = Math.max(worst, code);
    if (code === EXIT.interrupted) break;
  }
  return worst;
}
