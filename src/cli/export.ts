// `netl export --format sh|containerlab FILE`: the lab a script builds as a standalone bash script, or as
// a containerlab topology (no root, changes nothing). The statements are stepped through the timeline
// exactly as `netl plan` does.
import { basename } from "node:path";
import { EXIT } from "../driver/exit.js";
import { labNameFor, readProgram } from "../driver/source.js";
import { emptyWorld, type World } from "../interpreter/world.js";
import { clabExport, clabYaml, DEFAULT_IMAGE } from "../present/export-clab.js";
import { type ShBlock, type ShCheck, shScript } from "../present/export-sh.js";
import { namespaceName } from "../runtime/session-types.js";
import type { ExportFormat } from "./formats.js";
import type { Io } from "./io.js";
import { walk } from "./static.js";
import { writeOutput } from "./write-out.js";

export { EXPORT_FORMATS, type ExportFormat } from "./formats.js";

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly output?: string;
  readonly prefix?: string;
  /** containerlab: the nodes' image. */
  readonly image?: string;
  /** With output: into another user's folder or over their file, or over a symbolic link (replaced). */
  readonly force?: boolean;
}

/** The script text for a checked program; undefined when the file cannot be read or is refused. */
export function exportSh(file: string, options: { prefix?: string; output?: string }, io: Io): string | undefined {
  const read = readProgram(file, io);
  if (!read) return undefined;
  const lab = labNameFor(file);
  const blocks: ShBlock[] = [];
  // Only expects written after the last change are about the lab as the script leaves it.
  let checks: ShCheck[] = [];
  for (const { text, step } of walk(read, file, options.prefix)) {
    if (step.kind === "transition" && step.transition.ops.length > 0) {
      // What an undo or redo takes back or brings back, from its summary (`undo block A -> B tcp 8080`).
      const moved = step.transition.summary.filter((l) => /^(undo|redo) /.test(l)).map((l) => l.slice(5));
      const what = /^(undo|redo)\b/.test(text) && moved.length > 0 ? `   (${moved.join("; ")})` : "";
      blocks.push({ text: `${text}${what}`, ops: step.transition.ops });
      checks = [];
    } else if (step.kind === "query" && (step.query.kind === "expect-ping" || step.query.kind === "expect-reach")) {
      checks.push({ text, query: step.query });
    }
  }
  const id = options.prefix ? `${options.prefix}-${lab}` : lab;
  return shScript({
    lab,
    source: read.source.name,
    script: options.output === undefined ? `${lab}.sh` : basename(options.output),
    blocks,
    checks,
    ns: namespaceName(options.prefix),
    logDir: `/run/netl-export/${id}.logs`,
    stateFile: `/run/netl-export/${id}.state`,
  });
}

/** The lab as a checked script leaves it: after every statement, undo, loop and load. */
export function finalWorld(read: NonNullable<ReturnType<typeof readProgram>>, file: string): World {
  let world: World = emptyWorld;
  for (const { timeline } of walk(read, file, undefined)) world = timeline.world;
  return world;
}

/** The topology file's text for a checked program (each warning printed); undefined when it cannot be read or is refused. */
export function exportClab(file: string, options: { image?: string; output?: string }, io: Io): string | undefined {
  const read = readProgram(file, io);
  if (!read) return undefined;
  const world = finalWorld(read, file);
  const { topology, warnings } = clabExport(world, { lab: labNameFor(file), image: options.image ?? DEFAULT_IMAGE });
  for (const w of warnings) io.err(`warning: ${w}`);
  const as = options.output === undefined ? `${topology.name}.clab.yml` : basename(options.output);
  return clabYaml(topology, { file: read.source.name, as });
}

export function exportCommand(file: string, options: ExportOptions, io: Io): number {
  const misplaced = options.format === "sh" ? options.image && "--image" : options.prefix && "--prefix";
  if (misplaced) {
    io.err(`${misplaced} does not go with --format ${options.format}`);
    return EXIT.usage;
  }
  const text = options.format === "sh" ? exportSh(file, options, io) : exportClab(file, options, io);
  if (text === undefined) return EXIT.usage;
  const force = options.force === true;
  if (options.output === undefined) process.stdout.write(text);
  else if (options.format === "sh") {
    if (!writeOutput(options.output, text, { mode: 0o755, force }, io)) return EXIT.failed;
    io.out(`wrote ${options.output} (bash ${options.output} up | down | check; run as root)`);
  } else {
    if (!writeOutput(options.output, text, { force }, io)) return EXIT.failed;
    io.out(
      `wrote ${options.output} (containerlab deploy -t ${options.output}; containerlab destroy -t ${options.output})`,
    );
  }
  return EXIT.ok;
}
