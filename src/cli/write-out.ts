// `-o FILE` of `netl export` and `netl graph`: written as runtime/safe-write.ts does (never through a
// symbolic link, never into another user's folder or file unless --force), or said why not.
import { showControls } from "../../grammar/control.js";
import { writeSafely } from "../runtime/safe-write.js";
import type { Io } from "./io.js";

/** Whether `text` is now in `path`; when not, the reason is said on standard error. */
export function writeOutput(path: string, text: string, options: { mode?: number; force?: boolean }, io: Io): boolean {
  const refused = writeSafely(path, text, options);
  if (refused === undefined) return true;
  const hint = refused.hint ?? (refused.forcible ? "if that is really meant, say so: --force" : undefined);
  io.err(showControls(`netl: ${refused.message}${hint ? `\n  hint: ${hint}` : ""}`));
  return false;
}
