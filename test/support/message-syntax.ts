// The parts of TypeScript's syntax tree that the message scan (message-sources.ts) follows: where a
// name is declared, a function's results, the files to read.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory() && e.name !== "generated") out.push(...tsFiles(path));
    else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

export function destructured(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n !== undefined; n = n.parent)
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      let found = false;
      const visit = (x: ts.Node) => {
        if (ts.isBindingElement(x) && ts.isIdentifier(x.name) && x.name.text === id.text) found = true;
        else if (!found) ts.forEachChild(x, visit);
      };
      visit(n);
      if (found) return true;
    }
  return false;
}

export function declarationOf(id: ts.Identifier): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
  // The nearest enclosing scope that declares it: parameters of enclosing functions, then the file's
  // and the enclosing blocks' constants.
  for (let n: ts.Node | undefined = id.parent; n !== undefined; n = n.parent) {
    if (isFn(n)) {
      const p = n.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === id.text);
      if (p) return p;
    }
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      for (const st of n.statements)
        if (ts.isVariableStatement(st))
          for (const d of st.declarationList.declarations)
            if (ts.isIdentifier(d.name) && d.name.text === id.text) return d;
    }
  }
  return undefined;
}

export function localFunction(sf: ts.SourceFile, name: string): Fn | undefined {
  let found: Fn | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isFunctionDeclaration(n) && n.name?.text === name) found = n;
    else if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === name &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    )
      found = n.initializer;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** A constant's value that is words of its own (a text, or a choice of texts), not a value shown. */
export const isWords = (e: ts.Expression | undefined): boolean =>
  e !== undefined &&
  (ts.isStringLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    ts.isTemplateExpression(e) ||
    (ts.isParenthesizedExpression(e) && isWords(e.expression)) ||
    (ts.isConditionalExpression(e) && isWords(e.whenTrue) && isWords(e.whenFalse)));

export const isFn = (n: ts.Node): n is Fn =>
  ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);

/** The block or file a function's name is declared in. */
export function scopeOf(fn: ts.SignatureDeclaration): ts.Node | undefined {
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  for (let n: ts.Node | undefined = decl.parent; n !== undefined; n = n.parent)
    if (ts.isBlock(n) || ts.isSourceFile(n)) return n;
  return undefined;
}

export function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  const p = fn.parent;
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

export function returnsOf(fn: Fn): ts.Expression[] {
  if (fn.body === undefined) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (isFn(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

/** An error's words handed on (`read.hint`, `e.message`): followed where they were made. */
export const isHandedOn = (e: ts.Expression): boolean =>
  (ts.isPropertyAccessExpression(e) && (e.name.text === "message" || e.name.text === "hint")) ||
  // Cut where it is long (present/clip.ts), it is still the message it was handed.
  (ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === "clipWords" &&
    e.arguments[0] !== undefined &&
    isHandedOn(e.arguments[0]));
