// `netl check` and `netl plan`: read a script, change nothing, need no root.

import { EXIT } from "../driver/exit.js";
import { labNameFor, readProgram } from "../driver/source.js";
import { hostStem } from "../interpreter/host-names.js";
import { lower } from "../interpreter/ops/lower.js";
import type { Query } from "../interpreter/plan.js";
import { type Step, step } from "../interpreter/step.js";
import { emptyTimeline, type Timeline } from "../interpreter/timeline.js";
import { HOST } from "../interpreter/world.js";
import { shellLine } from "../present/shell-line.js";
import { loadFile } from "../runtime/files.js";
import { namespaceName } from "../runtime/session-types.js";
import type { Io } from "./io.js";

export function checkCommand(files: readonly string[], io: Io): number {
  let code: number = EXIT.ok;
  for (const file of files) {
    const read = readProgram(file, io, [], hostStem(labNameFor(file), undefined));
    if (!read) code = EXIT.usage;
    else io.out(`${read.source.name}: ok (${read.program.statements.length} statements)`);
  }
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
): Generator<{ readonly text: string; readonly step: Step; readonly timeline: Timeline }> {
  const { source, program } = read;
  // The machine is not read: host links are not checked against its routes here, only when run.
  const machine = { stem: hostStem(labNameFor(file), prefix) };
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
  for (const { text, step: done } of walk(read, file, options.prefix)) {
    io.out(`# ${text}`);
    if (done.kind === "transition") for (const op of done.transition.ops) io.out(shellLine(lower(op, ns).command));
    else if (done.kind === "query") for (const line of queryLines(done.query, ns)) io.out(line);
  }
  return EXIT.ok;
}
