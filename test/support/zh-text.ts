// What makes a Chinese text Chinese as it is written: Chinese in it, full-width punctuation next to
// it, lessons counted `第 8 课，共 12 课`. Used on the message catalogue and on the lessons' words.

const HAN = /\p{Script=Han}/u;
// ASCII punctuation against a Chinese character (a space between counts): `任务: …`, `（a)`, `通,`.
const HALF_WIDTH = /\p{Script=Han}\s*[:;,!?()]|[:;,!?()]\s*\p{Script=Han}/u;
// `第 8/12 课` reads as a fraction.
const FRACTION_LESSON = /第\s*\d+\s*\/\s*\d+\s*课/u;

/** What is wrong with a pair of texts, English and Chinese; [] when nothing is. */
export function textProblems(id: string, en: string, zh: string | undefined): string[] {
  const problems: string[] = [];
  if (en.trim() === "") problems.push(`${id}: no English text`);
  if (HAN.test(en)) problems.push(`${id}: Chinese in the English text: ${en}`);
  if (zh === undefined || zh.trim() === "") problems.push(`${id}: no Chinese text`);
  else if (!HAN.test(zh)) problems.push(`${id}: the Chinese text has no Chinese in it: ${zh}`);
  const half = zh === undefined ? null : HALF_WIDTH.exec(zh);
  if (half) problems.push(`${id}: half-width punctuation in Chinese ("${half[0]}"): ${zh}`);
  if (zh !== undefined && FRACTION_LESSON.test(zh)) problems.push(`${id}: "第 N/M 课": write 第 N 课，共 M 课: ${zh}`);
  return problems;
}
