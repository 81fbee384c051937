// netl's command line: flags and sub-commands, each handed to its module under src/cli/. It does nothing
// when loaded: src/cli.ts starts it at once, src/snapshot.ts when a start-up snapshot is deserialised.
// Each command's module is imported when the command runs: start-up (a benchmark target, and part of
// every `netl down`) then loads only what that command needs; `down` and `ls` never load the grammar.

import { Command, CommanderError } from "commander";
import { showControls } from "../../grammar/control.js";
import { EXIT } from "../driver/exit.js";
import type { ReplFlags } from "../repl/command.js";
import { type Lang, languageOf } from "../words/catalogue.js";
import { buildCommands } from "./commands-build.js";
import { fileCommands } from "./commands-files.js";
import { labCommands } from "./commands-labs.js";
import type { Cli } from "./context.js";
import { type Io, processIo } from "./io.js";
import { handOptionsDown, labOptions, unknownCommand } from "./options.js";
import { runProgram } from "./process-run.js";
import { serveOptions, wantsPage } from "./serve-options.js";

const VERSION = "0.1.0";
const HELP_AFTER = "(netl --help lists the commands; netl help COMMAND tells one)";

/** The tutorial speaks the learner's language from its first line, a wrong argument's error too. */
function cliLang(argv: readonly string[]): Lang {
  if (!argv.includes("tutorial")) return "en";
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const flag = at < 0 ? undefined : (argv[at] ?? "").startsWith("--lang=") ? argv[at]?.slice(7) : argv[at + 1];
  return languageOf(flag === "zh" || flag === "en" ? flag : undefined, process.env);
}

/** The program with its commands, parsed once; where its words go is told when it is parsed. */
export interface CommandLine {
  readonly parse: (argv: readonly string[], io: Io) => Promise<number>;
}

/**
 * The command line, made before the arguments are known: the start-up snapshot holds one made ahead
 * (src/snapshot.ts), so a start only parses. `zh`: the tutorial's Chinese words for commander's errors.
 */
export function commandLine(zh?: typeof import("../words/cli.js")): CommandLine {
  let told: Io | undefined;
  const words = (): Io => {
    if (told === undefined) throw new Error("the command line's words are asked for before it is parsed");
    return told;
  };
  // What the commands hold: the Io given to `parse`.
  const io: Io = {
    out: (text) => words().out(text),
    err: (text) => words().err(text),
    get c() {
      return words().c;
    },
    get lang() {
      return words().lang;
    },
  };
  let code: number = EXIT.ok;
  const program = new Command("netl")
    .description("Build Linux network-namespace labs from a small language")
    .version(VERSION)
    .exitOverride()
    // commander's errors quote what was typed (an option's value): shown with its control bytes escaped.
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(showControls(zh ? zh.cliError("zh", s) : s)),
    })
    .showHelpAfterError(zh ? zh.cliError("zh", HELP_AFTER) : HELP_AFTER)
    // Options before a sub-command are parsed here and handed to it (options.ts): the same either side.
    .enablePositionalOptions();
  const cli: Cli = {
    program,
    io,
    done: (status) => {
      code = status;
    },
    live: async (command, opts, run) => {
      const { elsewhere } = await import("./rootless.js");
      code =
        (await elsewhere(command, opts.rootless === true, io, wantsPage(opts) ? opts : undefined)) ?? (await run());
    },
  };

  serveOptions(labOptions(program))
    .usage("[options] | -i FILE | <command> …")
    .option("-i, --interactive <FILE>", "run FILE, then stay in the REPL")
    .option("--keep", "leave the lab up when the REPL ends (netl down LAB removes it)")
    .addHelpText(
      "after",
      [
        "",
        "With no command, netl starts the REPL (lab 'netl', or the -i FILE's base name; with --prefix P, P or P-FILE).",
        "Options mean the same before and after a command: netl --prefix P run FILE = netl run --prefix P FILE.",
        'As a plain user, netl builds its labs rootless, in a sandbox that ends with it (README.md, "Rootless").',
        "",
      ].join("\n"),
    )
    .action((opts: ReplFlags & { rootless?: boolean }) => {
      if (program.args.length > 0) unknownCommand(program, program.args);
      return cli.live("", opts, async () => {
        const { replCommand } = await import("../repl/command.js");
        return replCommand(opts, io);
      });
    });
  buildCommands(cli);
  fileCommands(cli);
  labCommands(cli);
  program.helpCommand("help [command]", "the help of a command: netl help run is netl run --help");
  // Set last: sub-commands copy the program's settings when made, and they take no words they do not name.
  program.allowExcessArguments();
  program.hook("preAction", (_program, action) => handOptionsDown(program, action));

  return {
    parse: async (argv, given) => {
      told = given;
      try {
        await program.parseAsync([...argv], { from: "user" });
        return code;
      } catch (e) {
        if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
        throw e;
      }
    },
  };
}

/**
 * `argv` parsed by `made` (a command line not yet parsed) or by one made now; `io`: where the words go
 * (the process's streams; a quiet one while the start-up snapshot is made).
 */
export async function main(argv: readonly string[], io: Io = processIo(), made?: CommandLine): Promise<number> {
  // Chinese only for the tutorial (loaded then only: every command starts up through here).
  const zh = cliLang(argv) === "zh" ? await import("../words/cli.js") : undefined;
  return (zh === undefined && made !== undefined ? made : commandLine(zh)).parse(argv, io);
}

/** The program: `argv` is the user's arguments; it sets process.exitCode and never throws. */
export function start(argv: readonly string[], made?: CommandLine): void {
  runProgram(() => main(argv, processIo(), made));
}
