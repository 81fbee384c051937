// netl for the start-up snapshot (docs/ARCHITECTURE.md, "Start-up"): scripts/build.mjs bundles it into
// scripts/snapshot.cjs, which runs it under `node --build-snapshot`: `warm` checks and plans an
// example (two-hosts.netl), so the lexer and parser (built on first use, ~15 ms) and what `check` and
// `plan` load are in the snapshot; `start` is the program, run when the snapshot is deserialised.
// Nothing here may keep what only the start knows (arguments, environment, terminal, where dist/ is):
// main.ts reads those when it runs.
import pc from "picocolors";
import type { Io } from "./cli/io.js";
import { checkCommand, planCommand } from "./cli/static.js";

export { start } from "./cli/main.js";

/** Check and plan `files` (an example), printing nothing. */
export function warm(files: readonly string[]): void {
  const quiet: Io = { out: () => {}, err: () => {}, c: pc.createColors(false) };
  checkCommand(files, quiet);
  for (const file of files) planCommand(file, {}, quiet);
}
