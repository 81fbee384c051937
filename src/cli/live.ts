// `netl run` and `netl test`: build a lab from a script in the real kernel.

import type { NetlError } from "../diagnostic.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { runScript } from "../driver/script.js";
import { openLab } from "../driver/setup.js";
import { defaultLab, readProgram } from "../driver/source.js";
import { STILL_REMOVING, STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { errorJson } from "../present/json.js";
import { renderError } from "../present/render-error.js";
import { ROOTLESS_RUN_ENDS } from "../present/rootless.js";
import { plural } from "../present/words.js";
import { insideSandbox } from "../runtime/sandbox.js";
import { type ExpectRecord, jsonOut } from "./json-out.js";

export interface LiveOptions {
  readonly prefix?: string;
  readonly lab?: string;
  readonly explain?: boolean;
  /** run: tear the lab down at the end (test always does). */
  readonly down?: boolean;
  /** JSON Lines on standard output instead of text (json-out.ts, docs/JSON.md). */
  readonly json?: boolean;
}

/**
 * Ctrl-C: the first aborts the statement in flight (a change is rolled back, a command ended) and
 * stops the script; any later one only warns, once, while the rollback or the teardown runs.
 */
function interruption(io: Io) {
  const controller = new AbortController();
  let phase: "script" | "teardown" = "script";
  const warned = new Set<string>();
  const warn = (text: string) => {
    if (!warned.has(text)) io.err(text);
    warned.add(text);
  };
  const onSigint = () => {
    if (phase === "teardown") warn(STILL_REMOVING);
    else if (controller.signal.aborted) warn(STILL_ROLLING_BACK);
    else controller.abort();
  };
  process.on("SIGINT", onSigint);
  return {
    signal: controller.signal,
    tearingDown: () => {
      phase = "teardown";
    },
    dispose: () => process.off("SIGINT", onSigint),
  };
}

/** What `--json` ends a file's lines with: its expects, totals and how it ended (docs/JSON.md). */
function resultRecord(file: string, lab: string, expects: readonly ExpectRecord[], end: Record<string, unknown>) {
  const passed = expects.filter((e) => e.passed).length;
  return { kind: "result", file, lab, passed, failed: expects.length - passed, expects, ...end };
}

async function runFile(
  mode: "run" | "test",
  file: string,
  options: LiveOptions,
  io: Io,
  totals = { passed: 0, failed: 0 },
): Promise<number> {
  const json = options.json ? jsonOut(file, io) : undefined;
  const lab = options.lab ?? defaultLab(file, options.prefix);
  // Nothing was run: the errors (`printed` already, by readProgram), and with --json a result that says so.
  const notRun = (errors: readonly NetlError[], printed: boolean, text?: string): number => {
    for (const e of errors) {
      if (!printed) io.err(renderError(e, text, file, io.c));
      json?.line(errorJson(e, file));
    }
    const end = { stopped: true, interrupted: false, up: false, teardownFailures: [], exitCode: EXIT.usage };
    json?.line(resultRecord(file, lab, [], end));
    return EXIT.usage;
  };
  const errors: NetlError[] = [];
  const read = readProgram(file, io, errors);
  if (!read) return notRun(errors, true);
  const { source, program, planned } = read;
  const opened = openLab(
    {
      lab,
      prefix: options.prefix,
      explain: options.explain,
      // --json: commands and notes are lines of their own; as text they are printed as everywhere.
      ...(json
        ? {
            onCommand: (argv) => json.line({ kind: "command", file, argv }),
            onNote: (line) => json.line({ kind: "note", file, text: line }),
            onCapture: (event) => {
              const { file: pcap, ...rest } = event.kind === "end" ? event : { ...event, file: undefined };
              json.line({
                ...rest,
                kind: event.kind === "end" ? "capture-end" : "packet",
                file,
                ...(pcap ? { pcap } : {}),
              });
            },
          }
        : {}),
      progress: true,
    },
    io,
  );
  if (!opened.ok) return notRun([opened.error], false);
  const driver = opened.value;
  // A kernel that lacks what the script needs (netem) is told before anything is built.
  const kernel = await driver.requireKernelFor(program.statements);
  if (!kernel.ok) {
    await driver.close(false);
    return notRun([kernel.error], false, source.text);
  }
  const interrupt = interruption(io);
  try {
    const result = await runScript(driver, program, source, io, interrupt.signal, json?.printer, planned);
    totals.passed += result.expectsPassed;
    totals.failed += result.expectsFailed;
    const total = result.expectsPassed + result.expectsFailed;
    if (!json && (mode === "test" || total > 0)) {
      io.out(
        `${source.name}: ${result.expectsPassed} passed, ${result.expectsFailed} failed${result.failed ? " (stopped at a failed statement)" : ""}`,
      );
    }
    // A rootless lab cannot outlive its sandbox: it is taken down as with --down, and that is said.
    const endsWithSandbox = mode === "run" && !options.down && insideSandbox();
    const keep = mode === "run" && !options.down && !endsWithSandbox;
    if (!keep) interrupt.tearingDown();
    const closed = await driver.close(keep);
    for (const f of closed.failures) io.err(io.c.red(`teardown: ${f}`));
    const nodes = driver.world.nodes.size;
    const strays = driver.namespaces.length - nodes;
    const also = strays > 0 ? `, and ${plural(strays, "namespace")} a failed rollback left behind` : "";
    const code = result.interrupted
      ? EXIT.interrupted
      : result.failed || result.expectsFailed > 0 || closed.failures.length > 0
        ? EXIT.failed
        : EXIT.ok;
    if (json) {
      const end = {
        stopped: result.failed,
        interrupted: result.interrupted,
        up: keep && nodes + strays > 0,
        teardownFailures: closed.failures.map(String),
        exitCode: code,
      };
      json.line(resultRecord(source.name, lab, json.expects, end));
    } else if (keep && nodes + strays > 0)
      io.out(
        io.c.dim(
          `lab '${lab}' is up (${plural(nodes, "node")}${also}); remove it with: netl down ${lab}; work in it with: netl attach ${lab}`,
        ),
      );
    else if (keep) io.out(io.c.dim(`lab '${lab}' is empty: nothing was left up`));
    else if (closed.removed.length > 0)
      io.out(io.c.dim(`removed lab '${lab}' (${plural(closed.removed.length, "namespace")})`));
    if (endsWithSandbox && !json) io.out(io.c.dim(ROOTLESS_RUN_ENDS));
    return code;
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
  const totals = { passed: 0, failed: 0 };
  for (const file of files) {
    if (files.length > 1 && options.lab) {
      io.err("--lab names one lab; with several files each gets its own (the file's name)");
      return EXIT.usage;
    }
    const code = await runFile("test", file, options, io, totals);
    worst = Math.max(worst, code);
    if (code === EXIT.interrupted) break;
  }
  // --json: the last line sums every file up.
  if (options.json) io.out(JSON.stringify({ kind: "summary", files: files.length, ...totals, exitCode: worst }));
  return worst;
}
