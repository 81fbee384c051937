// A failed model check as a value: phase "check", a stable code, the span of the offending
// source text, and a hint saying what to do instead.
import type { Span } from "../diagnostic.js";
import { fail, netlError, type Result } from "../diagnostic.js";

export function problem<T = never>(code: string, message: string, span: Span | undefined, hint: string): Result<T> {
  return fail(netlError("check", code, message, span ? { span, hint } : { hint }));
}
