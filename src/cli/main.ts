// netl's command line: flags and sub-commands, each handed to its module under src/cli/. It does nothing
// when loaded: src/cli.ts starts it at once, src/snapshot.ts when a start-up snapshot is deserialised.
// Each command's module is imported when the command runs: start-up (a benchmark target, and part of
// every `netl down`) then loads only what that command needs; `down` and `ls` never load the grammar.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { EXIT } from "../driver/exit.js";
import type { ReplFlags } from "../repl/command.js";
import type { ExportOptions } from "./export.js";
import { EXPORT_FORMATS, GRAPH_FORMATS, type GraphFormat } from "./formats.js";
import { processIo } from "./io.js";
import { runProgram } from "./process-run.js";
import { type ServeFlags, serveOptions, wantsPage } from "./serve-options.js";

const VERSION = "0.1.0";

/** The commands that build a lab: as a plain user (or asked to) they run in a rootless sandbox. */
function rootlessOption(cmd: Command): Command {
  return cmd.option("--rootless", "run in a sandbox of its own, no root needed (automatic when not root)");
}

function labOptions(cmd: Command): Command {
  return rootlessOption(cmd)
    .addOption(
      new Option("--prefix <P>", "name namespaces P-NODE instead of NODE (labs side by side)").argParser(checkPrefix),
    )
    .option("--lab <NAME>", "the lab's name (default: the file's base name)")
    .option("--explain", "print each ip command as it runs");
}

function checkPrefix(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(value)) {
    throw new InvalidArgumentError("use up to 16 letters, digits, '_' or '-', starting with a letter.");
  }
  return value;
}

