// Printing a file's errors costs the file once (present/render-error.ts, renderErrors): 20 000 bad
// lines must not take seconds. Measured as CPU time against the number of errors: four times the
// errors may take about four times as long, never the sixteen a cut of the file per error takes.
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { renderError, renderErrors } from "../../src/present/render-error.js";

const c = pc.createColors(false);
const bad = (n: number) => Array.from({ length: n }, (_, i) => `frob x${i}`).join("\n");

/** CPU milliseconds rendering every error of `text`, and the lines. */
function render(text: string): { ms: number; lines: string[] } {
  const { errors } = parse(text);
  const start = process.cpuUsage();
  const lines = renderErrors(errors, text, "f.netl", c);
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, lines };
}

describe("the form of an error", () => {
  it("is FILE:LINE:COL: error: MESSAGE, then the line, a caret under the problem and the hint", () => {
    const text = "ns A\nlink A <-> B 10.0.0.0/24\n";
    const { errors } = parse("ns A\nlnk A <-> B\n");
    expect(errors).toHaveLength(1);
    const [error] = errors;
    if (error === undefined) throw new Error("no error");
    expect(renderError(error, "ns A\nlnk A <-> B\n", "f.netl", c).split("\n")).toEqual([
      "f.netl:2:1: error: unknown statement 'lnk'",
      "  lnk A <-> B",
      "  ^^^",
      "  hint: did you mean 'link'?",
    ]);
    const unplaced = { ...error, span: undefined };
    expect(renderError(unplaced, text, "f.netl", c).split("\n")[0]).toBe("f.netl: error: unknown statement 'lnk'");
    // With no place to name, the message alone: `error:` is the word after a place.
    expect(renderError(unplaced, undefined, "", c).split("\n")[0]).toBe("unknown statement 'lnk'");
  });
});

describe("rendering many errors", () => {
  it("renders each error as renderError does", () => {
    const text = bad(3);
    const { errors } = parse(text);
    expect(renderErrors(errors, text, "f.netl", c)).toEqual(errors.map((e) => renderError(e, text, "f.netl", c)));
    expect(render(text).lines[2]).toContain("  frob x2\n");
  });

  it("takes time in proportion to the errors, not their square", () => {
    const small = render(bad(5000));
    const large = render(bad(20_000));
    expect(large.lines).toHaveLength(20_000);
    process.stdout.write(
      `rendering errors: 5000 in ${small.ms.toFixed(0)} ms, 20000 in ${large.ms.toFixed(0)} ms of CPU\n`,
    );
    expect(large.ms).toBeLessThan(Math.max(8 * small.ms, 400));
  });
});
