// No injection: a name or address never carries a shell or `ip -batch` metacharacter into the
// kernel commands. Either the grammar rejects the text, or what it parsed holds no such character
// (`;`, `#` and a newline end a statement or start a comment, as the language says).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { noSpans } from "./helpers.js";

const META = ["$(id)", "`id`", "|", "&", ">", "<", "'", '"', "\\", " -all", "*", "?", "!", "(", ")", "~", "\t-n x"];
const TEMPLATES = [
  (x: string) => `ns a${x}b`,
  (x: string) => `router r${x}`,
  (x: string) => `switch s${x}`,
  (x: string) => `ns A B\nlink A:e${x} <-> B`,
  (x: string) => `ns A B\nlink A <-> B 10.0.0.0/24${x}`,
  (x: string) => `ns A\naddr A:eth0 10.0.0.1${x}/24`,
  (x: string) => `ns A\nroute A 10.1.0.0/16 via 10.0.0.2${x}`,
  (x: string) => `ns A\ndel A${x}`,
  (x: string) => `move eth${x}9 -> A`,
];
const BAD = /[$`|&><'"\\*?!()~\t\n;#]/;

/** Every string in the parsed statements (exec and spawn carry a shell line by design). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") {
    const kind = (value as { kind?: unknown }).kind;
    if (kind === "exec" || kind === "spawn") return out;
    for (const v of Object.values(value)) strings(v, out);
  }
  return out;
}

function safe(text: string): boolean {
  const { program, errors } = parse(text);
  if (errors.length > 0) return true;
  return strings(noSpans(program.statements)).every((s) => !BAD.test(s));
}

describe("no injection", () => {
  it("every metacharacter in a name or address position is rejected by the grammar", () => {
    for (const t of TEMPLATES) {
      for (const x of META) {
        const { errors } = parse(t(x));
        expect(errors.length, JSON.stringify(t(x))).toBeGreaterThan(0);
      }
    }
  });

  it("statement ends and comments cut a name, never smuggle a character into it", () => {
    for (const t of TEMPLATES)
      for (const x of [";", "#", "\n"]) expect(safe(t(`${x}x`)), JSON.stringify(t(x))).toBe(true);
  });

  it("random metacharacter strings in any position never reach a parsed name", () => {
    const piece = fc.stringMatching(/^[a-z0-9$`|&><'"\\*?!()~;#\n -]{1,8}$/);
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), piece, (t, x) => safe(t(x))),
      { numRuns: 2000 },
    );
  });
});
