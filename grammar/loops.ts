// Loops: `for i in 1..4 { … }` expands to its body once per value, each `{expr}` (an integer
// expression of the loop variables: + - * and parentheses) filled in, and that text parsed again.
// An error in an iteration points into that iteration's text and says which value made it.

import { append } from "../src/append.js";
import type { Span } from "../src/diagnostic.js";
import { fail, type NetlError, netlError, ok, type Result } from "../src/diagnostic.js";
import type { ForStmt, Statement } from "./ast.js";
import { parse } from "./index.js";
import { spanAt } from "./spans.js";

/**
 * What a file (or one statement typed at the prompt) may expand to, loops included, checked before
 * anything runs: more is a mistake, not a lab, and would take the machine's memory. An iteration
 * counts its statements (at least one), and its body's text counts too: a short file of long bodies
 * cannot get round the count.
 */
export const MAX_STATEMENTS = 100_000;
export const MAX_EXPANDED_TEXT = 16 * 1024 * 1024;
/** Loops inside loops, and parentheses inside a `{expr}`, deeper than this. */
export const MAX_DEPTH = 32;

/** What is left of a file's expansion (MAX_STATEMENTS, MAX_EXPANDED_TEXT); each use takes from it. */
export interface Budget {
  statements: number;
  text: number;
}

export const newBudget = (): Budget => ({ statements: MAX_STATEMENTS, text: MAX_EXPANDED_TEXT });

/** The error for a file that expands to more than its budget, at the statement that went over. */
export const tooManyStatements = (span: Span): NetlError =>
  netlError("parse", "too-many-statements", `a file may expand to at most ${MAX_STATEMENTS} statements`, {
    span,
    hint: "loops count every statement of every iteration: split the lab, or use smaller ranges",
  });

/** One statement of an expanded loop, with the text it was parsed from. */
export interface Expanded {
  readonly stmt: Statement;
  /** The iteration's text (the body with its values filled in), and its name for error messages. */
  readonly source: { readonly name: string; readonly text: string };
  /** Where that text starts, in its loop's source, then in the loop around that…: an error is moved there (`placeError`). */
  readonly at: readonly ForStmt["bodyAt"][];
}

type Vars = ReadonlyMap<string, number>;

