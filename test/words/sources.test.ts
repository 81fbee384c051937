// Every message netl's code makes for a person (an error's message and hint, wherever it is made in
// src/ and grammar/) has its Chinese: the source is read with the TypeScript compiler, each message
// followed to its words (test/support/message-sources.ts), its holes filled with stand-ins, and the
// sentence must fit a known shape that says more than any other it fits (words/phrases.ts) whose English is the sentence itself and
// whose Chinese is written as Chinese is (test/support/zh-text.ts). Sources that break the rule are
// fed to it too, so a check that could never fail would show.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { say } from "../../src/words/catalogue.js";
import { allShapes } from "../../src/words/phrases.js";
import { fitsOf } from "../../src/words/shapes.js";
import { type Found, messagesIn, messagesOf, tsFiles } from "../support/message-sources.js";
import { textProblems } from "../support/zh-text.js";

const ROOT = join(import.meta.dirname, "../..");
/** The catalogue words itself (test/words/catalogue.test.ts); an editor's diagnostics stay English. */
const NOT_SCANNED = [join(ROOT, "src/words"), join(ROOT, "src/lsp")];

/** What is wrong with the messages found; [] when nothing is. */
function problemsOf(found: readonly Found[]): string[] {
  const problems: string[] = [];
  for (const f of found) {
    if (f.why !== undefined) {
      problems.push(`${f.where}: a message not followed to its words (${f.why})`);
      continue;
    }
    for (const text of f.texts) {
      const fits = fitsOf(allShapes(), text);
      if (fits.length === 0 || fits[0]?.words === fits[1]?.words) {
        problems.push(`${f.where}: ${JSON.stringify(text)} fits ${fits.length} known shapes, none saying most`);
        continue;
      }
      const m = fits[0]?.pattern.exec(text);
      const message = m ? fits[0]?.message(m) : undefined;
      if (message === undefined) continue;
      if (say("en", message) !== text) problems.push(`${f.where}: ${JSON.stringify(text)} is worded back otherwise`);
      problems.push(...textProblems(`${f.where} ${message.id}`, text, say("zh", message)));
    }
  }
  return problems;
}

const scanned = (dir: string) => tsFiles(join(ROOT, dir)).filter((f) => !NOT_SCANNED.some((n) => f.startsWith(n)));

describe("every message in the source", () => {
  it("has its Chinese, by a shape the catalogue knows", () => {
    const found = messagesIn([...scanned("src"), ...scanned("grammar")], ROOT);
    expect(found.length).toBeGreaterThan(200);
    expect(problemsOf(found)).toEqual([]);
  });

  /** A source fed to the scan; `$[a]` is a template's hole (written so, a string holds no `${`). */
  const fed = (text: string) =>
    messagesOf([{ name: join(ROOT, "src/fed.ts"), text: text.replace(/\$\[(\w+)\]/g, "$${$1}") }], ROOT);

  it("fails a message with no Chinese, wherever it is made", () => {
    const sources = [
      'problem("x", `no such thing $[a]`, span, "create it first: ns A");',
      'problem("x", `unknown node \'$[a]\'`, span, "do something else");',
      'netlError("usage", "x", "nothing is here");',
      'netlError("usage", "x", `unknown node \'$[a]\'`, { hint: `try $[b] again` });',
      'const bad = (message: string) => ({ code: "x", message }); bad("a new sentence");',
      'const said = "yet another one"; problem("x", said, span, "pick another name");',
      'function why(n: number) { return n > 1 ? "too many" : "unknown node \'A\'"; } netlError("check", "x", why(2));',
    ];
    for (const text of sources) expect(problemsOf(fed(text)), text).not.toEqual([]);
  });

  it("follows a message into a function of another file, and fails it there", () => {
    const files = (said: string) => [
      {
        name: join(ROOT, "src/a.ts"),
        text: 'export function used(hint: string) { return problem("x", "nothing to undo", span, hint); }',
      },
      { name: join(ROOT, "src/b.ts"), text: `import { used } from "./a.js"; used(${JSON.stringify(said)});` },
    ];
    expect(problemsOf(messagesOf(files("a hint of its own"), ROOT))).not.toEqual([]);
    expect(problemsOf(messagesOf(files("pick another name"), ROOT))).toEqual([]);
  });

  it("fails a message it cannot follow to its words", () => {
    expect(problemsOf(fed('import { m } from "./m.js"; netlError("usage", "x", m());'))).not.toEqual([]);
  });

  it("passes a known message however it is made", () => {
    const sources = [
      "problem(\"x\", `unknown node '$[a]'`, span, `create it first: ns $[a]`);",
      'const refuse = (m: string, h: string) => netlError("usage", "x", m, { hint: h }); refuse("nothing to undo", "pick another name");',
      'const base = "pick another name"; problem("x", "nothing to redo", span, base);',
      'netlError("check", "x", n === 1 ? "nothing to undo" : "nothing to redo");',
    ];
    for (const text of sources) {
      const found = fed(text);
      expect(found.length, text).toBeGreaterThan(0);
      expect(problemsOf(found), text).toEqual([]);
    }
  });
});
