// Every message netl's code writes for a person, found in its source by the TypeScript compiler (an error's
// message and hint: `problem(…)`, `netlError(…)`, `message:`/`hint:` beside a `code:` or `hint:`), followed
// back through what passes it on (parameters, constants, function results, in any file); `‹n›` marks a value.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import ts from "typescript";
import { RESULTS, SINKS, WORDED } from "./message-sinks.js";
import {
  declarationOf,
  destructured,
  type Fn,
  functionName,
  isHandedOn,
  isWords,
  localFunction,
  returnsOf,
  scopeOf,
} from "./message-syntax.js";

export { tsFiles } from "./message-syntax.js";

export interface Found {
  readonly where: string; // src/file.ts:LINE
  /** Its forms, holes as `‹1›`, `‹2›`…; none when it could not be followed (`why` says what it was). */
  readonly texts: readonly string[];
  readonly why?: string;
}

/** Too many forms of one message (conditions within conditions): followed no further. */
const MAX_FORMS = 16;

/** The top-level functions and constants of every file scanned, by name: messages cross files. */
type Index = Map<string, { readonly scan: FileScan; readonly node: Fn | ts.VariableDeclaration }>;

class FileScan {
  readonly found: Found[] = [];
  private hole = 0;
  private readonly root: string;

  constructor(
    readonly sf: ts.SourceFile,
    root: string,
    private readonly file: string,
    private readonly index: Index,
    /** Every file scanned: a top-level function's callers may be anywhere. */
    private readonly all: readonly FileScan[],
  ) {
    this.root = root;
  }

