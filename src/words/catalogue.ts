// The message catalogue: what netl says to people, in each language it speaks. A message is data (its
// id and what fills it) until it is printed, and worded then in the reader's language (`say`), so the
// layers that make messages never need to know who reads them. English is the default; a catalogue
// (one file per area under src/words/) holds both texts of each message side by side, and a test
// (test/words/catalogue.test.ts) fails when one lacks its Chinese text or writes it with ASCII punctuation.

import { once } from "../once.js";

export type Lang = "en" | "zh";
export const LANGS: readonly Lang[] = ["en", "zh"];

/** What fills a message: plain values, or other messages (worded in the same language). */
export type Value = string | number | Message;
export type Args = Readonly<Record<string, Value>>;

/** Arguments as a text function receives them: nested messages already worded. */
type Word<V> = V extends Message ? string : V;
export type Worded<A> = { readonly [K in keyof A]: Word<A[K]> };

/** One message's words in every language, from its (worded) arguments. */
export type Texts<A> = { readonly [L in Lang]: (a: A) => string };

/** A message as data: worded only when printed (`say`). */
export interface Message {
  readonly id: string;
  readonly args: Args;
  // biome-ignore lint/suspicious/noExplicitAny: each message's own texts take its own arguments
  readonly texts: Texts<any>;
}

/** An entry of a catalogue before it is named: its texts, typed by its arguments. */
export interface Entry<A extends Args> {
  readonly texts: Texts<Worded<A>>;
  /** Never set: carries the argument type to the message maker. */
  readonly args?: A;
}

/** One message: `en` and `zh` from the same arguments. */
export const entry = <A extends Args = Record<never, never>>(
  en: (a: Worded<A>) => string,
  zh: (a: Worded<A>) => string,
): Entry<A> => ({ texts: { en, zh } });

// biome-ignore lint/suspicious/noExplicitAny: a table holds entries of every argument type
type Table = Readonly<Record<string, Entry<any>>>;
type ArgsOf<E> = E extends Entry<infer A> ? A : never;
type Maker<A> = Record<never, never> extends A ? (args?: A) => Message : (args: A) => Message;

/** The entries of a catalogue by id, for the test that reads every one. */
export const ENTRIES: unique symbol = Symbol("netl.words.entries");

export type Catalogue<T extends Table> = { readonly [K in keyof T]: Maker<ArgsOf<T[K]>> } & {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly [ENTRIES]: ReadonlyMap<string, Texts<any>>;
};

/** A catalogue of `area`: one maker per entry, each giving the message `area.key` with its arguments. */
export function catalogue<T extends Table>(area: string, table: T): Catalogue<T> {
  return catalogueOf(area, table, (key) => (table[key] as Entry<Args>).texts);
}

/**
 * The catalogue of `table`'s keys, each one's texts made by `textsOf` when a message of it is made. Its
 * makers are made when asked for, not when it loads: netl starts from a heap where every catalogue is
 * loaded (the start-up snapshot), and one maker a message would be thousands of objects to deserialise
 * at every start, for the few messages a command ever says.
 */
export function catalogueOf<T extends Table>(
  area: string,
  table: Readonly<Record<string, unknown>>,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  textsOf: (key: string) => Texts<any>,
): Catalogue<T> {
  const known = (key: string | symbol): key is string => typeof key === "string" && Object.hasOwn(table, key);
  const maker =
    (key: string) =>
    (args: Args = {}): Message => ({ id: `${area}.${key}`, args, texts: textsOf(key) });
  const entries = once(() => new Map(Object.keys(table).map((key) => [`${area}.${key}`, textsOf(key)])));
  const value = (key: string | symbol): unknown => (key === ENTRIES ? entries() : known(key) ? maker(key) : undefined);
  return new Proxy(
    {},
    {
      get: (target, key, receiver) => (key === ENTRIES || known(key) ? value(key) : Reflect.get(target, key, receiver)),
      has: (target, key) => key === ENTRIES || known(key) || Reflect.has(target, key),
      ownKeys: () => [...Object.keys(table), ENTRIES],
      getOwnPropertyDescriptor: (_, key) =>
        key === ENTRIES || known(key)
          ? { value: value(key), writable: false, enumerable: true, configurable: true }
          : undefined,
    },
  ) as Catalogue<T>;
}

export const isMessage = (v: unknown): v is Message =>
  typeof v === "object" && v !== null && "texts" in v && "id" in v && "args" in v;

/** The message in words of `lang` (English when none is given). */
export function say(lang: Lang | undefined, m: Message): string {
  const l = lang ?? "en";
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.args)) args[k] = isMessage(v) ? say(l, v) : v;
  return m.texts[l](args);
}

/** `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG, in the order POSIX reads them) when it is Chinese; else English. */
export function languageOf(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (option === "zh" || option === "en") return option;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(locale) ? "zh" : "en";
}
