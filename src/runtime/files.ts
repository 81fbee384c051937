// `save` and `load`: the two statements that read or write a file of the user's.
import { writeFileSync } from "node:fs";
import type { FileStmt, LabStatement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { textError } from "../../grammar/text.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import { isEvaluable } from "../interpreter/index.js";
import { MAX_FILE_WORDS, readTextFile } from "./text-file.js";

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "no such file"
    : code === "EISDIR"
      ? "it is a folder"
      : code === "EACCES"
        ? "permission denied"
        : String(code ?? e);
};

/** `save "FILE"`: write `text` (the lab as a script, present/save.ts) where the statement says. */
export function saveFile(stmt: FileStmt, text: string): Result<void> {
  try {
    writeFileSync(stmt.path, text);
  } catch (e) {
    return fail(netlError("check", "bad-file", `cannot write ${stmt.path}: ${why(e)}`, { span: stmt.pathSpan }));
  }
  return ok(undefined);
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
  const notText = textError(text);
  if (notText) return fail({ ...notText, source: { name: stmt.path, text } });
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
