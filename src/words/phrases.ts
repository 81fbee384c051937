// What the layers below say in English as text already made (an error and its hint, a change's summary,
// a query's plain answer), in the reader's language: each sentence a learner meets is known here by its
// shape and worded anew from the catalogue; a sentence of another shape stays as it was.
import { catalogue, entry, type Lang, type Message, say } from "./catalogue.js";

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
    (a) => `实验环境里的节点：${a.names}`,
  ),
  /** The labels of an error's lines, with what parts them from what follows. */
  errorLabel: entry(
    () => "error: ",
    () => "错误：",
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

type Shape = readonly [RegExp, (m: readonly string[]) => Message];

/** Each known sentence's shape, and its message; the English of the message is the sentence itself. */
const SHAPES: readonly Shape[] = [
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
];

/** The message a known sentence is, or undefined. */
export function phraseOf(text: string): Message | undefined {
  for (const [shape, message] of SHAPES) {
    const m = shape.exec(text);
    if (m) return message([...m]);
  }
  return undefined;
}

/** `text` in `lang` when it is a known sentence; as it was otherwise (and always in English). */
export function reword(text: string, lang: Lang | undefined): string {
  if (lang !== "zh") return text;
  const m = phraseOf(text);
  return m === undefined ? text : say(lang, m);
}
