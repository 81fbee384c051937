// Sentences the layers below make in English, known by their shape: each entry is the English with
// `{name}` where a value goes, and its Chinese. The English is both the message's English text and
// the pattern that recognises a sentence made elsewhere (words/phrases.ts), so the two cannot drift.
// `{:name}` is a hole of one word (a node's or an interface's name), `{name}` one of any text.
import { once } from "../once.js";
import { type Catalogue, catalogueOf, type Entry, type Message, say, type Texts } from "./catalogue.js";

type Holes = Record<string, string>;
/** The Chinese: a text with the same `{name}` holes, or a function of the values (to word a value too). */
type Zh = string | ((a: Holes) => string);

const HOLE = /\{(:?)(\w+)\}/g;

/** A list the layers below join with `, `, as Chinese enumerates: `lo、eth0`. */
export const enumZh = (list: string | undefined): string => (list ?? "").replace(/, /g, "、");

const fill = (text: string, a: Holes): string => text.replace(HOLE, (_, __, k: string) => a[k] ?? `{${k}}`);

/** The pattern of an English text: its words as they are, each hole any text (the same name, the same text). */
function patternOf(en: string): RegExp {
  const seen = new Set<string>();
  let source = "";
  let last = 0;
  for (const m of en.matchAll(HOLE)) {
    source += en.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const name = m[2] ?? "";
    const any = m[1] === "" ? "[\\s\\S]+?" : "\\S+?";
    source += seen.has(name) ? `\\k<${name}>` : `(?<${name}>${any})`;
    seen.add(name);
    last = (m.index ?? 0) + m[0].length;
  }
  return new RegExp(`^${source}${en.slice(last).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

export interface Shape {
  readonly pattern: RegExp;
  /** How many of its characters are words, not holes: of two shapes a sentence fits, the one with more says more. */
  readonly words: number;
  readonly message: (m: RegExpExecArray) => Message;
}

type Table = Readonly<Record<string, readonly [en: string, zh: Zh]>>;
type EntriesOf<T extends Table> = { readonly [K in keyof T]: Entry<Holes> };

/**
 * A catalogue of `area` from English patterns and their Chinese, and the shapes that recognise them:
 * each made when first asked for (catalogue.ts's `catalogueOf` says why).
 */
export function shapes<T extends Table>(
  area: string,
  table: T,
): { readonly words: Catalogue<EntriesOf<T>>; readonly shapes: Shape[] } {
  const textsOf = (key: string): Texts<Holes> => {
    const [en, zh] = table[key] as T[string];
    return { en: (a) => fill(en, a), zh: (a) => (typeof zh === "string" ? fill(zh, a) : zh(a)) };
  };
  const words = catalogueOf<EntriesOf<T>>(area, table, textsOf);
  const makers = words as unknown as Record<string, (a: Holes) => Message>;
  const found = once(() =>
    Object.entries(table).map(([key, [en]]) => ({
      pattern: patternOf(en),
      words: en.replace(HOLE, "").length,
      message: (m: RegExpExecArray) => (makers[key] as (a: Holes) => Message)({ ...m.groups }),
    })),
  );
  return {
    words,
    get shapes() {
      return found();
    },
  };
}

/**
 * Every shape `text` fits, the one that says most first (`{node} already has an interface {ifname}`
 * before `{node} already has {rule}`); the tests ask that no two say as much.
 */
export const fitsOf = (all: readonly Shape[], text: string): Shape[] =>
  all.filter((s) => s.pattern.test(text)).sort((a, b) => b.words - a.words);

/** The message `text` is by the shape it fits that says most, or undefined. */
export function fitShape(all: readonly Shape[], text: string): Message | undefined {
  const best = fitsOf(all, text)[0];
  const m = best?.pattern.exec(text);
  return best === undefined || !m ? undefined : best.message(m);
}

/** A reason inside a sentence, in Chinese by the shape among ALL it fits; as it was when none does. */
export function zhInside(all: readonly Shape[], text: string | undefined): string {
  const m = fitShape(all, text ?? "");
  return m === undefined ? (text ?? "") : say("zh", m);
}
