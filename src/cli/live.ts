// `netl run` and `netl test`: build a lab from a script in the real kernel.

import type { NetlError } from "../diagnostic.js";
import { namespacesAhead } from "../driver/changes.js";
import type { Driver } from "../driver/driver.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { runScript, type ScriptResult } from "../driver/script.js";
import { openLab, prestartFor } from "../driver/setup.js";
import { defaultLab, readProgram } from "../driver/source.js";
import { hostStem } from "../interpreter/host-names.js";
import { STILL_REMOVING, STILL_ROLLING_BACK } from "../present/interrupt.js";
import type { Io } from "../present/io.js";
import { errorJson } from "../present/json.js";
import { renderError } from "../present/render-error.js";
import { ROOTLESS_RUN_ENDS } from "../present/rootless.js";
import { plural } from "../present/words.js";
import { insideSandbox } from "../runtime/sandbox-env.js";
import { type ServeFlags, serveAt, wantsPage } from "../serve/at.js";
import { type ExpectRecord, jsonOut } from "./json-out.js";
import { interruption, signalExit } from "./signals.js";

export interface LiveOptions extends ServeFlags {
  readonly prefix?: string;
  readonly lab?: string;
  readonly explain?: boolean;
  /** run: tear the lab down at the end (test always does). */
  readonly down?: boolean;
  /** JSON Lines on standard output instead of text (json-out.ts, docs/JSON.md). */
  readonly json?: boolean;
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
  // Its build's helpers start while it is read and checked (prestart.ts), the lab's lock taken by one.
  const build = prestartFor(lab);
  // Its namespaces are made ahead, unnamed, while it is checked: named only once it runs.
  const read = readProgram(file, io, {
    found: errors,
    stem: hostStem(lab, options.prefix),
    parsed: (program) => build.expect(namespacesAhead(program.statements)),
  });
  if (!read) {
    build.drop();
    return notRun(errors, true);
  }
  const { source, program, planned } = read;
  // --serve: the page first, so it shows the lab being built.
  const serving = mode === "run" && wantsPage(options) ? await import("../serve/start.js") : undefined;
  const page = await serving?.startPage(
    options,
    io,
    json ? (url) => json.line({ kind: "page", file, url }) : undefined,
  );
  if (serving && page === undefined) {
    build.drop();
    return EXIT.usage;
  }
  const lockTaken = await build.lock;
  const opened = openLab(
    {
      lab,
      prefix: options.prefix,
      explain: options.explain,
      page,
      serveAt: serveAt(options),
      prestarted: build.pool,
      lockTaken,
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
  if (!opened.ok) {
    await page?.close();
    return notRun([opened.error], false);
  }
  const driver = opened.value;
  // From here a signal stops the statement in flight and the lab is put right before netl ends.
  const interrupt = interruption(io, { busy: STILL_ROLLING_BACK, removing: STILL_REMOVING });
  // A rootless lab cannot outlive its sandbox: it is taken down as with --down, and that is said.
  const endsWithSandbox = mode === "run" && !options.down && insideSandbox();
  const keep = mode === "run" && !options.down && !endsWithSandbox;
  try {
    let result: ScriptResult;
    try {
      // A kernel that lacks what the script needs (netem) is told before anything is built.
      const kernel = await driver.requireKernelFor(program.statements);
      if (!kernel.ok) {
        interrupt.tearingDown();
        await driver.close(false);
        return notRun([kernel.error], false, source.text);
      }
      result = await runScript(driver, program, source, io, interrupt.signal, json?.printer, planned);
    } catch (e) {
      // netl's own failure (a bug, a program it cannot start): the lab still goes (test, --down) or
      // stays and is said (run), as after any failed statement; then the error is told.
      if (!keep) interrupt.tearingDown();
      await sayEnd(driver, await driver.close(keep).catch(() => TEARDOWN_FAILED), { lab, keep, io });
      throw e;
    }
    totals.passed += result.expectsPassed;
    totals.failed += result.expectsFailed;
    const total = result.expectsPassed + result.expectsFailed;
    if (!json && (mode === "test" || total > 0)) {
      io.out(
        `${source.name}: ${result.expectsPassed} passed, ${result.expectsFailed} failed${result.failed ? " (stopped at a failed statement)" : ""}`,
      );
    }
    // A page served (--serve, or `serve` in the script) stays until Ctrl-C; then the run ends as it would.
    const url = driver.page.page?.url;
    if (mode === "run" && url && !result.interrupted) {
      if (!json)
        io.out(io.c.dim(`serving the live page at ${url}; Ctrl-C stops it${keep ? " (the lab stays up)" : ""}`));
      const { untilStopped } = await import("../serve/start.js");
      await untilStopped();
    }
    if (!keep) interrupt.tearingDown();
    const closed = await driver.close(keep);
    const stopped = interrupt.received();
    const code =
      result.interrupted && stopped
        ? signalExit(stopped)
        : result.failed || result.expectsFailed > 0 || closed.failures.length > 0
          ? EXIT.failed
          : EXIT.ok;
    if (json) {
      for (const f of closed.failures) io.err(io.c.red(`teardown: ${f}`));
      const strays = driver.namespaces.length - driver.world.nodes.size;
      const end = {
        stopped: result.failed,
        interrupted: result.interrupted,
        up: keep && driver.world.nodes.size + strays > 0,
        teardownFailures: closed.failures.map(String),
        exitCode: code,
      };
      json.line(resultRecord(source.name, lab, json.expects, end));
    } else sayEnd(driver, closed, { lab, keep, io });
    if (endsWithSandbox && !json) io.out(io.c.dim(ROOTLESS_RUN_ENDS));
    return code;
  } finally {
    interrupt.dispose();
    await page?.close();
  }
}

const TEARDOWN_FAILED = { removed: [] as string[], failures: ["the teardown itself failed"] };

/** What a closed lab left: its teardown's failures, and what is up (kept) or what was removed. */
function sayEnd(
  driver: Driver,
  closed: { removed: readonly string[]; failures: readonly string[] },
  { lab, keep, io }: { lab: string; keep: boolean; io: Io },
): void {
  for (const f of closed.failures) io.err(io.c.red(`teardown: ${f}`));
  const nodes = driver.world.nodes.size;
  const strays = driver.namespaces.length - nodes;
  const also = strays > 0 ? `, and ${plural(strays, "namespace")} a failed rollback left behind` : "";
  if (keep && nodes + strays > 0)
    io.out(
      io.c.dim(
        `lab '${lab}' is up (${plural(nodes, "node")}${also}); remove it with: netl down ${lab}; work in it with: netl attach ${lab}`,
      ),
    );
  else if (keep) io.out(io.c.dim(`lab '${lab}' is empty: nothing was left up`));
  else if (closed.removed.length > 0)
    io.out(io.c.dim(`removed lab '${lab}' (${plural(closed.removed.length, "namespace")})`));
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
    // Stopped by a signal (128 + its number): the files after it are not run.
    if (code > 128) break;
  }
  // --json: the last line sums every file up.
  if (options.json) io.out(JSON.stringify({ kind: "summary", files: files.length, ...totals, exitCode: worst }));
  return worst;
}
