// `netl check` and `netl plan`: read a script, change nothing, need no root.

import type { NetlError } from "../diagnostic.js";
import { EXIT } from "../driver/exit.js";
import { defaultLab, labNameFor, readProgram } from "../driver/source.js";
import { hostStem } from "../interpreter/host-names.js";
import { lower } from "../interpreter/ops/lower.js";
import type { Query } from "../interpreter/plan.js";
import { type Step, step } from "../interpreter/step.js";
import { emptyTimeline, type Timeline } from "../interpreter/timeline.js";
import { HOST } from "../interpreter/world.js";
import { type DiagnosticJson, diagnosticJson } from "../present/diagnostics.js";
import { backgroundLine, shellLine } from "../present/shell-line.js";
import { plural } from "../present/words.js";
import { loadFile } from "../runtime/files.js";
import { namespaceName } from "../runtime/session-types.js";
import type { Io } from "./io.js";

/** `json`: the diagnostics as one JSON array on standard output, the text still on standard error. */
export function checkCommand(files: readonly string[], io: Io, options: { json?: boolean } = {}): number {
  let code: number = EXIT.ok;
  const diagnostics: DiagnosticJson[] = [];
  for (const file of files) {
    const errors: NetlError[] = [];
    const read = readProgram(file, io, { found: errors, stem: hostStem(labNameFor(file), undefined) });
    diagnostics.push(...errors.map((e) => diagnosticJson(e, file)));
    if (!read) code = EXIT.usage;
    else if (!options.json) io.out(`${read.source.name}: ok (${plural(read.program.statements.length, "statement")})`);
  }
  if (options.json) io.out(JSON.stringify(diagnostics));
  return code;
}

function queryLines(q: Query, ns: (node: string) => string): string[] {
  switch (q.kind) {
    case "ping": {
      const where = q.from === HOST ? [] : ["ip", "netns", "exec", ns(q.from)];
      return q.address ? [shellLine([...where, "ping", "-c", String(q.count), "-W", "1", q.address])] : [];
    }
    case "expect-ping":
      return q.negated ? [`# expect: no reply from ${q.ping.target}`] : queryLines(q.ping, ns);
    case "exec":
      return [shellLine(["ip", "netns", "exec", ns(q.node), "sh", "-c", q.command])];
    case "pingall":
      return q.pings.flatMap((p) => queryLines(p, ns));
    case "why":
      return [`# why: ping ${q.ping.address ?? q.ping.target} from ${q.ping.from}, then ip route get hop by hop`];
    case "show":
      return q.node === undefined ? [] : [shellLine(["ip", "-n", ns(q.node), "-br", "addr"])];
    case "expect-reach":
      return [
        `# expect: ${q.negated ? "no " : ""}${q.protocol} from ${q.from} to ${q.address ?? q.target} port ${q.port}`,
      ];
    case "logs":
    case "ps":
    case "graph":
      return [];
  }
}

/** A checked script's statements in order, each with its text and what it does to the timeline. */
export function* walk(
  read: NonNullable<ReturnType<typeof readProgram>>,
  file: string,
  prefix: string | undefined,
  lab = labNameFor(file),
): Generator<{ readonly text: string; readonly step: Step; readonly timeline: Timeline }> {
  const { source, program } = read;
  // The machine is not read: host links are not checked against its routes here, only when run.
  const machine = { stem: hostStem(lab, prefix) };
  let timeline: Timeline = emptyTimeline;
  for (const stmt of program.statements) {
    const text = source.text.slice(stmt.span.offset, stmt.span.endOffset);
    const next = step(timeline, stmt, text, loadFile, machine);
    if (!next.ok) return; // unreachable: readProgram checked the whole script
    if (next.value.kind === "transition") timeline = next.value.transition.next;
    yield { text, step: next.value, timeline };
  }
}

export function planCommand(file: string, options: { prefix?: string }, io: Io): number {
  const read = readProgram(file, io);
  if (!read) return EXIT.usage;
  const ns = namespaceName(options.prefix);
  io.out(`# netl plan ${read.source.name}: paste into a root shell to build the same lab`);
  // The lab `netl run --prefix P FILE` would make, so the host ends are named as it names them.
  for (const { text, step: done } of walk(read, file, options.prefix, defaultLab(file, options.prefix))) {
    io.out(`# ${text}`);
    // A spawn goes in the background, as netl runs it: pasted, it must not hold the lines after it.
    if (done.kind === "transition")
      for (const op of done.transition.ops) {
        const command = lower(op, ns).command;
        io.out(op.kind === "proc.start" ? backgroundLine(command) : shellLine(command));
      }
    else if (done.kind === "query") for (const line of queryLines(done.query, ns)) io.out(line);
  }
  return EXIT.ok;
}
