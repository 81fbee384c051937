// One error type for every stage: lexing, parsing, model checks, kernel failures.
// Errors travel between stages as values; only programmer bugs throw.

/** 1-based, inclusive start and exclusive end column; offsets are 0-based into the source. */
export interface Span {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly offset: number;
  readonly endOffset: number;
}

export type Phase = "lex" | "parse" | "check" | "kernel" | "usage";

/** A kernel command that failed: its argv as a person would type it, and what it printed. */
export interface FailedCommand {
  readonly argv: readonly string[];
  readonly stderr: string;
  /** For a rollback or teardown step: what it works on, in words, and what it was to do to it. */
  readonly object?: KernelObject;
}

/** `{ words: "namespace nlt-x-A", action: "remove" }`: the argv would remove it (put it back, restore it). */
export interface KernelObject {
  readonly words: string;
  readonly action: "remove" | "put back" | "restore";
}

export interface NetlError {
  readonly phase: Phase;
  /** Stable, kebab-case, e.g. `unknown-node`; tests and tools may rely on it. */
  readonly code: string;
  readonly message: string;
  readonly span?: Span;
  /** The text the span points into when it is not the one being run (an error inside a `load`ed file). */
  readonly source?: { readonly name: string; readonly text: string };
  readonly hint?: string;
  /** Kernel errors: the command that failed. */
  readonly failed?: FailedCommand;
  /** Kernel errors: rollback steps that themselves failed (reported, never hidden). */
  readonly rollbackFailures?: readonly FailedCommand[];
}

export function netlError(
  phase: Phase,
  code: string,
  message: string,
  extra: Omit<NetlError, "phase" | "code" | "message"> = {},
): NetlError {
  return { phase, code, message, ...extra };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: NetlError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: NetlError): Result<T> => ({ ok: false, error });