  /** This file's top-level functions and constants, into the index. */
  declare(): void {
    for (const st of this.sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name) this.index.set(st.name.text, { scan: this, node: st });
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || d.initializer === undefined) continue;
          const init = d.initializer;
          const node = ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : d;
          this.index.set(d.name.text, { scan: this, node });
        }
    }
  }

  private where(n: ts.Node): string {
    return `${relative(this.root, this.file)}:${this.sf.getLineAndCharacterOfPosition(n.getStart(this.sf)).line + 1}`;
  }

  private nextHole(): string {
    this.hole += 1;
    return `‹${this.hole}›`;
  }

  /** The forms `e` can take as text, or a reason it cannot be followed here. */
  texts(e: ts.Expression, depth = 0): string[] | string {
    if (depth > 8) return "followed too deep";
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
      return this.texts(e.expression, depth);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isTemplateExpression(e)) {
      let forms = [e.head.text];
      for (const span of e.templateSpans) {
        const inner = this.holeForms(span.expression, depth);
        forms = forms.flatMap((f) => inner.map((i) => f + i + span.literal.text)).slice(0, MAX_FORMS);
      }
      return forms;
    }
    if (ts.isConditionalExpression(e)) return this.union([e.whenTrue, e.whenFalse], depth);
    if (
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    )
      return this.union([e.left, e.right], depth);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const l = this.texts(e.left, depth + 1);
      const r = this.texts(e.right, depth + 1);
      if (typeof l === "string" || typeof r === "string") return typeof l === "string" ? l : (r as string);
      return l.flatMap((a) => r.map((b) => a + b)).slice(0, MAX_FORMS);
    }
    if (ts.isIdentifier(e)) return e.text === "undefined" ? [] : this.identifier(e, depth);
    if (e.kind === ts.SyntaxKind.NullKeyword) return [];
    // An error's words handed on, whole or cut (`read.hint`, `e.message.slice(0, cut)`): followed where made.
    if (
      isHandedOn(e) ||
      (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && isHandedOn(e.expression.expression))
    )
      return [];
    if (ts.isPropertyAccessExpression(e)) return this.field(e, depth);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
      const name = e.expression.text;
      const fn = localFunction(this.sf, name);
      if (fn !== undefined) return this.returned(fn, name, depth);
      const there = this.index.get(name);
      if (there === undefined || ts.isVariableDeclaration(there.node)) return `a call of ${name}`;
      return there.scan.returned(there.node, name, depth);
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return `${e.getText(this.sf)}, passed on`;
    return `${ts.SyntaxKind[e.kind]} ${e.getText(this.sf).slice(0, 40)}`;
  }

  /** `kind.form`: the texts every object of this file gives that field (a table of words). */
  private field(e: ts.PropertyAccessExpression, depth: number): string[] | string {
    const values: ts.Expression[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === e.name.text)
        values.push(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
    return values.length === 0 ? `${e.getText(this.sf)}, passed on` : this.union(values, depth);
  }

  returned(fn: Fn, name: string, depth: number): string[] | string {
    const returned = returnsOf(fn);
    // A function that says nothing (returns undefined, or none at all) adds no message.
    const said = returned.filter(
      (r) => r.kind !== ts.SyntaxKind.UndefinedKeyword && r.getText(this.sf) !== "undefined",
    );
    return said.length === 0 ? `${name} returns nothing to follow` : this.union(said, depth);
  }

  /** A value filled into a template: its own forms when they are words (`s` or ``), else a hole. */
  private holeForms(e: ts.Expression, depth: number): string[] {
    const constant = ts.isIdentifier(e) ? declarationOf(e) : undefined;
    // A local function that says words of its own (`back(c)`: "on the way back: " or nothing).
    const said =
      ts.isCallExpression(e) && ts.isIdentifier(e.expression) ? localFunction(this.sf, e.expression.text) : undefined;
    const words =
      ts.isConditionalExpression(e) ||
      ts.isStringLiteral(e) ||
      (constant !== undefined && ts.isVariableDeclaration(constant) && isWords(constant.initializer)) ||
      (said !== undefined && returnsOf(said).length > 0 && returnsOf(said).every(isWords));
    if (words) {
      const t = this.texts(e, depth + 1);
      if (typeof t !== "string") return t;
    }
    return [this.nextHole()];
  }

  private union(es: readonly ts.Expression[], depth: number): string[] | string {
    const all: string[] = [];
    for (const x of es) {
      const t = this.texts(x, depth + 1);
      if (typeof t === "string") return t;
      all.push(...t);
    }
    return all.slice(0, MAX_FORMS);
  }

  private identifier(id: ts.Identifier, depth: number): string[] | string {
    const decl = declarationOf(id);
    // Taken out of an object (`const { message } = badCharacter(…)`): followed where that object was made.
    if (decl === undefined && destructured(id)) return [];
    if (decl === undefined) {
      const there = this.index.get(id.text);
      if (there !== undefined && ts.isVariableDeclaration(there.node) && there.node.initializer)
        return there.scan.texts(there.node.initializer, depth + 1);
      return `${id.text}, declared elsewhere`;
    }
    if (ts.isVariableDeclaration(decl))
      return decl.initializer ? this.texts(decl.initializer, depth + 1) : `${id.text}, never given`;
    // A parameter: the message comes from the function's callers in this file, each followed there.
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const name = functionName(fn);
    if (name === undefined) return `${id.text}, a parameter of an unnamed function`;
    // Its calls within the scope that declares it (two helpers of one name may live in two functions);
    // a function of the file's top level is called from other files too.
    const scope = scopeOf(fn) ?? this.sf;
    if (scope === this.sf) for (const scan of this.all) scan.sink(name, [index]);
    else this.sink(name, [index], scope);
    return [];
  }

  private readonly sunk = new Set<string>();

  /** Every call of `name` in `scope` (the file): its arguments at `indexes` are messages. */
  sink(name: string, indexes: readonly number[], scope: ts.Node = this.sf, data = false): void {
    const key = `${name}/${indexes.join(",")}/${scope.pos}/${data}`;
    if (this.sunk.has(key)) return;
    this.sunk.add(key);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name)
        for (const i of indexes) {
          const arg = n.arguments[i];
          if (arg !== undefined) this.add(arg, data);
        }
      ts.forEachChild(n, visit);
    };
    visit(scope);
  }

  add(e: ts.Expression, data = false): void {
    if (isHandedOn(e)) return;
    const t = this.texts(e);
    // Data worded as it passes (a change's summary, a query's answer): made, and checked, elsewhere.
    if (typeof t === "string" && data) return;
    if (typeof t === "string") this.found.push({ where: this.where(e), texts: [], why: t });
    else if (t.some((x) => x.trim() !== ""))
      this.found.push({ where: this.where(e), texts: t.filter((x) => x.trim() !== "") });
  }

  /** The results of the functions that make messages. */
  results(): void {
    const file = relative(this.root, this.file);
    for (const name of RESULTS[file] ?? []) {
      const fn = localFunction(this.sf, name);
      // A function's lines (an array of them): each line a message.
      const lines = (r: ts.Expression) => (ts.isArrayLiteralExpression(r) ? r.elements : [r]);
      if (fn !== undefined)
        for (const r of returnsOf(fn)) for (const e of lines(r)) if (!ts.isSpreadElement(e)) this.add(e);
    }
  }

  /** Object literals that are errors: `message:` and `hint:` beside a `code:` or a `hint:`. */
  properties(): void {
    const visit = (n: ts.Node) => {
      if (
        ts.isPropertyAssignment(n) &&
        ts.isIdentifier(n.name) &&
        /^build\w*Message$/.test(n.name.text) &&
        (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
      )
        for (const r of returnsOf(n.initializer)) this.add(r);
      if (ts.isObjectLiteralExpression(n)) {
        const named = (k: string): ts.Expression | undefined => {
          for (const p of n.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === k) return p.initializer;
            if (ts.isShorthandPropertyAssignment(p) && p.name.text === k) return p.name;
          }
          return undefined;
        };
        const hint = named("hint");
        const message = named("message");
        if (hint) this.add(hint);
        // A refusal (runtime/safe-write.ts): a message alone, or one `force` would pass.
        const alone = n.properties.length === 1 || named("forcible") !== undefined;
        if (message && (hint || named("code") || alone)) this.add(message);
      }
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
  }
}

/** The messages of files given by name and text, each once. */
export function messagesOf(files: ReadonlyArray<{ name: string; text: string }>, root: string): Found[] {
  const index: Index = new Map();
  const scans: FileScan[] = [];
  for (const f of files)
    scans.push(
      new FileScan(ts.createSourceFile(f.name, f.text, ts.ScriptTarget.Latest, true), root, f.name, index, scans),
    );
  for (const scan of scans) scan.declare();
  for (const scan of scans) {
    for (const [name, indexes] of Object.entries(SINKS)) scan.sink(name, indexes);
    for (const [name, indexes] of Object.entries(WORDED)) scan.sink(name, indexes, scan.sf, true);
    scan.properties();
    scan.results();
  }
  const seen = new Set<string>();
  return scans
    .flatMap((s) => s.found)
    .filter((f) => {
      const key = `${f.where} ${f.why ?? ""} ${f.texts.join("|")}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function messagesIn(files: readonly string[], root: string): Found[] {
  return messagesOf(
    files.map((name) => ({ name, text: readFileSync(name, "utf8") })),
    root,
  );
}
