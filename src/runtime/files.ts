// `save` and `load`: the two statements that read or write a file of the user's. `save` writes as
// runtime/safe-write.ts does: never through a symbolic link, never into another user's folder or file
// unless the statement says `force`.
import type { FileStmt, LabStatement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import { isEvaluable } from "../interpreter/index.js";
import { writeSafely } from "./safe-write.js";
import { MAX_FILE_WORDS, readTextFile } from "./text-file.js";

/** `save "FILE" [force]`: write `text` (the lab as a script, present/save.ts) where the statement says. */
export function saveFile(stmt: FileStmt, text: string): Result<void> {
  const refused = writeSafely(stmt.path, text, { force: stmt.force === true });
  if (refused === undefined) return ok(undefined);
  const hint =
    refused.hint ?? (refused.forcible ? `if that is really meant, say so: save "${stmt.path}" force` : undefined);
  return fail(netlError("check", "bad-file", refused.message, { span: stmt.pathSpan, ...(hint ? { hint } : {}) }));
}

export interface LoadedFile {
  readonly text: string;
  readonly statements: readonly LabStatement[];
}

/** `load "FILE"`: a regular file of at most MAX_FILE_BYTES, of text (text-file.ts, grammar/text.ts), parsed. */
export function loadFile(stmt: FileStmt): Result<LoadedFile> {
  const read = readTextFile(stmt.path, false);
  if (!read.ok)
    return fail(
      netlError("check", "bad-file", `cannot load ${stmt.path}: ${read.why}`, {
        span: stmt.pathSpan,
        hint: `load takes a regular file of netl text, at most ${MAX_FILE_WORDS}`,
      }),
    );
  const text = read.text;
  // A control character (a NUL of a binary file among them) is refused by parse, at its position.
  const { program, errors } = parse(text);
  const first = errors[0];
  if (first) return fail({ ...first, source: { name: stmt.path, text } });
  const statements: LabStatement[] = [];
  for (const s of program.statements) {
    if (!isEvaluable(s)) {
      return fail(
        netlError("check", "not-in-load", `'${s.kind}' cannot be used inside a loaded file`, {
          span: s.span,
          source: { name: stmt.path, text },
          hint: "a loaded file builds lab; undo the whole load with one undo",
        }),
      );
    }
    statements.push(s);
  }
  return ok({ text, statements });
}
