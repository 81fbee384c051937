// A lab's name is a name, never a path: it becomes file names under the run directory (`LAB.json`,
// `LAB.json.PID.tmp`, `LAB.lock`, `LAB.made`, `LAB.logs/`), so it follows the node-name rule with
// a bound that leaves every one of them far below a file name's 255 bytes.

export const LAB_NAME_MAX = 64;

const LAB_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const LAB_NAME_RULE = `a lab name starts with a letter and holds letters, digits, '_' and '-', at most ${LAB_NAME_MAX} characters`;

/** A name as it may be shown on one line: control bytes and other non-ASCII escaped, a long one cut. */
export function shownName(name: string): string {
  const escaped = name.replace(/[^\x20-\x7e]/g, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}

/** Why `name` is not a lab name, or undefined when it is one. */
export function labNameProblem(name: string): string | undefined {
  if (LAB_NAME.test(name) && name.length <= LAB_NAME_MAX) return undefined;
  const why = name.length > LAB_NAME_MAX ? ` (${name.length} characters)` : "";
  return `'${shownName(name)}' is not a lab name${why}: ${LAB_NAME_RULE}`;
}

export const isLabName = (name: string): boolean => labNameProblem(name) === undefined;
