// What the command line says is wrong with its arguments (commander's errors and netl's own usage
// errors, src/cli/options.ts), for `netl tutorial` in Chinese: the learner's first line from netl may
// be one of these.
import type { Lang } from "./catalogue.js";
import { reword } from "./phrases.js";
import { shapes, zhInside } from "./shapes.js";

/** Why an option's value is refused, as the option's parser says it. */
const WHY_ZH: Readonly<Record<string, string>> = {
  "use up to 16 letters, digits, '_' or '-', starting with a letter.": "最多 16 个字母、数字、“_”或“-”，并以字母开头。",
};

export const CLI_WORDS = shapes("cli", {
  badArgument: [
    "error: option '{option}' argument '{value}' is invalid. {why}",
    (a) => `错误：选项 ${a.option} 的值“${a.value}”不对：${WHY_ZH[a.why ?? ""] ?? a.why}`,
  ],
  unknownOption: ["error: unknown option '{:option}'", "错误：未知的选项“{option}”"],
  unknownOptionGuess: [
    "error: unknown option '{:option}'\n(Did you mean {:guess}?)",
    "错误：未知的选项“{option}”\n（你是不是想输入 {guess}？）",
  ],
  missingArgument: ["error: option '{option}' argument missing", "错误：选项 {option} 缺少值"],
  flagProblem: ["error: {:flag}: {problem}", (a) => `错误：${a.flag}：${reword(a.problem ?? "", "zh")}`],
  usage: ["error: {message}", (a) => `错误：${reword(a.message ?? "", "zh")}`],
  helpAfter: [
    "(netl --help lists the commands; netl help COMMAND tells one)",
    "（netl --help 列出所有命令；netl help 命令名 查看某个命令的说明）",
  ],
});

/** An error of the command line in `lang`: as it was when English, or of no known shape. */
export function cliError(lang: Lang, text: string): string {
  if (lang !== "zh") return text;
  const body = text.replace(/\n$/, "");
  return `${zhInside(CLI_WORDS.shapes, body)}${text.slice(body.length)}`;
}