/** An integer expression over bound variables; undefined when it is not one (or names an unbound one). */
export function evaluateExpr(expr: string, vars: Vars): number | undefined {
  const tokens = expr.match(/\d+|[A-Za-z_]\w*|[-+*()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const primary = (): number | undefined => {
    const t = tokens[at++];
    if (t === undefined) return undefined;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return vars.get(t);
    if (t === "-") {
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (t === "(") {
      const v = sum();
      return tokens[at++] === ")" ? v : undefined;
    }
    return undefined;
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined && peek() === "*") {
      at++;
      const r = primary();
      v = r === undefined ? undefined : v * r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (peek() === "+" || peek() === "-")) {
      const op = tokens[at++];
      const r = product();
      v = r === undefined ? undefined : op === "+" ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return at === tokens.length ? v : undefined;
}

/** Each `{expr}` whose variables are all bound, replaced by its value; the rest (an inner loop's) stay. */
export function fillIn(text: string, vars: Vars): string {
  return text.replace(/\{([^{}\n]*)\}/g, (whole, expr: string) => {
    const v = evaluateExpr(expr, vars);
    return v === undefined ? whole : String(v);
  });
}

/** `(i = 3, j = 1)`: the values an iteration was made with. */
const valuesText = (vars: Vars): string => [...vars].map(([k, v]) => `${k} = ${v}`).join(", ");

/**
 * An error in an iteration's text, moved to where the body is in the source: its lines and columns
 * are the file's, and the text shown is the iteration's, placed there. (Done once, for the error:
 * padding every iteration's text would make a long loop late in a file cost its length squared.)
 */
export function placeError(error: NetlError, at: ForStmt["bodyAt"]): NetlError {
  const { span, source } = error;
  if (span === undefined || source === undefined) return error;
  const pad = `${"\n".repeat(at.line - 1)}${" ".repeat(at.col - 1)}`;
  const col = (line: number, c: number) => (line === 1 ? c + at.col - 1 : c);
  return {
    ...error,
    span: {
      line: span.line + at.line - 1,
      col: col(span.line, span.col),
      endLine: span.endLine + at.line - 1,
      endCol: col(span.endLine, span.endCol),
      offset: span.offset + pad.length,
      endOffset: span.endOffset + pad.length,
    },
    source: { ...source, text: pad + source.text },
  };
}

function atIteration(error: NetlError, vars: Vars, text: string, at: ForStmt["bodyAt"]): NetlError {
  return placeError(
    {
      ...error,
      message: `${error.message} (with ${valuesText(vars)})`,
      source: { name: `loop (${valuesText(vars)})`, text },
    },
    at,
  );
}

/** The offset in `body` of a `{expr}` whose parentheses nest deeper than MAX_DEPTH. */
function tooDeepExpression(body: string): number | undefined {
  for (const m of body.matchAll(/\{[^{}\n]*\}/g)) {
    let depth = 0;
    for (const ch of m[0]) {
      if (ch === "(" && ++depth > MAX_DEPTH) return m.index;
      if (ch === ")") depth--;
    }
  }
  return undefined;
}

const tooDeep = (span: Span): NetlError =>
  netlError("parse", "loops-too-deep", `loops may be nested at most ${MAX_DEPTH} deep`, {
    span,
    hint: "write the inner loops out, or split the lab",
  });

/** A loop whose body has a `{expr}` nested too deep, refused before any iteration is expanded. */
function refusedLoop(stmt: ForStmt): NetlError | undefined {
  const deep = tooDeepExpression(stmt.body);
  if (deep === undefined) return undefined;
  const error = netlError("parse", "expression-too-deep", `parentheses may be nested at most ${MAX_DEPTH} deep`, {
    span: spanAt(stmt.body, deep, 1),
    source: { name: "loop", text: stmt.body },
    hint: "write the expression with fewer parentheses",
  });
  return placeError(error, stmt.bodyAt);
}

/**
 * The loop's statements, iteration by iteration (inner loops expanded in place), taken from `budget`:
 * the file's when given (every loop of a file together), else this statement's own.
 */
export function expandFor(
  stmt: ForStmt,
  outer: Vars = new Map(),
  budget: Budget = newBudget(),
  depth = 1,
): Result<Expanded[]> {
  const refused = refusedLoop(stmt);
  if (refused) return fail(refused);
  if (stmt.to < stmt.from)
    return fail(
      netlError("parse", "empty-loop", `the range ${stmt.from}..${stmt.to} is empty`, {
        span: stmt.span,
        hint: `write the smaller bound first, such as 1..${stmt.from}`,
      }),
    );
  const out: Expanded[] = [];
  for (let v = stmt.from; v <= stmt.to; v++) {
    const vars = new Map([...outer, [stmt.variable.text, v]]);
    const text = fillIn(stmt.body, vars);
    budget.text -= text.length;
    if (budget.text < 0) return fail(tooMuchText(stmt.span));
    const { program, errors } = parse(text);
    const [first] = errors;
    if (first !== undefined) return fail(atIteration(first, vars, text, stmt.bodyAt));
    budget.statements -= Math.max(1, program.statements.filter((inner) => inner.kind !== "for").length);
    if (budget.statements < 0) return fail(tooManyStatements(stmt.span));
    for (const inner of program.statements) {
      if (inner.kind === "for") {
        if (depth >= MAX_DEPTH) return fail(atIteration(tooDeep(inner.span), vars, text, stmt.bodyAt));
        const nested = expandFor(inner, vars, budget, depth + 1);
        if (!nested.ok) return fail(placeError(nested.error, stmt.bodyAt));
        append(
          out,
          nested.value.map((e) => ({ ...e, at: [...e.at, stmt.bodyAt] })),
        );
      } else out.push({ stmt: inner, source: { name: `loop (${valuesText(vars)})`, text }, at: [stmt.bodyAt] });
    }
  }
  return ok(out);
}

const tooMuchText = (span: Span): NetlError =>
  netlError(
    "parse",
    "loop-too-long",
    `loops may expand to at most ${MAX_EXPANDED_TEXT / 1024 / 1024} MiB of text in a file`,
    { span, hint: "a long body repeated many times: split the lab, or use smaller ranges" },
  );

/** An error in an expanded statement's text, moved to its place in the source through every loop around it. */
export const placeIn = (error: NetlError, e: Expanded): NetlError => e.at.reduce(placeError, error);
