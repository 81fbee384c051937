// A catalogue makes its makers, texts and shapes when they are asked for, not when it loads (netl starts
// from a heap where every catalogue is loaded: src/words/catalogue.ts, `catalogueOf`). Asked for, it
// answers as the plain object of makers it used to be; what it does not hold, it does not make.
import { describe, expect, it } from "vitest";
import { catalogue, catalogueOf, ENTRIES, entry, say, type Texts } from "../../src/words/catalogue.js";
import { fitShape, shapes } from "../../src/words/shapes.js";

const table = {
  hello: entry<{ name: string }>(
    (a) => `hello ${a.name}`,
    (a) => `你好，${a.name}`,
  ),
  bye: entry(
    () => "bye",
    () => "再见",
  ),
};

describe("a catalogue", () => {
  it("makes each message from its entry's texts, with its id and arguments", () => {
    const words = catalogue("greet", table);
    const m = words.hello({ name: "A" });
    expect(m).toEqual({ id: "greet.hello", args: { name: "A" }, texts: table.hello.texts });
    expect(say("en", m)).toBe("hello A");
    expect(say("zh", m)).toBe("你好，A");
    expect(words.bye()).toEqual({ id: "greet.bye", args: {}, texts: table.bye.texts });
  });

  it("holds its keys and its entries, and nothing else of its own", () => {
    const words = catalogue("greet", table) as unknown as Record<string | symbol, unknown>;
    expect(Object.keys(words)).toEqual(["hello", "bye"]);
    expect("hello" in words && ENTRIES in words).toBe(true);
    expect("nope" in words).toBe(false);
    expect(words.nope).toBeUndefined();
    // What every object has is not a message: no maker for it, and it is what it always is.
    expect(words.toString).toBe(Object.prototype.toString);
    expect(Object.hasOwn(words, "toString")).toBe(false);
    expect(Object.hasOwn(words, "hello")).toBe(true);
    const entries = words[ENTRIES] as ReadonlyMap<string, Texts<unknown>>;
    expect([...entries.keys()]).toEqual(["greet.hello", "greet.bye"]);
    expect(entries.get("greet.bye")).toBe(table.bye.texts);
    expect(words[ENTRIES]).toBe(entries);
  });

  it("makes a message's texts only when a message of it is made", () => {
    const asked: string[] = [];
    const words = catalogueOf<typeof table>("greet", table, (key) => {
      asked.push(key);
      return table[key as keyof typeof table].texts;
    });
    expect(asked).toEqual([]);
    words.bye();
    expect(asked).toEqual(["bye"]);
  });
});

describe("a catalogue of shapes", () => {
  const area = shapes("shaped", {
    has: ["{:node} has {what}", "{node} 有 {what}"],
    hasNo: ["{:node} has no {what}", (a) => `${a.node} 没有 ${a.what}`],
  });

  it("words each message from its pattern's text, in English and in Chinese", () => {
    const m = area.words.hasNo({ node: "A", what: "links" });
    expect(m.id).toBe("shaped.hasNo");
    expect(say("en", m)).toBe("A has no links");
    expect(say("zh", m)).toBe("A 没有 links");
    expect(say("zh", area.words.has({ node: "B", what: "eth0" }))).toBe("B 有 eth0");
  });

  it("recognises a sentence by the shape that says most, the same shapes each time asked", () => {
    expect(area.shapes).toBe(area.shapes);
    expect(area.shapes).toHaveLength(2);
    const m = fitShape(area.shapes, "A has no links");
    expect(m?.id).toBe("shaped.hasNo");
    expect(m === undefined ? "" : say("zh", m)).toBe("A 没有 links");
    expect(fitShape(area.shapes, "A had no links")).toBeUndefined();
  });
});
