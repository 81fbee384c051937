// What the layers below say in English as text already made (an error and its hint, a change's summary,
// a query's plain answer), in the reader's language: each sentence a learner meets is known here by its
// shape and worded anew from the catalogue; a sentence of another shape stays as it was.

import { once } from "../once.js";
import { ANSWERS } from "./answers.js";
import { AROUND } from "./around.js";
import { catalogue, entry, type Lang, type Message, say } from "./catalogue.js";
import { GRAMMAR_ERRORS } from "./errors-grammar.js";
import { LINK_ERRORS } from "./errors-links.js";
import { MOVE_ERRORS } from "./errors-move.js";
import { NODE_ERRORS } from "./errors-nodes.js";
import { RUNTIME_ERRORS } from "./errors-runtime.js";
import { REFUSALS } from "./refusals.js";
import { enumZh, fitShape, type Shape } from "./shapes.js";
import { WHY } from "./why-words.js";

export const PHRASES = catalogue("phrases", {
  unknownNode: entry<{ name: string }>(
    (a) => `unknown node '${a.name}'`,
    (a) => `没有名为“${a.name}”的节点`,
  ),
  noNodeToDelete: entry<{ name: string }>(
    (a) => `no node '${a.name}' to delete`,
    (a) => `没有可以删除的节点“${a.name}”`,
  ),
  createFirst: entry<{ statement: string }>(
    (a) => `create it first: ${a.statement}`,
    (a) => `请先创建它：${a.statement}`,
  ),
  didYouMean: entry<{ words: string }>(
    (a) => `did you mean '${a.words}'?`,
    (a) => `你是不是想输入“${a.words}”？`,
  ),
  unknownStatement: entry<{ word: string }>(
    (a) => `unknown statement '${a.word}'`,
    (a) => `未知的语句“${a.word}”`,
  ),
  /** `ns, router, …, help or shell`, as the parser lists them. */
  statementsStart: entry<{ words: string }>(
    (a) => `statements start with ${a.words}`,
    (a) => `语句以这些词之一开头：${a.words.replace(/, /g, "、").replace(/ or /g, " 或 ")}`,
  ),
  nodeExists: entry<{ name: string }>(
    (a) => `node '${a.name}' already exists`,
    (a) => `节点“${a.name}”已经存在`,
  ),
  noInterface: entry<{ node: string; ifname: string }>(
    (a) => `${a.node} has no interface ${a.ifname}`,
    (a) => `${a.node} 里没有网络接口 ${a.ifname}`,
  ),
  addressInUse: entry<{ address: string; owner: string }>(
    (a) => `${a.address} is already used by ${a.owner}`,
    (a) => `${a.address} 已经被 ${a.owner} 使用`,
  ),
  noSharedLink: entry<{ a: string; b: string }>(
    (a) => `'${a.a}' and '${a.b}' share no link`,
    (a) => `“${a.a}”和“${a.b}”之间没有链路`,
  ),
  nothingToUndo: entry(
    () => "nothing to undo",
    () => "没有可以撤销的修改",
  ),
  nothingToRedo: entry(
    () => "nothing to redo",
    () => "没有可以重做的修改",
  ),
  labEmpty: entry(
    () => "the lab is empty",
    () => "实验环境是空的",
  ),
  labNodes: entry<{ names: string }>(
    (a) => `the lab's nodes: ${a.names}`,
    (a) => `实验环境里的节点：${enumZh(a.names)}`,
  ),
  /** The labels of an error's lines, with what parts them from what follows. */
  errorLabel: entry(
    () => "error: ",
    () => "错误：",
  ),
  /** An error inside a loop, with the loop's values then: `… (with i = 2)`. */
  withValues: entry<{ message: Message | string; values: string }>(
    (a) => `${a.message} (with ${a.values})`,
    (a) => `${a.message}（此时 ${a.values}）`,
  ),
  hintLabel: entry(
    () => "hint: ",
    () => "提示：",
  ),
  kernelSaid: entry(
    () => "kernel said: ",
    () => "内核的回答：",
  ),
});

type Known = readonly [RegExp, (m: readonly string[]) => Message];

