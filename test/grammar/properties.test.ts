// Properties over many inputs: parse never throws, every error has a usable position, spans slice
// back to what they name, and big scripts parse.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isIncomplete, KEYWORDS, parse } from "../../grammar/index.js";
import type { Span } from "../../src/diagnostic.js";

function checkErrors(text: string): void {
  const { errors } = parse(text);
  let previous = 0;
  for (const e of errors) {
    expect(["lex", "parse"]).toContain(e.phase);
    const s = e.span as Span;
    for (const n of [s.line, s.col, s.endLine, s.endCol, s.offset, s.endOffset]) expect(Number.isFinite(n)).toBe(true);
    expect(s.line).toBeGreaterThanOrEqual(1);
    expect(s.col).toBeGreaterThanOrEqual(1);
    expect(s.endLine === s.line && s.endCol >= s.col).toBe(true);
    expect(0 <= s.offset && s.offset <= s.endOffset && s.endOffset <= text.length).toBe(true);
    expect(s.offset).toBeGreaterThanOrEqual(previous);
    previous = s.offset;
  }
}

/** Every `{text, span}` in an AST: names, whose span must slice back to their text. */
function namesIn(value: unknown, out: { text: string; span: Span }[] = []) {
  if (Array.isArray(value)) for (const v of value) namesIn(v, out);
  else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.text === "string" && o.span) out.push(o as { text: string; span: Span });
    for (const v of Object.values(o)) namesIn(v, out);
  }
  return out;
}

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/);
const v4 = fc.tuple(fc.nat(300), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const v6 = fc.constantFrom("fd10::", "fd10::1", "fe80::1", "::1", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "fd10:0:0::2");
const address = fc.oneof(v4, v6);
const withPrefix = fc.tuple(address, fc.nat(140)).map(([a, n]) => `${a}/${n}`);
const ifref = fc.tuple(name, fc.stringMatching(/^[a-z0-9][a-z0-9.@_-]{0,5}$/)).map(([n, i]) => `${n}:${i}`);
const piece = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  name,
  ifref,
  address,
  withPrefix,
  fc.constantFrom(
    "<->",
    "->",
    ",",
    ";",
    "\n",
    "\r\n",
    "#",
    "# note",
    "%",
    '"s"',
    '"',
    '"a\\"',
    "'",
    "{",
    "}",
    "3",
    "1000",
    "0",
    "-",
    ":",
    "/",
    "é",
    "\t",
  ),
);
/** A netl string literal holding `text`. */
const quote = (text: string) => `"${text.replace(/[\\"]/g, "\\$&")}"`;
const soup = fc
  .array(fc.tuple(piece, fc.constantFrom(" ", "", "  ")), { maxLength: 30 })
  .map((ps) => ps.map(([p, sep]) => p + sep).join(""));

describe("parse never throws and positions every error", () => {
  test("any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), checkErrors), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ maxLength: 80 }), checkErrors), { numRuns: 500 });
  });

  test("grammar-ish soup of keywords, names, addresses and punctuation", () => {
    fc.assert(
      fc.property(soup, (text) => {
        checkErrors(text);
        // Text that parses cleanly never asks the REPL for more lines.
        if (parse(text).errors.length === 0) expect(isIncomplete(text)).toBe(false);
        for (const n of namesIn(parse(text).program.statements)) {
          expect(text.slice(n.span.offset, n.span.endOffset)).toBe(n.text);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

test("well-formed statements parse cleanly, one per line", () => {
  const node = name.filter((n) => !KEYWORDS.includes(n));
  const prefix = fc.constantFrom("10.0.0.0/24", "192.168.1.1/32", "fd10::/64", "10.9.0.0/30");
  const statement = fc.oneof(
    fc.array(node, { minLength: 1, maxLength: 4 }).map((ns) => `ns ${ns.join(", ")}`),
    fc.tuple(node, node, fc.array(prefix, { maxLength: 2 })).map(([a, b, ps]) => `link ${a} <-> ${b} ${ps.join(" ")}`),
    fc.tuple(node, node, fc.integer({ min: 1, max: 1000 })).map(([a, b, n]) => `expect no ping ${a} ${b} count ${n}`),
    fc
      .tuple(node, fc.string({ minLength: 1, maxLength: 20 }))
      .map(([a, cmd]) => `exec ${a} x${cmd.replace(/[\r\n]/g, "")}`),
    fc.tuple(node, prefix, node).map(([a, p, b]) => `route ${a} ${p} via ${b}`),
    fc
      .tuple(fc.array(node, { minLength: 1, maxLength: 3 }), fc.array(prefix, { maxLength: 2 }))
      .map(([ns, ps]) => `switch ${ns.join(" ")} ${ps.join(" ")}`),
    fc
      .tuple(fc.option(node), node, node, fc.boolean())
      .map(([n, i, to, f]) => `move ${n ? `${n}:` : ""}${i}->${to}${f ? " force" : ""}`),
    fc.constantFrom("route auto", "pingall"),
    fc.tuple(node, node).map(([a, b]) => `why ${a} ${b}`),
    fc
      .tuple(fc.constantFrom("undo", "redo"), fc.option(fc.integer({ min: 1, max: 1000 })))
      .map(([w, n]) => `${w} ${n ?? ""}`),
    fc.constantFrom("history", "reset", "explain on", "explain off", "help"),
    fc.tuple(fc.constantFrom(...KEYWORDS), node).chain(([k, n]) => fc.constantFrom(`help ${k}`, `help ${n}`)),
    fc
      .tuple(fc.constantFrom("save", "load"), fc.string({ minLength: 1, maxLength: 12 }))
      .map(([w, f]) => `${w} ${quote(f.replace(/[\r\n]/g, "x"))}`),
  );
  fc.assert(
    fc.property(fc.array(statement, { minLength: 1, maxLength: 10 }), (lines) => {
      const { program, errors } = parse(lines.join("\n"));
      expect(errors).toEqual([]);
      expect(program.statements.map((s) => s.span.line)).toEqual(lines.map((_, i) => i + 1));
    }),
    { numRuns: 300 },
  );
});

test("a file name round-trips through a string literal; pathSpan slices back to the literal", () => {
  const file = fc.string({ minLength: 1, maxLength: 30 }).filter((f) => !/[\r\n]/.test(f));
  fc.assert(
    fc.property(file, fc.constantFrom("save", "load"), (f, kind) => {
      const text = `${kind}  ${quote(f)}`;
      const { program, errors } = parse(text);
      expect(errors).toEqual([]);
      const s = program.statements[0];
      expect(s?.kind === kind && s.path).toBe(f);
      if (s?.kind === kind) expect(text.slice(s.pathSpan.offset, s.pathSpan.endOffset)).toBe(quote(f));
      expect(isIncomplete(text)).toBe(false);
      expect(isIncomplete(text.slice(0, -1))).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test("isIncomplete never throws", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (text) => {
      expect(typeof isIncomplete(text)).toBe("boolean");
    }),
    { numRuns: 500 },
  );
});

test("a 10,000-statement script parses", () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return `ns n${i}, m${i}`;
      case 1:
        return `link n${i}:eth0 10.${i % 250}.0.1/24 <-> m${i} 10.${i % 250}.0.2/24 # wire ${i}`;
      case 2:
        return `ping n${i} fd10::${i.toString(16)} count 3`;
      case 3:
        return `exec n${i} ip -br addr; echo ${i} | grep x`;
      default:
        return `route n${i} default via 10.0.0.1`;
    }
  });
  const { program, errors } = parse(lines.join("\n"));
  expect(errors).toEqual([]);
  expect(program.statements).toHaveLength(10_000);
});
