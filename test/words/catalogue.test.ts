// Every message of the catalogue (src/words/*.ts) has its Chinese text, written as Chinese is written:
// with Chinese in it and full-width punctuation next to it. The rule is also fed catalogues that break
// it, so a check that could never fail would show.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, ENTRIES, entry, languageOf, type Message, say, type Texts } from "../../src/words/catalogue.js";
import { textProblems } from "../support/zh-text.js";

const DIR = join(import.meta.dirname, "../../src/words");
/** Arguments that name themselves, so every part of a message is worded. */
const placeholders = new Proxy({} as Record<string, string>, {
  get: (_, key) => (typeof key === "string" ? `‹${key}›` : undefined),
});

/** What is wrong with one message's texts; [] when nothing is. */
// biome-ignore lint/suspicious/noExplicitAny: messages of every argument type
const problemsOf = (id: string, texts: Texts<any>): string[] =>
  textProblems(id, texts.en(placeholders), texts.zh?.(placeholders));

const catalogues = async () => {
  const found = new Map<string, ReadonlyMap<string, Texts<unknown>>>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const mod = (await import(join(DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const entries = (value as { [ENTRIES]?: ReadonlyMap<string, Texts<unknown>> } | null)?.[ENTRIES];
      if (entries) found.set(`${file} ${name}`, entries);
    }
  }
  return found;
};

describe("the message catalogue", () => {
  it("has every message in English and in Chinese, with full-width punctuation", async () => {
    const all = await catalogues();
    expect(all.size).toBeGreaterThanOrEqual(6);
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const entries of all.values())
      for (const [id, texts] of entries) {
        expect(ids.has(id), `${id} is defined twice`).toBe(false);
        ids.add(id);
        problems.push(...problemsOf(id, texts));
      }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(60);
  });

  it("fails a message with no Chinese, with English as its Chinese, or with half-width punctuation", () => {
    const bad = {
      none: { en: () => "task", zh: () => "" },
      missing: { en: () => "task" } as unknown as Texts<unknown>,
      english: { en: () => "task", zh: () => "task" },
      colon: { en: () => "task: x", zh: () => "任务: x" },
      paren: { en: () => "(hint)", zh: () => "(提示)" },
      comma: { en: () => "a, b", zh: () => "甲, 乙" },
      fraction: { en: () => "Lesson 8/12", zh: () => "第 8/12 课" },
      chineseInEnglish: { en: () => "任务", zh: () => "任务" },
    };
    for (const [id, texts] of Object.entries(bad)) expect(problemsOf(id, texts), id).not.toEqual([]);
    expect(problemsOf("good", { en: () => "Task: x (y)", zh: () => "任务：x（y）" })).toEqual([]);
  });

  it("words a message when it is printed, nested messages in the same language, English by default", () => {
    const T = catalogue("t", {
      inner: entry(
        () => "no reply",
        () => "没有回复",
      ),
      outer: entry<{ head: string; why: Message }>(
        (a) => `${a.head}: failed (${a.why})`,
        (a) => `${a.head}：不通（${a.why}）`,
      ),
    });
    const m = T.outer({ head: "A -> B", why: T.inner() });
    expect(m.id).toBe("t.outer");
    expect(say(undefined, m)).toBe("A -> B: failed (no reply)");
    expect(say("en", m)).toBe("A -> B: failed (no reply)");
    expect(say("zh", m)).toBe("A -> B：不通（没有回复）");
  });

  it("picks Chinese from --lang or a Chinese locale, else English", () => {
    expect(languageOf("zh", {})).toBe("zh");
    expect(languageOf("en", { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(languageOf(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(languageOf(undefined, { LC_ALL: "C", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(languageOf(undefined, { LC_MESSAGES: "zh_TW.UTF-8", LANG: "C" })).toBe("zh");
    expect(languageOf(undefined, { LC_ALL: "", LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(languageOf(undefined, { LANG: "de_DE.UTF-8" })).toBe("en");
    expect(languageOf(undefined, {})).toBe("en");
  });
});
