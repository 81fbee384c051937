// Options that mean the same wherever they are written: `netl --prefix P run f` is `netl run --prefix P f`.
// The options before a sub-command are parsed by the program (commander's positional options); before
// the sub-command's action they are handed to it, and one it does not take is an error (exit 2), never
// dropped. A first word that is no command gets "did you mean".
import { type Command, InvalidArgumentError, Option } from "commander";
import { labNameProblem } from "../runtime/lab-name.js";
import { nearest } from "../suggest.js";

/** A usage mistake, said as commander says its own (with the hint after it), exit 2 as every usage error. */
export const usageError = (cmd: Command, message: string): never =>
  cmd.error(`error: ${message}`, { exitCode: 2, code: "netl.usage" });

export function checkPrefix(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(value)) {
    throw new InvalidArgumentError("use up to 16 letters, digits, '_' or '-', starting with a letter.");
  }
  return value;
}

export const prefixOption = (what = "name namespaces P-NODE instead of NODE (labs side by side; the lab is P-FILE)") =>
  new Option("--prefix <P>", what).argParser(checkPrefix);

/** The commands that build a lab: as a plain user (or asked to) they run in a rootless sandbox. */
export function rootlessOption(cmd: Command): Command {
  return cmd.option("--rootless", "run in a sandbox of its own, no root needed (automatic when not root)");
}

/** What a command that builds a lab from a file (or the REPL) takes. */
export function labOptions(cmd: Command): Command {
  return (
    rootlessOption(cmd)
      .addOption(prefixOption())
      .option("--lab <NAME>", "the lab's name (default: the file's base name, after P- with --prefix)")
      // Checked before the command runs (after the program's options are handed down), in netl's own
      // words: commander's would echo the text as it is, control characters and all.
      .hook("preAction", (_, action) => {
        const lab = (action.opts() as { lab?: string }).lab;
        const problem = lab === undefined ? undefined : labNameProblem(lab);
        if (problem !== undefined) usageError(action, `--lab: ${problem}`);
      })
      .option("--explain", "print each ip command as it runs")
  );
}

/** `--prefix` as the user wrote it, for messages. */
function flagOf(cmd: Command, key: string): string {
  const option = cmd.options.find((o) => o.attributeName() === key);
  return option?.long ?? option?.short ?? `--${key}`;
}

const commandName = (cmd: Command): string => (cmd.parent ? `netl ${cmd.name()}` : "netl");

/**
 * Hand the options written before the sub-command to it: the same option written on both sides with
 * two values, or one the sub-command does not take, is a usage error.
 */
export function handOptionsDown(program: Command, action: Command): void {
  if (action === program) return;
  for (const [key, value] of Object.entries(program.opts())) {
    if (program.getOptionValueSource(key) !== "cli") continue;
    const flag = flagOf(program, key);
    const known = action.options.some((o) => o.attributeName() === key);
    if (!known) {
      const takes = action.options.map((o) => o.long ?? o.short).filter((f) => f !== "--help");
      usageError(
        action,
        `${flag} has no meaning for '${commandName(action)}'${takes.length > 0 ? ` (it takes ${takes.join(", ")})` : ""}`,
      );
    }
    const there = action.getOptionValueSource(key) === "cli" ? action.getOptionValue(key) : undefined;
    if (there !== undefined && there !== value)
      usageError(action, `${flag} is given twice, as ${String(value)} and as ${String(there)}`);
    action.setOptionValueWithSource(key, value, "cli");
  }
}

/**
 * The program's own words after its options, which name no command: a mistyped command gets "did
 * you mean", a script given alone is shown how to run it.
 */
export function unknownCommand(program: Command, words: readonly string[]): never {
  const [word = ""] = words;
  const names = program.commands.map((c) => c.name());
  const guess = nearest(word, names);
  if (guess !== undefined) return usageError(program, `unknown command '${word}'; did you mean 'netl ${guess}'?`);
  if (/\.netl$|^-$/.test(word))
    return usageError(
      program,
      `unknown command '${word}': to build its lab, netl run ${word} (or netl -i ${word} to stay in the REPL)`,
    );
  return usageError(program, `unknown command '${word}' (the commands: ${names.join(", ")})`);
}
