// An error that quotes a word of megabytes is not megabytes long: the word is cut to its ends and its
// length, in the text form and in `check --json`; words of a normal length, paths and addresses stay whole.
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { clipWords, MAX_WORD } from "../../src/present/clip.js";
import { diagnosticJson } from "../../src/present/diagnostics.js";
import { renderError } from "../../src/present/render-error.js";

const c = pc.createColors(false);

describe("clipWords", () => {
  it("cuts a word over MAX_WORD to its ends and its length", () => {
    const word = `${"a".repeat(100)}${"b".repeat(3_000_000)}${"c".repeat(100)}`;
    const clipped = clipWords(`unknown statement '${word}'`);
    expect(clipped.length).toBeLessThan(250);
    expect(clipped).toMatch(/^unknown statement 'a{80}…c{80} \(3000200 characters\)'$/);
  });

  it("leaves what must stay whole: words up to MAX_WORD, paths, addresses, Chinese", () => {
    for (const text of [
      "cannot read /tmp/netl-test-b972-Yfquy0/netl-rootless-8L08qL/dist/netl.js: no such file",
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334 is already used by A",
      `unknown node '${"n".repeat(MAX_WORD)}'`,
      "没有名为“C”的节点",
      "",
    ])
      expect(clipWords(text)).toBe(text);
    expect(clipWords("x".repeat(MAX_WORD + 1))).not.toBe("x".repeat(MAX_WORD + 1));
  });

  it("keeps an error of a huge unknown word short, as text and as JSON", () => {
    const text = `ns A\nlink A <-> ${"B".repeat(1_000_000)} 10.0.0.0/24\n${"x".repeat(2_000_000)}\n`;
    const { errors } = parse(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(renderError(e, text, "lab.netl", c).length).toBeLessThan(1000);
      expect(JSON.stringify(diagnosticJson(e, "lab.netl")).length).toBeLessThan(1000);
    }
  });
});

describe("clipWords in Chinese", () => {
  it("says the length in Chinese, and the error stays Chinese", () => {
    expect(clipWords(`没有名为“${"B".repeat(300)}”的节点`, "zh")).toBe(
      `没有名为“${"B".repeat(80)}…${"B".repeat(80)}（共 300 个字符）”的节点`,
    );
    const text = `${"x".repeat(5000)}\n`;
    const [e] = parse(text).errors;
    expect(e).toBeDefined();
    const shown = e ? renderError(e, text, "lab.netl", c, new Map(), "zh") : "";
    expect(shown).toContain("（共 5000 个字符）");
    expect(shown).not.toContain("characters");
  });
});