export async function main(argv: readonly string[]): Promise<number> {
  const io = processIo();
  let code: number = EXIT.ok;
  const program = new Command("netl")
    .description("Build Linux network-namespace labs from a small language")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError("(netl --help lists the commands)")
    // Options before a sub-command are the REPL's; `run --prefix P` keeps its own.
    .enablePositionalOptions();
  // --rootless before the command (netl --rootless run FILE) or after it (netl run --rootless FILE).
  const rootless = (opts: { rootless?: boolean }): boolean =>
    opts.rootless === true || program.opts().rootless === true;
  /** A command that builds a lab runs here, or (rootless) again inside a sandbox: its status either way. */
  const live = async (command: string, opts: { rootless?: boolean } & ServeFlags, run: () => Promise<number>) => {
    const { elsewhere } = await import("./rootless.js");
    code = (await elsewhere(command, rootless(opts), io, wantsPage(opts) ? opts : undefined)) ?? (await run());
  };

  serveOptions(labOptions(program))
    .usage("[options] | -i FILE | <command> …")
    .option("-i, --interactive <FILE>", "run FILE, then stay in the REPL")
    .option("--keep", "leave the lab up when the REPL ends (netl down LAB removes it)")
    .addHelpText(
      "after",
      "\nWith no command, netl starts the REPL (lab 'netl', or the -i FILE's base name). As a plain user, netl\nbuilds its labs rootless, in a sandbox that ends with it (README.md, \"Rootless\").\n",
    )
    .action((opts: ReplFlags & { rootless?: boolean }) =>
      live("", opts, async () => {
        const { replCommand } = await import("../repl/command.js");
        return replCommand(opts, io);
      }),
    );

  serveOptions(
    labOptions(program.command("run").description("build a lab from FILE and leave it up (- reads standard input)")),
  )
    .argument("<FILE>")
    .option("--down", "tear the lab down when the script ends")
    .option("--json", "print one JSON object per line (each statement's outcome, then the result) instead of text")
    .action((file: string, opts) =>
      live("run", opts, async () => {
        const { runCommand } = await import("./live.js");
        return runCommand(file, opts, io);
      }),
    );
  labOptions(program.command("test").description("build each lab, check every expect, always tear down"))
    .argument("<FILE...>")
    .option("--json", "print one JSON object per line (outcomes, a result per file, a summary) instead of text")
    .action((files: string[], opts) =>
      live("test", opts, async () => {
        const { testCommand } = await import("./live.js");
        return testCommand(files, opts, io);
      }),
    );
  program
    .command("plan")
    .description("print the ip commands FILE would run (no root, changes nothing)")
    .argument("<FILE>")
    .addOption(new Option("--prefix <P>", "namespace name prefix").argParser(checkPrefix))
    .action(async (file: string, opts: { prefix?: string }) => {
      const { planCommand } = await import("./static.js");
      code = planCommand(file, opts, io);
    });
  program
    .command("graph")
    .description("draw the lab FILE builds: text, or -o lab.svg / --format dot|mermaid|svg (no root)")
    .argument("<FILE>")
    .option("-o, --output <OUT>", "write it to OUT; the format follows its extension (.svg, .dot, .mmd)")
    .addOption(new Option("--format <F>", "text, dot, mermaid or svg").choices(GRAPH_FORMATS))
    .action(async (file: string, opts: { output?: string; format?: GraphFormat }) => {
      const { graphCommand } = await import("./graph.js");
      code = await graphCommand(file, opts, io);
    });
  program
    .command("export")
    .description(
      "write FILE's lab as a bash script (bash lab.sh up | down | check) or a containerlab topology (no root)",
    )
    .argument("<FILE>")
    .addOption(
      new Option(
        "--format <F>",
        "sh: a bash script of ip, tc and nft commands; containerlab: a topology for containerlab deploy",
      )
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option("-o, --output <OUT>", "write it to OUT instead of standard output")
    .addOption(new Option("--prefix <P>", "sh: namespace name prefix").argParser(checkPrefix))
    .option("--image <IMG>", "containerlab: the nodes' container image (default: ghcr.io/srl-labs/network-multitool)")
    .action(async (file: string, opts: ExportOptions) => {
      const { exportCommand } = await import("./export.js");
      code = exportCommand(file, opts, io);
    });
  serveOptions(rootlessOption(program.command("tutorial")))
    .description("learn Linux networking lesson by lesson, on a live lab (--list: the lessons)")
    .argument("[N]", "the lesson to start at (default: the first not done)")
    .option("--list", "list the lessons and which are done")
    .option("--lang <L>", "en or zh (default: from LANG)")
    .action(async (n: string | undefined, opts: { list?: boolean; lang?: string; rootless?: boolean } & ServeFlags) => {
      const tutorial = async () => {
        const { tutorialCommand } = await import("./tutorial.js");
        return tutorialCommand(n, opts, io);
      };
      // The list of lessons needs no lab.
      if (opts.list) code = await tutorial();
      else await live("tutorial", opts, tutorial);
    });
  program
    .command("check")
    .description("parse and check FILEs against the language (no root, changes nothing)")
    .argument("<FILE...>")
    .action(async (files: string[]) => {
      const { checkCommand } = await import("./static.js");
      code = checkCommand(files, io);
    });
  serveOptions(
    program
      .command("serve")
      .description("serve the live page of a lab that another netl holds, following its changes (read-only)")
      .argument("<LAB>"),
    false,
  ).action(async (lab: string, opts: ServeFlags) => {
    const { serveCommand } = await import("./serve.js");
    code = await serveCommand(lab, opts, io);
  });
  program
    .command("lsp")
    .description("a language server for editors (LSP over standard input and output)")
    .action(async () => {
      const { lspCommand } = await import("../lsp/server.js");
      code = await lspCommand();
    });
  program
    .command("down")
    .description("remove a lab left up, everything its record lists")
    .argument("<LAB>")
    .action(async (lab: string) => {
      const { downCommand } = await import("./admin.js");
      code = await downCommand(lab, io, rootless({}));
    });
  program
    .command("clean")
    .description("remove every lab whose netl is gone, exactly what each record lists")
    .action(async () => {
      const { cleanCommand } = await import("./admin.js");
      code = await cleanCommand(io, rootless({}));
    });
  program
    .command("ls")
    .description("list the labs that have a record under /run/netl")
    .option("--json", "print the labs as one JSON array")
    .action(async (opts: { json?: boolean }) => {
      const { lsCommand } = await import("./admin.js");
      code = lsCommand(io, { ...opts, rootless: rootless({}) });
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
}

/** The program: `argv` is the user's arguments; it sets process.exitCode and never throws. */
export function start(argv: readonly string[]): void {
  runProgram(() => main(argv));
}