/** Each known sentence's shape, and its message; the English of the message is the sentence itself. */
const PHRASE_SHAPES: readonly Known[] = [
  [/^unknown node '([^']*)'$/, (m) => PHRASES.unknownNode({ name: m[1] ?? "" })],
  [/^no node '([^']*)' to delete$/, (m) => PHRASES.noNodeToDelete({ name: m[1] ?? "" })],
  [/^create it first: (.*)$/, (m) => PHRASES.createFirst({ statement: m[1] ?? "" })],
  [/^did you mean '([^']*)'\?$/, (m) => PHRASES.didYouMean({ words: m[1] ?? "" })],
  [/^unknown statement '([^']*)'$/, (m) => PHRASES.unknownStatement({ word: m[1] ?? "" })],
  [/^statements start with (.*)$/, (m) => PHRASES.statementsStart({ words: m[1] ?? "" })],
  [/^node '([^']*)' already exists$/, (m) => PHRASES.nodeExists({ name: m[1] ?? "" })],
  [/^(\S+) has no interface (\S+)$/, (m) => PHRASES.noInterface({ node: m[1] ?? "", ifname: m[2] ?? "" })],
  [/^(\S+) is already used by (\S+)$/, (m) => PHRASES.addressInUse({ address: m[1] ?? "", owner: m[2] ?? "" })],
  [/^'([^']*)' and '([^']*)' share no link$/, (m) => PHRASES.noSharedLink({ a: m[1] ?? "", b: m[2] ?? "" })],
  [/^nothing to undo$/, () => PHRASES.nothingToUndo()],
  [/^nothing to redo$/, () => PHRASES.nothingToRedo()],
  [/^the lab is empty$/, () => PHRASES.labEmpty()],
  [/^the lab's nodes: (.*)$/, (m) => PHRASES.labNodes({ names: m[1] ?? "" })],
  // The message inside is a sentence of its own, worded by its own shape.
  [
    /^([\s\S]+) \(with ([^()]+)\)$/,
    (m) => PHRASES.withValues({ message: phraseOf(m[1] ?? "") ?? m[1] ?? "", values: m[2] ?? "" }),
  ],
];

/** Every known shape: these phrases, and the errors of each area (words/errors-*.ts); made when first asked. */
export const allShapes = once((): readonly Shape[] => [
  ...PHRASE_SHAPES.map(
    ([pattern, message]): Shape => ({
      pattern,
      // Its words: the pattern's own characters, less its groups and anchors.
      words: pattern.source.replace(/\([^)]*\)|[\\^$?]/g, "").length,
      message: (m) => message([...m]),
    }),
  ),
  ...NODE_ERRORS.shapes,
  ...LINK_ERRORS.shapes,
  ...MOVE_ERRORS.shapes,
  ...RUNTIME_ERRORS.shapes,
  ...GRAMMAR_ERRORS.shapes,
  ...AROUND.shapes,
  ...ANSWERS.shapes,
  ...REFUSALS.shapes,
  ...WHY.shapes,
]);

/** The message a known sentence is, or undefined. */
export const phraseOf = (text: string): Message | undefined => fitShape(allShapes(), text);

/** The notes `show` puts after a value on a line of the lab's. */
const TAGS: readonly (readonly [string, string])[] = [
  ["(moved from the machine)", "（从本机移入）"],
  ["(down)", "（关闭）"],
  ["(auto)", "（自动）"],
];

/** A line of an answer: a known sentence worded, or its notes (`show`'s) worded in place. */
function rewordLine(line: string, lang: Lang): string {
  const known = phraseOf(line);
  if (known !== undefined) return say(lang, known);
  return TAGS.reduce((l, [en, zh]) => l.split(` ${en}`).join(zh).split(en).join(zh), line);
}

/**
 * `text` in `lang` when it is a known sentence; as it was otherwise (and always in English). Text of
 * several lines (a query's answer) is worded line by line when it is not one sentence as a whole.
 */
export function reword(text: string, lang: Lang | undefined): string {
  if (lang !== "zh") return text;
  const m = phraseOf(text);
  if (m !== undefined) return say(lang, m);
  if (!text.includes("\n")) return text;
  return text
    .split("\n")
    .map((line) => rewordLine(line, lang))
    .join("\n");
}
